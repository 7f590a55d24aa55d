"""The server the browser tests talk to.

By default it is pytest-django's `live_server`: Django's development server in a thread of the
test process, with the test settings. With COPRODUCE_TEST_SERVER=production it is what a trust
runs instead: gunicorn and the task worker in their own processes, with production settings
(DEBUG off, a random SECRET_KEY, the manifest static storage after `collectstatic`, mail sent by
SMTP), on the same PostgreSQL test database as the test process.

HTTPS: production redirects plain HTTP to HTTPS, marks cookies Secure and, for an HTTPS request,
accepts a form only if the browser says it came from an https:// page (CSRF's Origin check). A
browser talking plain HTTP while the server is told `X-Forwarded-Proto: https` would keep the
Secure cookies (Chromium treats 127.0.0.1 as trustworthy) but have every form refused with 403,
unless CSRF_TRUSTED_ORIGINS were loosened to an http:// origin no trust would set. So gunicorn speaks TLS itself, with a certificate made for this run, and the browser
is on https:// exactly as behind a trust's proxy; only the proxy is missing."""

import base64
import datetime
import hashlib
import ipaddress
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import quote

from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests.browser.checks import REPO_ROOT

MODE_VARIABLE = "COPRODUCE_TEST_SERVER"
HOST = "127.0.0.1"
PYTHON = sys.executable
GUNICORN = Path(sys.executable).with_name("gunicorn")
GUNICORN_CONFIG = REPO_ROOT / "deploy" / "gunicorn.conf.py"
WORKER_COMMAND = REPO_ROOT / "src" / "coproduce" / "core" / "management" / "commands" / "worker.py"
# Chromium opens connections before it needs them; a synchronous gunicorn worker waits on such
# an idle connection until it is used or dropped. A trust's proxy never does that, so there two
# workers a core are plenty; here, with the browser talking to gunicorn directly, a few more
# keep pages from queueing behind an idle connection.
WEB_WORKERS = 4
START_TIMEOUT = 60
STOP_TIMEOUT = 15


def production_mode() -> bool:
    mode = os.environ.get(MODE_VARIABLE, "")
    if mode not in {"", "live", "production"}:
        raise ValueError(f"{MODE_VARIABLE} must be 'production', 'live' or unset, not {mode!r}")
    return mode == "production"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class LiveServer:
    """pytest-django's live server: plain HTTP, test settings."""

    url: str

    def context_options(self) -> dict:
        return {}

    def browser_args(self) -> list[str]:
        return []


# -- Mail ------------------------------------------------------------------------------------


@dataclass
class Email:
    to: list[str]
    subject: str
    body: str


