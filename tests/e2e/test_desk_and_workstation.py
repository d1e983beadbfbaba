"""The whole story with both real programs: the help desk's console and the prescriber's CLI.

A workstation registered once receives new and replacement tokens without any
e-mail link, and the prescriber moves to a new workstation by themselves. The
console (softtoken-helpdesk) and the prescriber's softtoken-cli (a subprocess,
its own data folder) talk to the same real privacyIDEA 3.14; the server's
/validate/check judges every passcode. User ``mona`` of realm ``clinic`` is used
by no other test.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from .pi_server import DOC_REALM
from .support import E2E, PIN, Api, App, Console, Result, wait_for_fresh_step

pytestmark = E2E
USER = "mona"
CLINIC = {"SOFTTOKEN_ISSUER_REALM": DOC_REALM}


@pytest.fixture(scope="module")
def desk(console: Console) -> Console:
    done = console("setup", "--containers", "--registration-ttl", "10", "--client-rollover", env=CLINIC)
    assert done.code == 0, done.err
    return Console({**console.environ, **CLINIC})


def _serial(result: Result) -> str:
    found = re.search(r"Serial: ([A-Z0-9]+)", result.out)
    assert found, result.out
    return found.group(1)


def _register(app: App, desk: Console, tmp_path: Path, *extra: str) -> None:
    link_file = tmp_path / f"registration-{len(list(tmp_path.iterdir()))}.txt"
    made = desk("register-workstation", USER, "--files-only", "--link-file", link_file, *extra)
    assert made.code == 0, made.err
    registered = app.cli("register", "-", "--yes", stdin=link_file.read_text())
    assert registered.code == 0, registered.err
    assert "This workstation is registered with" in registered.out, registered.out


def _accepted(app: App, api: Api, serial: str, name: str = "EPCS") -> bool:
    wait_for_fresh_step()
    return api.accepts(app.code(name), serial=serial)


def test_registered_once_tokens_arrive_and_the_prescriber_moves_alone(
    desk: Console, api: Api, tmp_path: Path
) -> None:
    first = App.make(tmp_path / "first")
    _register(first, desk, tmp_path)

    # A new token: no link anywhere, it arrives at the next sync and is named and PIN'd there.
    issued = desk("issue", USER)
    assert issued.code == 0, issued.err
    serial = _serial(issued)
    assert "otpauth://" not in issued.out + issued.err
    assert "It will appear on the prescriber's workstation at the next sync" in issued.out
    synced = first.cli("sync", "--name", "EPCS", "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")
    assert synced.code == 0, synced.err
    assert f"Token 'EPCS' (serial {serial}) is activated." in synced.out, synced.out
    assert _accepted(first, api, serial)
    shown = first.cli("status")
    assert "Registered with" in shown.out and "last synchronized 20" in shown.out, shown.out

    # A replacement: the old token leaves the workstation, the new one arrives.
    replaced = desk("replace", USER, "--reason", "forgot-pin", "--json")
    assert replaced.code == 0, replaced.err
    new_serial = replaced.json["serial"]
    synced = first.cli("sync", "--name", "EPCS", "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")
    assert synced.code == 0, synced.err
    assert f"(serial {new_serial}) is activated." in synced.out, synced.out
    listed = first.cli("status", "--json").out
    assert new_serial in listed and serial not in listed
    assert _accepted(first, api, new_serial)

    # Moving to a new workstation, self-service: the old one shows a link, the new one registers.
    link_file = tmp_path / "move.txt"
    moving = first.cli("move-out", "--link-file", link_file)
    assert moving.code == 0, moving.err
    assert stat.S_IMODE(link_file.stat().st_mode) == 0o600
    old_code = first.code("EPCS")
    second = App.make(tmp_path / "second")
    registered = second.cli("register", "-", "--yes", stdin=link_file.read_text())
    assert registered.code == 0, registered.err
    arrived = second.cli("sync", "--name", "EPCS", "--pin-stdin", stdin=f"{PIN}\n{PIN}\n")
    assert arrived.code == 0, arrived.err
    assert _accepted(second, api, new_serial)
    assert not api.accepts(old_code, serial=new_serial)  # re-keyed: the old workstation's codes are gone
    done = first.cli("move-out", "--finish", "--yes")
    assert done.code == 0, done.err
    gone = first.cli("code", "--pin-stdin", stdin=f"{PIN}\n")
    assert gone.code != 0 and "Registered with" not in first.cli("status").out

    # The help desk sees the new workstation, synchronized.
    containers = desk("status", USER, "--json").json["containers"]
    assert [c["registration_state"] for c in containers] == ["registered"], containers
    assert containers[0]["last_synchronization"]
