"""A day at the help desk without the web UI: check, reset, resync, enable/disable, revoke, unassign,
cancel, show-activation, token, stock, history, against the real privacyIDEA.

Passcodes come from pyotp with the link's secret (an implementation independent of the console);
the issuer's own API (``api``) is the oracle for what changed.
"""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pskc
import pyotp

from .pi_server import PiServer
from .support import E2E, Api, Console, secret_of

pytestmark = E2E

HOTP_URN = "urn:ietf:params:xml:ns:keyprov:pskc:hotp"
BLANKS = ("", " ", "\t")


def _hotp_token(console: Console, user: str, *extra: str) -> tuple[str, pyotp.HOTP]:
    issued = console("issue", user, "--type", "hotp", "--json", *extra)
    assert issued.code == 0, issued.err
    return issued.json["serial"], pyotp.HOTP(secret_of(issued.json["link"]))


def _snapshot(api: Api, serial: str) -> dict[str, Any]:
    token = api.token(serial)
    assert token is not None
    keep = ("username", "active", "revoked", "locked", "failcount", "description", "rollout_state", "count")
    return {k: token[k] for k in keep}


def _wrong(code: str) -> str:
    return f"{(int(code) + 500_000) % 1_000_000:06d}"


def test_blank_users_and_foreign_serials_change_nothing(console: Console, api: Api, tmp_path: Path) -> None:
    """carol-style: henry's token must survive every command aimed at "" or at someone else."""
    serial, hotp = _hotp_token(console, "henry")
    before = _snapshot(api, serial)
    unowned_before = len(api.tokens(assigned="False"))
    otp = hotp.at(1)
    for blank in (*BLANKS, "a b", "*", "alice,bob"):
        for argv, stdin in (
            (["issue", blank, "--no-qr"], ""),
            (["replace", blank, "--reason", "new-token", "--serial", serial, "--no-qr"], ""),
            (["link-hard-token", blank, "--serial", serial, "--otp-stdin"], otp),
            (["status", blank], ""),
            (["check", blank, "--otp-stdin"], otp),
            (["check", blank, "--serial", serial, "--otp-stdin"], otp),
            (["reset", blank], ""),
            (["history", blank], ""),
            (["revoke", blank, "--serial", serial], ""),
            (["disable", blank, "--serial", serial], ""),
            (["cancel", blank, "--serial", serial], ""),
        ):
            result = console(*argv, stdin=stdin)
            assert result.code == 65, (argv, result.out, result.err)
            assert "user name" in result.err and result.out == "", (argv, result.err)
    for argv, stdin in (
        (["replace", "ivy", "--reason", "new-token", "--serial", serial, "--no-qr"], ""),
        (["replace", "ivy", "--reason", "lost", "--serial", serial, "--no-qr"], ""),
        (["check", "ivy", "--serial", serial, "--otp-stdin"], otp),
        (["reset", "ivy", "--serial", serial], ""),
        (["resync", "ivy", "--serial", serial, "--otp-stdin"], f"{hotp.at(5)} {hotp.at(6)}"),
        (["disable", "ivy", "--serial", serial], ""),
        (["revoke", "ivy", "--serial", serial], ""),
        (["unassign", "ivy", "--serial", serial], ""),
        (["cancel", "ivy", "--serial", serial], ""),
        (["link-hard-token", "ivy", "--serial", serial, "--otp-stdin"], otp),
    ):
        result = console(*argv, stdin=stdin)
        assert result.code == 65, (argv, result.out, result.err)
        assert serial in result.err and "henry" in result.err, (argv, result.err)
    assert _snapshot(api, serial) == before  # still henry's, active, no failed attempt, same text
    assert len(api.tokens(assigned="False")) == unowned_before  # no token without an owner appeared
    assert api.accepts(otp, serial=serial)  # the passcode was never spent


