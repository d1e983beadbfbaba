"""Replacement: the old token's passcodes are refused by the issuer, the new one's accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import E2E, Api, App, Console, Result, secret_of, wait_for_fresh_step

pytestmark = E2E


def _activate_replacement(app: App, link: str, tmp_path: Path) -> Result:
    if app.has_replace():
        write = tmp_path / "new-link.txt"
        from .support import PIN, write_private

        write_private(write, link + "\n")
        return app.cli(
            "replace",
            write,
            "--token",
            "old",
            "--reason",
            "new-token",
            "--name",
            "new",
            "--pin-stdin",
            stdin=f"{PIN}\n{PIN}\n",
        )
    # TODO: use the lead's `softtoken-cli replace SOURCE --token NAME --reason new-token
    # [--name NEW] --pin-stdin` once it exists; until then the new token is activated beside the old.
    return app.activate(link, "new", tmp_path / "new-link.txt")


@pytest.mark.parametrize(("user", "reason"), [("erin", "new-token"), ("frank", "lost")])
def test_replace_revokes_the_old_token(
    console: Console, app: App, api: Api, tmp_path: Path, user: str, reason: str
) -> None:
    # The old token is HOTP so that its next passcode is fresh: a refusal is the revocation,
    # not the replay rule.
    first = console("issue", user, "--type", "hotp", "--no-qr")
    assert first.code == 0, first.err
    old_serial = first.out.split("Serial: ")[1].split(".")[0]
    assert app.activate(first.link, "old", tmp_path / "old-link.txt").code == 0
    assert api.accepts(app.code("old"), user=user)

    replaced = console("replace", user, "--reason", reason, "--no-qr")
    assert replaced.code == 0, replaced.err
    assert f"Revoked the old token {old_serial}" in replaced.out
    new_serial = replaced.out.split("Serial: ")[1].split(".")[0]
    # The lines follow the order on the issuer: 'lost' revokes first, the others issue first.
    lines = replaced.out.splitlines()
    revoked_at = next(i for i, line in enumerate(lines) if line.startswith("Revoked the old token"))
    issued_at = next(i for i, line in enumerate(lines) if line.startswith(f"Issued token {new_serial}"))
    assert (revoked_at < issued_at) == (reason == "lost"), replaced.out
    assert new_serial != old_serial
    assert secret_of(replaced.link) != secret_of(first.link)  # the old secret is never reused

    old = api.token(old_serial)
    assert old is not None and old["revoked"] and old["locked"] and not old["active"]
    assert reason in old["description"]
    stale = app.code("old")
    by_serial = api.validate(stale, serial=old_serial)
    assert by_serial["http_status"] == 400 and by_serial["result"]["error"]["code"] == 1007  # revoked
    assert not api.accepts(stale, user=user)

    activated = _activate_replacement(app, replaced.link, tmp_path)
    assert activated.code == 0, activated.out + activated.err
    wait_for_fresh_step()
    assert api.accepts(app.code("new"), user=user)

    status = console("status", user, "--json")
    states = {t["serial"]: t["state"] for t in status.json["tokens"]}
    assert states == {old_serial: "revoked", new_serial: "active"}

    again = console("replace", user, "--reason", reason, "--serial", old_serial)
    assert again.code == 65 and "already revoked" in again.err
