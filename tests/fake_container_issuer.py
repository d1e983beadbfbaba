"""A fake privacyIDEA token-container issuer on 127.0.0.1 that speaks the real protocol.

For unit and GUI tests (the e2e tier runs the real privacyIDEA 3.14). It does what
privacyIDEA does (/work/shared/reference/privacyidea-containers.md), with real
cryptography on both sides:

- ``registration_link()`` stands for the help desk's ``register/initialize``;
- ``/container/register/finalize`` checks the ECDSA P-384 signature over
  ``nonce|time|serial|<url>/container/register/finalize[|passphrase]``;
- ``/container/challenge`` hands out nonces; every signed call consumes one;
- ``/container/synchronize`` checks the signature over
  ``nonce|time|serial|<url>/container/synchronize|<key>|<client dict>``, re-keys every
  container token the client dict does not list and returns it in ``add``, the
  others in ``update``, AES-256-GCM (16-byte nonce) under the raw X25519 secret;
- ``/container/rollover`` answers a new registration link; when a new key
  finalizes with it every token is re-keyed and the old key stops working;
- ``/container/register/terminate/client`` unregisters.

Knobs for refused cases: ``tamper`` (flip a byte of the encrypted reply),
``down`` (the port is closed: ``stop()``), ``rollover_allowed``, ``fail_next``.

Usage::

    with FakeContainerIssuer() as issuer:
        issuer.add_token("TOTP0001")
        link = issuer.registration_link()
        ...
        issuer.passcode("TOTP0001", at=clock.now())
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, quote

import pyotp
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


@dataclass
class FakeToken:
    serial: str
    secret: str  # base32
    kind: str = "totp"
    digits: int = 6
    label: str = "dr.jones"


@dataclass
class _Registration:
    nonce: str
    time: str
    ttl_minutes: int
    passphrase: str = ""
    rollover: bool = False


@dataclass
class FakeContainerIssuer:
    serial: str = "SMPH0000FAKE"
    issuer_name: str = "privacyIDEA"
    rollover_allowed: bool = True
    unregister_allowed: bool = True
    tamper: bool = False
    ssl_verify: bool = False
    now: Any = time.time
    tokens: dict[str, FakeToken] = field(default_factory=dict)
    state: str = "unregistered"  # registered, rollover, rollover_completed
    public_key: ec.EllipticCurvePublicKey | None = None
    calls: list[str] = field(default_factory=list)
    client_dicts: list[dict[str, Any]] = field(default_factory=list)
    fail_next: tuple[int, int, str] | None = None  # (http status, code, message) for the next call
    url_path: str = ""  # a path prefix under which the issuer lives ("/pi")

    def __post_init__(self) -> None:
        self._pending: _Registration | None = None
        self._challenges: dict[str, str] = {}  # nonce -> time_stamp
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    # ------------------------------------------------------------------ running

    def start(self) -> FakeContainerIssuer:
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
                status, body = issuer._handle(self.path, form)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close the port (a server that is down); ``start()`` again reopens the same port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def __enter__(self) -> FakeContainerIssuer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.url_path}"

    # ------------------------------------------------------------------ the admin side

    def add_token(
        self, serial: str, *, kind: str = "totp", digits: int = 6, label: str = "dr.jones"
    ) -> FakeToken:
        token = FakeToken(serial, pyotp.random_base32(32), kind, digits, label)
        self.tokens[serial] = token
        return token

    def remove_token(self, serial: str) -> None:
        del self.tokens[serial]

    def passcode(self, serial: str, at: float) -> str:
        token = self.tokens[serial]
        return pyotp.TOTP(token.secret, digits=token.digits).at(int(at))

    def registration_link(
        self,
        *,
        ttl_minutes: int = 10,
        passphrase: str = "",
        prompt: str = "",
        issued_at: float | None = None,
        url: str | None = None,
    ) -> str:
        """What ``register/initialize`` answers as ``container_url.value``."""
        moment = datetime.fromtimestamp(self.now() if issued_at is None else issued_at, UTC).isoformat()
        self._pending = _Registration(secrets.token_hex(20), moment, ttl_minutes, passphrase)
        return self._link(self._pending, prompt, url or self.url)

    def _link(self, reg: _Registration, prompt: str, url: str) -> str:
        return (
            f"pia://container/{self.serial}?issuer={quote(self.issuer_name)}&ttl={reg.ttl_minutes}"
            f"&nonce={reg.nonce}&time={quote(reg.time)}&url={quote(url, safe='/')}&serial={self.serial}"
            f"&key_algorithm=secp384r1&hash_algorithm=SHA256&ssl_verify={self.ssl_verify}"
            f"&passphrase={quote(prompt)}&send_passphrase=False"
        )

    # ------------------------------------------------------------------ the protocol

    def _handle(self, path: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        with self._lock:
            prefix = self.url_path.rstrip("/")
            route = path[len(prefix) :] if prefix and path.startswith(prefix + "/") else path
            self.calls.append(route)
            if self.fail_next is not None:
                status, code, message = self.fail_next
                self.fail_next = None
                return _error(status, code, message)
            handlers = {
                "/container/register/finalize": self._finalize,
                "/container/challenge": self._challenge,
                "/container/synchronize": self._synchronize,
                "/container/rollover": self._rollover,
                "/container/register/terminate/client": self._terminate,
            }
            handler = handlers.get(route)
            if handler is None:
                return _error(404, 404, "Not found")
            if form.get("container_serial") != self.serial:
                return _error(
                    404, 601, f"Unable to find container with serial {form.get('container_serial')}"
                )
            try:
                return handler(form)
            except KeyError as exc:
                return _error(400, 905, f"Missing parameter: {exc.args[0]}")

    def _scope(self, path: str) -> str:
        return self.url + ("" if self.url.endswith("/") else "/") + path

    def _finalize(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        reg = self._pending
        if reg is None or (self.state == "registered" and not reg.rollover):
            return _error(400, 3000, "Container is already registered. Re-register it via the rollover flow.")
        issued = datetime.fromisoformat(reg.time).timestamp()
        key = serialization.load_pem_public_key(form["public_client_key"].encode())
        assert isinstance(key, ec.EllipticCurvePublicKey)
        fields = [
            reg.nonce,
            reg.time,
            self.serial,
            self._scope("container/register/finalize"),
            reg.passphrase,
        ]
        message = "|".join(f for f in fields if f)
        if self.now() > issued + reg.ttl_minutes * 60 or not _verifies(key, form["signature"], message):
            return _error(400, 3002, "Could not verify signature!")
        if reg.rollover:
            for token in self.tokens.values():  # rollover: every token re-keyed, the old device's codes fail
                token.secret = pyotp.random_base32(32)
            self.state = "registered"
        else:
            self.state = "registered"
        self.public_key = key
        self._pending = None
        return _ok({"success": True, "policies": self._policies()})

    def _policies(self) -> dict[str, bool]:
        return {
            "container_client_rollover": self.rollover_allowed,
            "disable_client_container_unregister": not self.unregister_allowed,
            "disable_client_token_deletion": False,
            "initially_add_tokens_to_container": False,
        }

    def _challenge(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if self.state not in ("registered", "rollover"):
            return _error(400, 3001, "Container is not registered.")
        scope = form["scope"]
        if not scope.endswith(
            ("container/synchronize", "container/register/terminate/client", "container/rollover")
        ):
            return _error(400, 905, "Unknown scope")
        nonce = secrets.token_hex(20)
        stamp = datetime.fromtimestamp(self.now(), UTC).isoformat()
        self._challenges[nonce] = stamp
        return _ok(
            {"nonce": nonce, "time_stamp": stamp, "enc_key_algorithm": "x25519", "transaction_id": None}
        )

    def _signed(self, path: str, form: dict[str, str], *extra: str) -> bool:
        """Does the signature verify against an open challenge? (It consumes that challenge.)"""
        if self.public_key is None:
            return False
        for nonce, stamp in list(self._challenges.items()):
            fields = [nonce, stamp, self.serial, self._scope(path), *extra]
            if _verifies(self.public_key, form["signature"], "|".join(f for f in fields if f)):
                del self._challenges[nonce]
                return True
        return False

    def _synchronize(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if self.state not in ("registered", "rollover"):
            return _error(400, 3001, "The container is not registered or was unregistered!")
        listing = form.get("container_dict_client", "")
        if not self._signed("container/synchronize", form, form["public_enc_key_client"], listing):
            return _error(400, 3002, "Could not verify signature!")
        client = json.loads(listing) if listing else {}
        self.client_dicts.append(client)
        held = {t.get("serial") for t in client.get("tokens", []) if isinstance(t, dict)}
        add, update = [], []
        for token in self.tokens.values():
            if token.serial in held:
                update.append(
                    {"serial": token.serial, "tokentype": token.kind, "offline": False, "counter": 0}
                )
            else:
                token.secret = pyotp.random_base32(32)  # delivered = re-keyed at this moment
                add.append(self._otpauth(token))
        plaintext = json.dumps(
            {
                "container": {"serial": self.serial, "type": "smartphone"},
                "tokens": {"add": add, "update": update},
            }
        ).encode()
        server_key = X25519PrivateKey.generate()
        client_key = X25519PublicKey.from_public_bytes(_unb64(form["public_enc_key_client"]))
        shared = server_key.exchange(client_key)
        nonce = secrets.token_bytes(16)
        sealed = AESGCM(shared).encrypt(nonce, plaintext, None)
        ciphertext, tag = bytearray(sealed[:-16]), sealed[-16:]
        if self.tamper and ciphertext:
            ciphertext[len(ciphertext) // 2] ^= 0x01
        public = server_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return _ok(
            {
                "container_dict_server": _b64(bytes(ciphertext)),
                "encryption_algorithm": "AES",
                "encryption_params": {
                    "algorithm": "AES",
                    "mode": "GCM",
                    "init_vector": _b64(nonce),
                    "tag": _b64(tag),
                },
                "public_server_key": _b64(public),
                "policies": self._policies(),
                "server_url": self.url,
            }
        )

    def _otpauth(self, token: FakeToken) -> str:
        return (
            f"otpauth://{token.kind}/{quote(self.issuer_name)}:{quote(token.label)}?secret={token.secret}"
            f"&issuer={quote(self.issuer_name)}&algorithm=SHA1&digits={token.digits}&period=30"
            f"&serial={token.serial}"
        )

    def _rollover(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if not self.rollover_allowed:
            return _error(403, 303, "Missing enrollment policy container_client_rollover.")
        if not self._signed("container/rollover", form):
            return _error(400, 3002, "Could not verify signature!")
        moment = datetime.fromtimestamp(self.now(), UTC).isoformat()
        self._pending = _Registration(secrets.token_hex(20), moment, 10, rollover=True)
        self.state = "rollover"
        link = self._link(self._pending, "", self.url)
        return _ok({"container_url": {"value": link, "img": ""}, "nonce": self._pending.nonce})

    def _terminate(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if not self.unregister_allowed:
            return _error(403, 303, "Unregistering the container is not allowed.")
        if not self._signed("container/register/terminate/client", form):
            return _error(400, 3002, "Could not verify signature!")
        self.state = "unregistered"
        self.public_key = None
        return _ok({"success": True})


def _verifies(key: ec.EllipticCurvePublicKey, signature: str, message: str) -> bool:
    try:
        key.verify(base64.urlsafe_b64decode(signature), message.encode(), ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError):
        return False
    return True


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _ok(value: Any) -> tuple[int, dict[str, Any]]:
    return 200, {"result": {"status": True, "value": value}, "version": "privacyIDEA fake"}


def _error(status: int, code: int, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"result": {"status": False, "error": {"code": code, "message": message}}}
