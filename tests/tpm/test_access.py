"""Which TPM softtoken talks to, and the words when it cannot (no simulator needed: runs everywhere)."""

from __future__ import annotations

import builtins
import os
from pathlib import Path
from typing import Any

import pytest

from softtoken.core.errors import ChipUnavailable
from softtoken.core.tpm import access
from softtoken.core.tpm.lockout import DaState, chip_locked_out


def test_the_tcti_comes_from_tpm2tools_tcti_then_tss2_tcti_then_the_device(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    both = {"TPM2TOOLS_TCTI": "swtpm:port=2321", "TSS2_TCTI": "mssim:port=2321"}
    assert access.find_tcti(both) == access.Tcti("swtpm:port=2321", "TPM2TOOLS_TCTI")
    assert access.find_tcti({"TSS2_TCTI": "mssim:port=2321"}).source == "TSS2_TCTI"
    device = tmp_path / "tpmrm0"
    device.write_bytes(b"")
    monkeypatch.setattr(access, "DEVICE", device)
    assert access.find_tcti({}) == access.Tcti(f"device:{device}", str(device))


def test_only_a_resource_manager_is_shared() -> None:
    assert access.Tcti("device:/dev/tpmrm0", "x").shared
    assert access.Tcti("tabrmd:bus_type=session", "x").shared
    assert not access.Tcti("swtpm:host=127.0.0.1,port=2321", "x").shared
    assert not access.Tcti("device:/dev/tpm0", "x").shared


def test_no_device_says_so() -> None:
    with pytest.raises(ChipUnavailable) as none:
        access.find_tcti({})
    assert none.value.message.startswith("softtoken finds no TPM 2.0 security chip on this computer (")


def test_a_device_the_account_may_not_open_names_the_tss_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Debian's tpm-udev makes /dev/tpmrm0 0660 root:tss. The check is os.access (root passes any)."""
    device = tmp_path / "tpmrm0"
    device.write_bytes(b"")
    device.chmod(0o600)
    monkeypatch.setattr(access, "DEVICE", device)
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: False if Path(path) == device else real_access(path, mode)
    )
    with pytest.raises(ChipUnavailable) as refused:
        access.find_tcti({})
    assert refused.value.message == (
        f"This computer has a TPM security chip, but your account may not use it ({device}); ask your IT "
        "department to add you to the 'tss' group, then log out and in again."
    )


def test_without_tpm2_pytss_the_app_says_which_extra_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pytss(name: str, *args: Any, **kwargs: Any) -> Any:
        # Only the library is missing, as in an install without the extra: softtoken's own chip.py
        # imports (it imports tpm2-pytss lazily), so blocking it too hid a crash (exit 70).
        if name.startswith("tpm2_pytss"):
            raise ModuleNotFoundError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pytss)
    with pytest.raises(ChipUnavailable) as missing:
        access.open_chip({"TPM2TOOLS_TCTI": "swtpm:port=1"})
    assert "installed without TPM support (the tpm2-pytss library)" in missing.value.message


def test_an_unanswering_tpm_names_the_setting() -> None:
    problem = access.unreachable(access.Tcti("swtpm:port=1", "TPM2TOOLS_TCTI"), "Connection refused")
    assert problem.message == (
        "The TPM security chip set in TPM2TOOLS_TCTI (swtpm:port=1) does not answer; check the setting or "
        "ask your IT department."
    )


@pytest.mark.parametrize(
    ("interval", "words"),
    [
        (600, "try again in about 10 minutes."),  # Windows' default: one failure forgotten every 10 minutes
        (1000, "try again in about 17 minutes."),  # swtpm's default
        (30, "try again in about a minute."),
        (0, "until your IT department resets it; ask them."),
    ],
)
def test_the_lockout_in_words(interval: int, words: str) -> None:
    error = chip_locked_out(
        DaState(failures=32, max_tries=32, interval=interval, recovery=0, in_lockout=True)
    )
    assert error.message.startswith(
        "The computer's security chip is pausing PIN checks after repeated wrong PINs"
    )
    assert error.message.endswith(words)
    assert error.wait_seconds == interval
