"""A small OpenID Connect provider on 127.0.0.1, standing in for NHS CIS2 and NHS login in
tests: discovery, keys, authorize, token and user info. `faults` makes its ID token wrong in
one way at a time, to prove each is refused."""

import base64
import hashlib
import json
import secrets
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

KID = "test-key"
FAULTS = ("other_key", "wrong_aud", "wrong_iss", "expired", "wrong_nonce", "no_nonce")


def _rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeOIDCProvider:
    def __init__(self, client_id: str = "coproduce-test") -> None:
        self.client_id = client_id
        self.key = _rsa_key()
        self.other_key = _rsa_key()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.reset()

    def reset(self, **claims) -> None:
        """Back to a good provider, for a person with these claims."""
        self.person = {"sub": "person-1", "email_verified": True, **claims}
        self.faults: set[str] = set()
        self.pending: dict[str, dict] = {}
        self.token_requests: list[dict] = []
        self.authorize_requests: list[dict] = []

    def start(self) -> "FakeOIDCProvider":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # What the endpoints answer.
    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt"],
        }

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": KID, "alg": "RS256", "use": "sig"}]}

    def authorize(self, query: dict) -> str:
        self.authorize_requests.append(query)
        code = secrets.token_urlsafe(16)
        self.pending[code] = query
        return f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"

    def token(self, form: dict) -> tuple[int, dict]:
        self.token_requests.append(form)
        asked = self.pending.pop(form.get("code", ""), None)
        if asked is None or asked["redirect_uri"] != form.get("redirect_uri"):
            return 400, {"error": "invalid_grant"}
        challenge = base64.urlsafe_b64encode(
            hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        ).rstrip(b"=")
        if asked.get("code_challenge") and challenge.decode() != asked["code_challenge"]:
            return 400, {"error": "invalid_grant"}
        access_token = secrets.token_urlsafe(16)
        self.pending[f"access:{access_token}"] = asked
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self.id_token(asked.get("nonce")),
        }

    def id_token(self, nonce: str | None) -> str:
        now = int(time.time())
        claims = {
            **self.person,
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "jti": str(uuid.uuid4()),
            "nonce": nonce,
            # What NHS login also sends, which we must not keep.
            "nhs_number": "9999999999",
            "birthdate": "1970-01-01",
        }
        faults = self.faults
        if "wrong_aud" in faults:
            claims["aud"] = "someone-else"
        if "wrong_iss" in faults:
            claims["iss"] = "http://127.0.0.1:1/"
        if "expired" in faults:
            claims["iat"], claims["exp"] = now - 3600, now - 600
        if "wrong_nonce" in faults:
            claims["nonce"] = "not-the-nonce-we-were-sent"
        if "no_nonce" in faults:
            del claims["nonce"]
        key = self.other_key if "other_key" in faults else self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KID})

    def userinfo(self, authorization: str) -> tuple[int, dict]:
        token = authorization.removeprefix("Bearer ")
        if f"access:{token}" not in self.pending:
            return 401, {"error": "invalid_token"}
        return 200, {**self.person, "nhs_number": "9999999999", "phone_number": "+447700900000"}


def _handler_for(provider: FakeOIDCProvider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def _json(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            if url.path == "/.well-known/openid-configuration":
                self._json(200, provider.discovery())
            elif url.path == "/jwks":
                self._json(200, provider.jwks())
            elif url.path == "/authorize":
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                self.send_response(302)
                self.send_header("Location", provider.authorize(query))
                self.end_headers()
            elif url.path == "/userinfo":
                self._json(*provider.userinfo(self.headers.get("Authorization", "")))
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlparse(self.path).path == "/token":
                self._json(*provider.token(form))
            else:
                self._json(404, {"error": "not_found"})

    return Handler
