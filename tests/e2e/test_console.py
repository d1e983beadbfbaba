"""The console's own behaviour against the real issuer: sessions, signatures, refusals."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .pi_server import PiServer
from .support import E2E, Api, Console

pytestmark = E2E


def test_login_session_file_and_logout(pi_server: PiServer, console: Console, tmp_path: Path) -> None:
    session = tmp_path / "private" / "session.json"
    env = {"SOFTTOKEN_HELPDESK_SESSION": str(session)}
    wrong = console(
        "login", "--user", pi_server.admin, "--password-stdin", stdin="not-the-password\n", env=env
    )
    assert wrong.code == 77 and "did not accept that admin name and password" in wrong.err
    assert not session.exists()

    done = console(
        "login", "--user", pi_server.admin, "--password-stdin", stdin=pi_server.admin_password, env=env
    )
    assert done.code == 0, done.err
    assert stat.S_IMODE(session.stat().st_mode) == 0o600
    assert stat.S_IMODE(session.parent.stat().st_mode) == 0o700
    assert pi_server.admin_password not in session.read_text()
    jwt = __import__("json").loads(session.read_text())["jwt"]
    assert jwt not in done.out + done.err

    assert console("status", "bob", env=env).code == 0
    os.chmod(session, 0o644)
    leaky = console("status", "bob", env=env)
    assert leaky.code == 78 and "Others can read the session file" in leaky.err
    os.chmod(session, 0o600)

    out = console("logout", env=env)
    assert out.code == 0 and not session.exists()
    after = console("status", "bob", env=env)
    assert after.code == 77 and "not logged in" in after.err


def test_one_command_login_without_a_session_file(
    pi_server: PiServer, console: Console, tmp_path: Path
) -> None:
    env = {"SOFTTOKEN_HELPDESK_SESSION": str(tmp_path / "none.json")}
    result = console(
        "--admin",
        pi_server.admin,
        "--admin-password-stdin",
        "status",
        "bob",
        stdin=pi_server.admin_password,
        env=env,
    )
    assert result.code == 0, result.err
    assert not (tmp_path / "none.json").exists()


def test_answers_signed_with_another_key_are_refused(console: Console, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    pem = tmp_path / "other.pem"
    pem.write_bytes(
        other.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    result = console("--issuer-key", pem, "status", "bob")
    assert result.code == 76 and "not signed with its key" in result.err


def test_refusals_are_one_line_messages(console: Console, api: Api) -> None:
    unknown = console("issue", "nobody", "--no-qr")
    assert unknown.code == 65 and "no prescriber 'nobody' in realm e2e" in unknown.err
    assert unknown.err.count("\n") == 1

    issued = console("issue", "bob", "--no-qr", "--type", "hotp")
    serial = issued.out.split("Serial: ")[1].split(".")[0]
    assert console("replace", "bob", "--reason", "forgot-pin", "--serial", serial, "--no-qr").code == 0
    revoked = console("finish-enrollment", serial, "--otp-stdin", stdin="123456")
    assert revoked.code == 65 and "revoked" in revoked.err

    # bob has the replacement now: a second soft token only with --additional.
    second = console("issue", "bob", "--no-qr")
    assert second.code == 2 and "use 'replace bob" in second.err and "--additional" in second.err
    more = console("issue", "bob", "--no-qr", "--additional")
    assert more.code == 0
    ambiguous = console("replace", "bob", "--reason", "new-workstation", "--no-qr")
    assert ambiguous.code == 2 and "--serial" in ambiguous.err

    unreachable = console("--server", "http://127.0.0.1:9", "--admin", "x", "--admin-password-stdin",
                          "status", "bob", stdin="pw\n")  # fmt: skip
    assert unreachable.code == 69 and "Cannot reach the issuer" in unreachable.err

    status = console("status", "bob")
    assert status.code == 0 and "revoked" in status.out and "FAILS" in status.out


def test_the_client_cleans_up_a_token_it_made(pi_server: PiServer, api: Api) -> None:
    """issue deletes a half-made token; DELETE must pass the nonce and signature checks too."""
    from softtoken.helpdesk.client import Issuer

    issuer = Issuer(pi_server.url, public_key=pi_server.audit_public_key)
    try:
        issuer.login(pi_server.admin, pi_server.admin_password)
        answer = issuer.init({"type": "totp", "genkey": "1", "user": "bob", "realm": pi_server.realm})
        serial = answer.detail["serial"]
        assert api.token(serial) is not None
        issuer.delete(serial)
        assert api.token(serial) is None
    finally:
        issuer.close()
