"""A real (local) HTTP server standing in for GOV.UK Notify's API, for the text and email
backends and the delivery receipts: it records each request the official client sends and
answers with `reply` (or the next of `replies`, while there are some), after `delay` seconds."""

import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"coproduce_test-{SERVICE_ID}-{SECRET}"


class FakeNotify(ThreadingHTTPServer):
    """Notify's API as far as sending goes: records each request, answers with `reply`."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict] = []
        self.reply: tuple[int, dict] = (
            201,
            {"id": str(uuid.uuid4()), "reference": None, "content": {}, "template": {}},
        )
        self.replies: list[tuple[int, dict]] = []
        self.delay = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: FakeNotify

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.server.requests.append(
            {
                "path": self.path,
                "headers": dict(self.headers),
                "json": json.loads(self.rfile.read(length)),
            }
        )
        time.sleep(self.server.delay)
        status, payload = self.server.replies.pop(0) if self.server.replies else self.server.reply
        content = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, *args):  # the test reads requests from `requests`, not stderr
        pass


@contextmanager
def running_fake_notify() -> Iterator[FakeNotify]:
    server = FakeNotify()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def notify_error(status: int, kind: str, quoting: str) -> dict:
    """Notify's error shape; its message quotes what it was sent, as the worst case."""
    return {
        "status_code": status,
        "errors": [{"error": kind, "message": f"{quoting} not accepted"}],
    }