def test_check_reset_resync_disable_enable_revoke(console: Console, api: Api) -> None:
    serial, hotp = _hotp_token(console, "ivy")
    wrong = console("check", "ivy", "--otp-stdin", stdin=_wrong(hotp.at(1)))
    assert wrong.code == 65 and wrong.out.startswith("Rejected:"), wrong.out + wrong.err
    accepted = console("check", "ivy", "--otp-stdin", "--json", stdin=hotp.at(1))
    assert accepted.code == 0, accepted.err
    assert accepted.json["accepted"] is True and accepted.json["matched_serial"] == serial
    assert accepted.json["realm"] == "e2e"
    replay = console("check", "ivy", "--serial", serial, "--otp-stdin", "--json", stdin=hotp.at(1))
    assert replay.code == 65 and replay.json["reason"] == "replayed"

    # Locked out on the issuer: ten wrong passcodes, then even the right one is refused until reset.
    for _ in range(10):
        console("check", "ivy", "--otp-stdin", stdin=_wrong(hotp.at(2)))
    full = console("status", "ivy")
    assert "fail counter full" in full.out
    blocked = console("check", "ivy", "--otp-stdin", "--json", stdin=hotp.at(2))
    assert blocked.code == 65 and blocked.json["reason"] == "fail_counter_full"
    reset = console("reset", "ivy")
    assert reset.code == 0, reset.err
    assert f"Reset the fail counter of token {serial} of ivy@e2e (it was" in reset.out
    assert api.token(serial)["failcount"] == 0
    assert console("reset", "--serial", serial).out.endswith("is 0 already; nothing changed.\n")

    # The counter ran ahead beyond the look-ahead window (10): resync with two in a row.
    far = console("check", "ivy", "--otp-stdin", stdin=hotp.at(40))
    assert far.code == 65
    bad = console("resync", "--serial", serial, "--otp-stdin", stdin=f"{hotp.at(40)} {hotp.at(45)}")
    assert bad.code == 65 and "two in a row" in bad.err
    synced = console(
        "resync", "ivy", "--serial", serial, "--otp-stdin", stdin=f"{hotp.at(40)}\n{hotp.at(41)}\n"
    )
    assert synced.code == 0, synced.err
    assert api.accepts(hotp.at(42), serial=serial)

    disabled = console("disable", "--serial", serial)
    assert disabled.code == 0 and "is now disabled" in disabled.out, disabled.err
    refused = console("check", "ivy", "--serial", serial, "--otp-stdin", "--json", stdin=hotp.at(43))
    assert refused.json["reason"] == "disabled"
    enabled = console("enable", "ivy", "--serial", serial, "--json")
    assert enabled.code == 0 and enabled.json["changed"] == [serial]
    assert enabled.json["tokens"][0]["state"] == "active"
    assert console("check", "ivy", "--otp-stdin", stdin=hotp.at(44)).code == 0

    # Everything about the token, with the last successful authentication in local time.
    shown = console("token", serial)
    assert shown.code == 0, shown.err
    assert "Owner:" in shown.out and "ivy@e2e" in shown.out and "Fail counter:" in shown.out
    last = next(line for line in shown.out.splitlines() if line.startswith("Last authentication:"))
    assert "never" not in last and len(last.split()) == 5  # "Last authentication: DATE TIME ZONE"
    as_json = console("token", serial, "--json").json
    assert as_json["last_auth"] and as_json["last_auth"][10] == "T" and as_json["user"] == "ivy"
    status = console("status", "ivy")
    assert "LAST AUTH" in status.out and status.out.count(last.split(": ", 1)[1].split()[0]) >= 2

    history = console("history", "ivy", "--json", "--last", "50")
    assert history.code == 0, history.err
    actions = [e["what"] for e in history.json["entries"]]
    assert {"passcode check", "reset fail counter", "resync", "enable", "disable"} <= set(actions)
    assert all(e["date"] and "T" in e["date"] for e in history.json["entries"])
    text = console("history", "--serial", serial, "--last", "3")
    assert text.code == 0 and text.out.startswith(f"Audit log of token {serial}, newest first (3):")

    revoked = console("revoke", "ivy", "--serial", serial)
    assert revoked.code == 0 and "is now revoked" in revoked.out
    token = api.token(serial)
    assert token["revoked"] and "revoked by" in token["description"]
    again = console("revoke", "--serial", serial)
    assert again.code == 0 and "already revoked; nothing changed" in again.out
    cannot = console("enable", "--serial", serial)
    assert cannot.code == 65 and "revoked for good" in cannot.err


def test_cancel_and_show_activation(console: Console, api: Api, pi_server: PiServer) -> None:
    issued = console("issue", "judy", "--verify", "--no-qr", "--json")
    assert issued.code == 0, issued.err
    serial, link = issued.json["serial"], issued.json["link"]
    shown = console("show-activation", "--serial", serial, "--json")
    assert shown.code == 0, shown.err
    assert shown.json["link"] == link and shown.json["finish"][1] == "finish-enrollment"
    text = console("show-activation", "--serial", serial, "--no-qr")
    assert "waits for its activation to be finished" in text.out and link in text.out

    elsewhere = console(
        "--admin", pi_server.admin, "--admin-password-stdin", "show-activation", "--serial", serial,
        stdin=pi_server.admin_password,
    )  # fmt: skip
    assert elsewhere.code == 65 and "does not hold the activation" in elsewhere.err
    assert link not in elsewhere.out + elsewhere.err

    cancelled = console("cancel", "judy", "--serial", serial)
    assert cancelled.code == 0, cancelled.err
    assert api.token(serial) is None
    gone = console("show-activation", "--serial", serial)
    assert gone.code == 65 and f"no token {serial}" in gone.err

    # A token in use is never cancelled, and its link is never shown again.
    plain = console("issue", "judy", "--no-qr", "--json")
    in_use = plain.json["serial"]
    refused = console("cancel", "--serial", in_use)
    assert refused.code == 65 and "not waiting for an activation" in refused.err
    never = console("show-activation", "--serial", in_use)
    assert never.code == 65 and "never shown again" in never.err
    assert api.token(in_use)["active"]


