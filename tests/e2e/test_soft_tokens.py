"""Issue a soft token on privacyIDEA, activate it in the app, and let the issuer judge its passcodes."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from .support import E2E, Api, App, Console, secret_of, wait_for_fresh_step

pytestmark = E2E


def test_issue_activate_validate_and_replay(console: Console, app: App, api: Api, tmp_path: Path) -> None:
    png = tmp_path / "alice.png"
    issued = console.subprocess("issue", "alice", "--png", png)  # the real entry point, once
    assert issued.code == 0, issued.err
    assert "ready for use after syncing with the network, which may take up to 60 minutes" in issued.out
    assert "▀" in issued.out or "▄" in issued.out  # the QR code drawn in the terminal
    assert stat.S_IMODE(png.stat().st_mode) == 0o600
    serial = issued.out.split("Serial: ")[1].split(".")[0]
    assert api.owner(serial) == "alice"

    from softtoken.core.activation.qrimage import decode_qr_image

    assert decode_qr_image(png.read_bytes()) == [issued.link]  # the PNG holds exactly the link

    activated = app.activate(issued.link, "work", tmp_path / "link.txt")
    assert activated.code == 0, activated.err
    assert f"serial {serial}" in activated.out

    wait_for_fresh_step()
    code = app.code()
    first = api.validate(code, user="alice")
    assert first["result"]["authentication"] == "ACCEPT", first
    assert first["detail"]["serial"] == serial
    replay = api.validate(code, serial=serial)
    assert replay["result"]["authentication"] == "REJECT"
    assert "previous otp used again" in replay["detail"]["message"]


def test_verify_enrollment_with_the_apps_passcode(
    console: Console, app: App, api: Api, tmp_path: Path
) -> None:
    issued = console("issue", "carol", "--verify", "--type", "hotp", "--json")
    assert issued.code == 0, issued.err
    info = issued.json
    serial = info["serial"]
    assert info["rollout_state"] == "verify"
    assert info["finish"] == ["softtoken-helpdesk", "finish-enrollment", serial]
    assert "--otp-stdin" in info["finish_hint"]
    assert "counter=1" in info["link"]  # privacyIDEA's HOTP quirk; the app must cope

    assert app.activate(info["link"], "carol", tmp_path / "link.txt").code == 0
    first = app.code()
    assert not api.accepts(first, serial=serial)  # not usable before the proof

    wrong = console(
        "finish-enrollment", serial, "--otp-stdin", stdin="000000" if first != "000000" else "111111"
    )
    assert wrong.code == 65
    assert "does not match" in wrong.err
    assert api.token(serial)["rollout_state"] == "verify"

    done = console("finish-enrollment", serial, "--otp-stdin", stdin=first)
    assert done.code == 0, done.err
    assert api.token(serial)["rollout_state"] == "enrolled"
    again = console("finish-enrollment", serial, "--otp-stdin", stdin=first)
    assert again.code == 65 and "not waiting" in again.err

    assert api.accepts(app.code(), user="carol")  # a later code
    assert api.accepts(app.code(), serial=serial)


@pytest.mark.parametrize("token_type", ["totp", "hotp"])
def test_two_step_activation(console: Console, app: App, api: Api, tmp_path: Path, token_type: str) -> None:
    issued = console("issue", "dave", "--two-step", "--type", token_type, "--no-qr", "--additional")
    assert issued.code == 0, issued.err
    serial = issued.out.split("Serial: ")[1].split(".")[0]
    assert "2step_salt=" in issued.link
    assert api.token(serial)["rollout_state"] == "clientwait"

    activated = app.activate(issued.link, f"dave-{token_type}", tmp_path / "link.txt")
    assert activated.code == 0, activated.err
    client_part = App.client_part(activated)
    assert len(client_part.replace(" ", "")) == 20  # 4 check bytes + 8 client bytes, base32

    # A typo in the first group changes the check bytes: caught before anything is sent.
    typo = ("B" if client_part[0] == "A" else "A") + client_part[1:]
    mistyped = console("finish-two-step", serial, "--client-part-stdin", stdin=typo)
    assert mistyped.code == 65, mistyped.err
    assert "typing mistake" in mistyped.err
    assert api.token(serial)["rollout_state"] == "clientwait"  # nothing was sent
    missing = console("finish-two-step", serial, "--client-part-stdin", stdin=client_part.rsplit(" ", 1)[0])
    assert missing.code == 65 and "too short" in missing.err and "one group is missing" in missing.err

    done = console("finish-two-step", serial, "--client-part-stdin", stdin=client_part.lower())
    assert done.code == 0, done.err
    assert api.token(serial)["rollout_state"] == "enrolled"

    wait_for_fresh_step()
    assert api.accepts(app.code(), user="dave")
    if token_type == "hotp":
        assert api.accepts(app.code(), serial=serial)


def test_the_app_refuses_a_link_that_repeats_a_seed(console: Console, app: App, tmp_path: Path) -> None:
    issued = console("issue", "grace", "--no-qr")
    assert issued.code == 0, issued.err
    assert app.activate(issued.link, "first", tmp_path / "one.txt").code == 0
    again = app.activate(issued.link, "second", tmp_path / "two.txt")
    assert again.code == 65, again.out + again.err
    assert "repeats a seed" in again.err
    assert secret_of(issued.link) not in again.out + again.err