class SMTPInbox:
    """aiosmtpd's handler: keeps every message a server process sends, as an Email."""

    def __init__(self) -> None:
        self.messages: list[Email] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = message_from_bytes(envelope.content, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        self.messages.append(
            Email(
                to=list(envelope.rcpt_tos),
                subject=str(message["subject"] or ""),
                body=body.get_content() if body is not None else "",
            )
        )
        return "250 Message accepted for delivery"


# -- The production server -------------------------------------------------------------------


def make_certificate(folder: Path) -> tuple[Path, Path, str]:
    """A self-signed certificate for 127.0.0.1, valid for a day: gunicorn serves TLS with it,
    the test process checks the server against it, and Chromium is told to trust its key (the
    third value, the base64 SHA-256 of the public key, is what Chromium's flag takes)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(HOST))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "server.crt", folder / "server.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    public_key = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    fingerprint = base64.b64encode(hashlib.sha256(public_key).digest()).decode()
    return cert_path, key_path, fingerprint


def database_url(settings_dict: dict) -> str:
    """The test process's database (after pytest-django made it) as a DATABASE_URL."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(settings_dict['NAME'], safe='')}"


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path

    def tail(self, lines: int = 60) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def check_alive(self) -> None:
        if self.popen.poll() is not None:
            raise ServerError(
                f"{self.name} stopped (exit code {self.popen.returncode}). "
                f"The end of its output:\n{self.tail()}"
            )

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                # Its whole process group (it was started in its own session): gunicorn's
                # workers too, which would otherwise keep the test database open.
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()


class ServerError(RuntimeError):
    pass


@dataclass
class ProductionServer:
    """gunicorn and the task worker, with production settings, for one test run."""

    workdir: Path
    database_url: str
    secret_key: str
    smtp_port: int
    port: int = field(default_factory=free_port)
    processes: list[Process] = field(default_factory=list)
    key_fingerprint: str = ""

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.port}"

    def browser_args(self) -> list[str]:
        # Chromium trusts this run's certificate as if a real authority had signed it: its
        # pages are secure contexts and its downloads are allowed, as on a trust's site.
        return [f"--ignore-certificate-errors-spki-list={self.key_fingerprint}"]

    def context_options(self) -> dict:
        # Playwright's own HTTP client (page.request) does not go through Chromium, and knows
        # nothing of the flag above.
        return {"ignore_https_errors": True}

    def environment(self) -> dict[str, str]:
        """The test process's environment, less what marks it as a test run, plus the settings
        a trust gives in production."""
        env = {
            name: value
            for name, value in os.environ.items()
            # PYTEST_* would make settings.TESTING true; Playwright's variable would let the ORM
            # run inside an event loop; a developer's own REDIS_URL or settings must not leak in.
            if not name.startswith(("PYTEST_", "DJANGO_", "COPRODUCE_", "EMAIL_", "SMS_"))
            and name not in {"DEBUG", "SECRET_KEY", "REDIS_URL", "TASKS_BACKEND", "SITE_URL"}
        }
        env.update(
            {
                "DEBUG": "false",
                "SECRET_KEY": self.secret_key,
                "ALLOWED_HOSTS": HOST,
                "DATABASE_URL": self.database_url,
                "SITE_URL": self.url,
                "STATIC_ROOT": str(self.workdir / "static"),
                "COPRODUCE_VAR_DIR": str(self.workdir / "var"),
                "EMAIL_HOST": HOST,
                "EMAIL_PORT": str(self.smtp_port),
                "EMAIL_USE_TLS": "false",
                # Read by deploy/gunicorn.conf.py.
                "HOST": HOST,
                "PORT": str(self.port),
                "WEB_CONCURRENCY": str(WEB_WORKERS),
                "LOG_LEVEL": "WARNING",
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    def _manage(self, *args: str) -> list[str]:
        return [PYTHON, str(REPO_ROOT / "manage.py"), *args]

    def collectstatic(self) -> None:
        result = subprocess.run(
            self._manage("collectstatic", "--noinput", "-v", "0"),
            cwd=REPO_ROOT,
            env=self.environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise ServerError(f"collectstatic failed:\n{result.stdout}\n{result.stderr}")

    def _spawn(self, name: str, command: list[str]) -> Process:
        log = self.workdir / f"{name}.log"
        handle = log.open("wb")
        popen = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=self.environment(),
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        handle.close()
        process = Process(name, popen, log)
        self.processes.append(process)
        return process

    def start(self) -> None:
        (self.workdir / "var").mkdir(parents=True, exist_ok=True)
        cert, key, self.key_fingerprint = make_certificate(self.workdir)
        self.collectstatic()
        web = self._spawn("gunicorn", self._gunicorn_command(cert, key))
        # A short interval: journeys wait for the mail a task sends.
        worker = "worker" if WORKER_COMMAND.exists() else "db_worker"
        self._spawn(worker, self._manage(worker, "--interval", "0.2", "--no-startup-delay"))
        self._wait_until_answering(web, cert)

    def _gunicorn_command(self, cert: Path, key: Path) -> list[str]:
        """gunicorn as deploy/gunicorn.conf.py sets it up for a trust, with TLS added (a
        trust's proxy does TLS; here there is no proxy)."""
        tls = ["--certfile", str(cert), "--keyfile", str(key)]
        if GUNICORN_CONFIG.exists():
            return [str(GUNICORN), "--config", str(GUNICORN_CONFIG), *tls]
        # Before deploy/ existed: the same essentials on the command line.
        return [
            str(GUNICORN),
            "coproduce.wsgi:application",
            "--pythonpath",
            str(REPO_ROOT / "src"),
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(WEB_WORKERS),
            "--preload",
            *tls,
        ]

    def _wait_until_answering(self, web: Process, cert: Path) -> None:
        tls = ssl.create_default_context(cafile=str(cert))
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            for process in self.processes:
                process.check_alive()
            try:
                # The sign-in page: answered by the app itself (not only by gunicorn), with
                # no one signed in.
                with urllib.request.urlopen(  # noqa: S310 (our own https URL)
                    f"{self.url}/accounts/login/", context=tls, timeout=5
                ) as answer:
                    if answer.status == 200:
                        return
            except urllib.error.HTTPError as error:
                raise ServerError(
                    f"The production server answered {error.code} to the sign-in page. "
                    f"The end of its output:\n{web.tail(20)}"
                ) from None
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise ServerError(
                    f"The production server did not answer within {START_TIMEOUT}s. "
                    f"The end of its output:\n{web.tail()}"
                )
            time.sleep(0.2)

    def check_alive(self) -> None:
        for process in self.processes:
            process.check_alive()

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()

    def remove_files(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Passwords the test process sets, in the format production reads (pbkdf2_sha256, with
    the number of rounds stored in each hash) but with few rounds, so that making a user takes
    no time. The production server checks them with its own hasher, and strengthens the hash
    at the first sign-in as it would an old one."""

    iterations = 1000


def new_secret_key() -> str:
    return secrets.token_urlsafe(50)