def _pskc(path: Path, serials: tuple[str, ...]) -> dict[str, pyotp.HOTP]:
    container = pskc.PSKC()
    tokens = {}
    for serial in serials:
        seed = secrets.token_bytes(20)
        container.add_key(id=serial, serial=serial, secret=seed, algorithm=HOTP_URN, response_length=6,
                          counter=0, manufacturer="Acme Tokens")  # fmt: skip
        tokens[serial] = pyotp.HOTP(base64.b32encode(seed).decode())
    container.write(str(path))
    return tokens


def test_stock_link_and_unassign(console: Console, api: Api, tmp_path: Path) -> None:
    tokens = _pskc(tmp_path / "stock.pskc", ("HW000301", "HW000302"))
    assert console("import-pskc", tmp_path / "stock.pskc").code == 0
    stock = console("stock", "--json")
    assert stock.code == 0 and stock.json["realm"] == "e2e"
    listed = {t["serial"]: t for t in stock.json["tokens"]}
    assert {"HW000301", "HW000302"} <= set(listed) and listed["HW000301"]["kind"] == "hardware"
    assert all(t["user"] is None for t in listed.values())

    linked = console(
        "link-hard-token", "kim", "--serial", "HW000301", "--otp-stdin", stdin=tokens["HW000301"].at(0)
    )
    assert linked.code == 0, linked.err
    assert "HW000301" not in console("stock").out
    moved = console("link-hard-token", "ivy", "--serial", "HW000301", "--otp-stdin", stdin="123456")
    assert moved.code == 65 and "unassign --serial HW000301" in moved.err
    unlinked = console("unassign", "kim", "--serial", "HW000301")
    assert unlinked.code == 0 and "back in stock" in unlinked.out, unlinked.err
    assert api.owner("HW000301") == "" and "HW000301" in console("stock").out

    soft = console("issue", "kim", "--no-qr", "--json").json["serial"]
    refused = console("unassign", "--serial", soft)
    assert refused.code == 2 and "Revoke it instead" in refused.err
    assert api.owner(soft) == "kim"


def test_realm_is_resolved_and_told_apart_from_the_user(
    console: Console, pi_server: PiServer, tmp_path: Path
) -> None:
    one_shot = ["--admin", pi_server.admin, "--admin-password-stdin"]
    env = {"SOFTTOKEN_ISSUER_REALM": "", "SOFTTOKEN_HELPDESK_SESSION": str(tmp_path / "none.json")}
    pw = pi_server.admin_password
    status = console(*one_shot, "status", "kim", "--json", stdin=pw, env=env)
    assert status.code == 0, status.err
    assert status.json["realm"] == "e2e"  # the server's default realm, not null
    text = console(*one_shot, "status", "kim", stdin=pw, env=env)
    assert text.out.startswith("Tokens of kim (realm e2e):")
    wrong_realm = console(*one_shot, "--realm", "nope", "status", "kim", stdin=pw, env=env)
    assert wrong_realm.code == 65 and "no realm 'nope'" in wrong_realm.err and "e2e" in wrong_realm.err
    unknown_user = console(*one_shot, "--realm", "clinic", "status", "nobody", stdin=pw, env=env)
    assert unknown_user.code == 65 and "no prescriber 'nobody' in realm clinic" in unknown_user.err
    assert "ERR904" not in unknown_user.err


def test_files_only_prints_neither_link_nor_qr(console: Console, api: Api, tmp_path: Path) -> None:
    before = len(api.tokens(user="henry", realm="e2e"))
    nowhere = console("issue", "henry", "--additional", env={"SOFTTOKEN_HELPDESK_FILES_ONLY": "1"})
    assert nowhere.code == 2 and "--link-file" in nowhere.err
    assert len(api.tokens(user="henry", realm="e2e")) == before  # refused before anything was issued
    link_file, png = tmp_path / "henry.link", tmp_path / "henry.png"
    done = console("issue", "henry", "--additional", "--files-only", "--link-file", link_file, "--png", png)
    assert done.code == 0, done.err
    assert "otpauth://" not in done.out + done.err and "▀" not in done.out
    assert "only in the files" in done.out
    assert link_file.read_text().startswith("otpauth://totp/")
    quiet = console("issue", "henry", "--additional", "--json", "--link-file", tmp_path / "two.link",
                    env={"SOFTTOKEN_HELPDESK_FILES_ONLY": "1"})  # fmt: skip
    assert quiet.code == 0 and quiet.json["link"] is None and "otpauth" not in quiet.out


def test_https_to_a_plain_http_server_names_the_mismatch(console: Console, pi_server: PiServer) -> None:
    https = pi_server.url.replace("http://", "https://")
    result = console(
        "--server", https, "--admin", "x", "--admin-password-stdin", "status", "bob", stdin="pw\n"
    )
    assert result.code == 69 and "does not speak TLS" in result.err, result.err


def test_a_closed_pipe_ends_quietly(console: Console) -> None:
    """``status bob | head -1``: the reader is gone before the first line is written."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "softtoken.helpdesk", "status", "bob"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **console.environ},
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    assert done.returncode == 141, done.stderr
    assert done.stderr == ""
