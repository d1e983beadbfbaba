"""Workstations registered with the issuer (privacyIDEA containers), from the help desk's side.

The console makes the registration link, puts new and replacement tokens into the registered
workstation, ends a lost workstation's registration, and moves a workstation; a bare-bones
workstation (tests/e2e/workstation.py, plain httpx + cryptography) registers the link and syncs,
and the issuer's own /validate/check is the oracle. The users live in the doc's realm ``clinic``
(henry, ivy, judy, kim there are used by no other test), so no other test's `issue` reaches
their containers.
"""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest

from .pi_server import DOC_REALM
from .support import E2E, Api, Console, Result, wait_for_fresh_step
from .workstation import Refused, Workstation

pytestmark = E2E
CLINIC = {"SOFTTOKEN_ISSUER_REALM": DOC_REALM}


@pytest.fixture(scope="module")
def desk(console: Console) -> Console:
    """The console in realm clinic, with the container policy set up (rollover by the client allowed)."""
    done = console("setup", "--containers", "--registration-ttl", "10", "--client-rollover", env=CLINIC)
    assert done.code == 0, done.err
    assert done.out.startswith("Set the container policy 'softtoken-helpdesk-containers'"), done.out
    shown = console("setup")
    assert "Workstation registration: ready" in shown.out, shown.out
    return Console({**console.environ, **CLINIC})


def _serial(result: Result) -> str:
    return result.out.split("Serial: ")[1].split(".")[0]


def _registered(desk: Console, user: str, tmp_path: Path, name: str = "link") -> Workstation:
    link_file = tmp_path / f"{user}-{name}.txt"
    made = desk("register-workstation", user, "--files-only", "--link-file", link_file)
    assert made.code == 0, made.err
    assert "pia://" not in made.out  # files only: the link is not on the terminal
    assert stat.S_IMODE(link_file.stat().st_mode) == 0o600
    workstation = Workstation(link_file.read_text().strip())
    assert workstation.register()["success"] is True
    return workstation


def _accepts(api: Api, workstation: Workstation, serial: str) -> bool:
    wait_for_fresh_step()
    return api.accepts(workstation.code(serial), serial=serial)


def test_a_registered_workstation_gets_new_and_replacement_tokens(
    desk: Console, api: Api, tmp_path: Path
) -> None:
    before = desk("status", "henry")
    assert before.code == 0 and "Workstation: not registered with the issuer" in before.out

    as_json = desk("register-workstation", "henry", "--no-qr", "--json")
    assert as_json.code == 0, as_json.err
    body = as_json.json
    assert body["link"].startswith(f"pia://container/{body['container_serial']}?")
    assert body["container_created"] is True and body["new_workstation"] is False
    assert body["ttl_minutes"] == 10 and body["expires_at"]
    waiting = desk("status", "henry", "--json").json["containers"]
    assert [(c["serial"], c["registration_state"]) for c in waiting] == [
        (body["container_serial"], "client_wait")
    ]

    workstation = _registered(desk, "henry", tmp_path)  # a second link for the same container: reused
    assert workstation.serial == body["container_serial"]
    again = desk("register-workstation", "henry", "--no-qr")
    assert again.code == 2 and "registered with the issuer already" in again.err
    assert "--new-workstation" in again.err and again.err.count("\n") == 1

    refused = desk("issue", "henry", "--verify")
    assert refused.code == 2 and "--no-container" in refused.err

    issued = desk("issue", "henry", "--png", tmp_path / "henry.png")
    assert issued.code == 0, issued.err
    serial = _serial(issued)
    assert "otpauth://" not in issued.out + issued.err and not (tmp_path / "henry.png").exists()
    assert (
        "It will appear on the prescriber's workstation at the next sync (within 15 minutes).\n" in issued.out
    )
    assert api.token(serial)["container_serial"] == workstation.serial  # type: ignore[index]

    synced = workstation.sync()
    assert list(synced.added) == [serial] and synced.removed == []
    assert _accepts(api, workstation, serial)

    status = desk("status", "henry", "--json").json
    (container,) = status["containers"]
    assert container["registered"] is True and container["registration_state"] == "registered"
    assert container["last_synchronization"] and container["tokens"] == [serial]
    assert [t["container"] for t in status["tokens"]] == [workstation.serial]
    text = desk("status", "henry").out
    assert (
        f"Workstation container {workstation.serial} (smartphone): registered; last synchronized 20" in text
    )

    replaced = desk("replace", "henry", "--reason", "forgot-pin", "--json")
    assert replaced.code == 0, replaced.err
    new = replaced.json
    assert new["delivery"] == "container" and new["container"] == workstation.serial and new["link"] is None
    assert [s["action"] for s in new["steps"]] == ["issue", "revoke"]
    synced = workstation.sync()
    assert list(synced.added) == [new["serial"]] and synced.removed == [serial]  # the old one leaves
    assert _accepts(api, workstation, new["serial"])
    assert api.validate("123456", serial=serial)["http_status"] == 400  # revoked (ERR1007)

    moving = desk("replace", "henry", "--reason", "new-workstation")
    assert moving.code == 2 and "register-workstation henry --new-workstation" in moving.err

    # Moving to a new workstation: a rollover link; the new one gets every token, re-keyed.
    rolled = desk(
        "register-workstation", "henry", "--new-workstation", "--no-qr", "--link-file", tmp_path / "new.txt"
    )
    assert rolled.code == 0, rolled.err
    assert rolled.out.startswith("Moving henry's workstation in realm clinic")
    old_code = workstation.code(new["serial"], time.time() + 30)
    second = Workstation((tmp_path / "new.txt").read_text().strip())
    second.register()
    assert list(second.sync().added) == [new["serial"]]
    assert _accepts(api, second, new["serial"])
    assert not api.accepts(old_code, serial=new["serial"])  # the old workstation's secret is gone
    with pytest.raises(Refused):
        workstation.sync()  # its key is no longer the container's


def test_a_lost_workstation_is_unregistered_and_the_new_one_gets_the_replacement(
    desk: Console, api: Api, tmp_path: Path
) -> None:
    lost = _registered(desk, "ivy", tmp_path)
    first = desk("issue", "ivy")
    assert first.code == 0, first.err
    old = _serial(first)
    lost.sync()

    replaced = desk("replace", "ivy", "--reason", "lost")
    assert replaced.code == 0, replaced.err
    lines = replaced.out.splitlines()
    assert lines[0] == f"Revoked the old token {old} (lost); it can never be used again."
    assert lines[1].startswith(f"Ended the lost workstation's registration (container {lost.serial})")
    assert "register-workstation ivy" in replaced.out and "otpauth://" not in replaced.out
    new = _serial(replaced)
    with pytest.raises(Refused) as refused:
        lost.sync()
    assert refused.value.code == 3001  # not registered any more

    shown = desk("status", "ivy", "--json").json
    assert [c["registered"] for c in shown["containers"]] == [False]

    found = _registered(desk, "ivy", tmp_path, "second")
    assert found.serial == lost.serial  # the same container, a new key
    synced = found.sync()
    assert list(synced.added) == [new]  # the revoked token left the container
    assert _accepts(api, found, new)


def test_no_container_keeps_the_link_and_bad_input_is_refused(
    desk: Console, api: Api, tmp_path: Path
) -> None:
    workstation = _registered(desk, "judy", tmp_path)
    linked = desk("issue", "judy", "--no-container", "--no-qr")
    assert linked.code == 0, linked.err
    assert linked.link.startswith("otpauth://")
    assert not api.token(_serial(linked)).get("container_serial")  # type: ignore[union-attr]
    assert workstation.sync().added == {}

    for argv, code, words in (
        (["register-workstation", "nobody"], 65, "There is no prescriber 'nobody' in realm clinic"),
        (["register-workstation", " "], 65, "Give the prescriber's user name"),
        (["register-workstation", "kim", "--files-only"], 2, "--link-file"),
        (["setup", "--containers", "--registration-ttl", "ten"], 65, "1 to 1440"),
        (["setup", "--containers", "--workstation-url", "http://issuer.example.org"], 65, "https://"),
        (["setup", "--containers", "--workstation-url", "https://u:p@issuer.example.org"], 65, "password"),
        (["setup", "--client-rollover"], 2, "go with --containers"),
    ):
        result = desk(*argv)
        assert result.code == code, (argv, result.err)
        assert words in result.err and result.err.count("\n") == 1, (argv, result.err)
    assert desk("status", "nobody").code == 65
    assert desk("status", "kim", "--json").json["containers"] == []  # nothing was made for kim
