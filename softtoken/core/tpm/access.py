"""Which TPM softtoken talks to, and why it cannot, in words a prescriber can act on.

The TPM is reached through the standard TCTI configuration, the way tpm2-tools
does it, so an administrator (or a test) can point softtoken at another TPM or
a simulator: ``TPM2TOOLS_TCTI``, then ``TSS2_TCTI`` (for example
``swtpm:host=127.0.0.1,port=2321`` or ``device:/dev/tpmrm0``); without either,
Linux's ``/dev/tpmrm0`` (the kernel's resource manager). On Windows the TBS
TCTI (``tbs``) is the design, untested (SECURITY.md); macOS has no TPM.

The device is checked before tpm2-pytss is imported, so a computer without a
TPM pays nothing for asking.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Sentence
from .errors import ChipUnavailable

if TYPE_CHECKING:
    from .chip import Chip

ENVIRONMENT = ("TPM2TOOLS_TCTI", "TSS2_TCTI")  # tpm2-tools' variable first, as tpm2-tools reads them
DEVICE = Path("/dev/tpmrm0")  # the kernel resource manager (tpm-udev: group tss, mode 0660)
# TCTIs whose transient objects belong to the connection and go with it (a resource manager).
_SHARED = ("device:/dev/tpmrm", "tabrmd", "tbs")


@dataclass(frozen=True)
class Tcti:
    """A TPM connection as tpm2-tss spells it (``name:config``), and where that came from."""

    config: str
    source: str  # "TPM2TOOLS_TCTI", "TSS2_TCTI" or the device's path

    @property
    def shared(self) -> bool:
        """Behind a resource manager: a killed process's objects are flushed for it.

        A simulator or a raw device keeps them (three slots on swtpm): softtoken then
        flushes what a killed softtoken left behind before it starts (chip.py).
        """
        return self.config.startswith(_SHARED)


def find_tcti(environ: Mapping[str, str] | None = None) -> Tcti:
    """The configured TCTI, else the kernel's device; ChipUnavailable says why there is none."""
    env = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        value = env.get(name, "").strip()
        if value:
            return Tcti(value, name)
    if sys.platform == "win32":
        return Tcti("tbs", "Windows TBS")  # the design; untested (SECURITY.md)
    if sys.platform == "darwin":
        raise ChipUnavailable(
            "Macs have no TPM security chip, so softtoken protects tokens with the PIN and the keychain."
        )
    device = DEVICE
    if not device.exists():
        raise ChipUnavailable(
            "softtoken finds no TPM 2.0 security chip on this computer ({device} is missing); "
            "ask your IT department whether it has one and whether it is turned on.",
            params={"device": str(device)},
        )
    if not os.access(device, os.R_OK | os.W_OK):
        raise ChipUnavailable(
            "This computer has a TPM security chip, but your account may not use it ({device}); "
            "ask your IT department to add you to the 'tss' group, then log out and in again.",
            params={"device": str(device)},
        )
    return Tcti(f"device:{device}", str(device))


def library_missing() -> ChipUnavailable:
    return ChipUnavailable(
        "This softtoken was installed without TPM support (the tpm2-pytss library); ask your IT "
        "department to install softtoken with its 'tpm' extra."
    )


def open_chip(environ: Mapping[str, str] | None = None) -> Chip:
    """Open the TPM softtoken should use (see the module's docstring)."""
    tcti = find_tcti(environ)
    try:
        import tpm2_pytss  # noqa: F401  (chip.py imports it only inside its methods)

        from .chip import Chip
    except ImportError:
        raise library_missing() from None
    return Chip.open(tcti)


def unreachable(tcti: Tcti, problem: str) -> ChipUnavailable:
    """The configured TPM did not answer (a wrong TCTI setting, a stopped simulator, no permission)."""
    if "ermission" in problem or "EACCES" in problem:
        return ChipUnavailable(
            "This computer has a TPM security chip, but your account may not use it ({device}); "
            "ask your IT department to add you to the 'tss' group, then log out and in again.",
            params={"device": tcti.config},
        )
    return ChipUnavailable(
        "The TPM security chip set in {source} ({tcti}) does not answer; check the setting or ask "
        "your IT department.",
        params={"source": tcti.source, "tcti": tcti.config[:80]},
    )


def required_error(problem: ChipUnavailable) -> ChipUnavailable:
    """The admin policy asks for the TPM (protection = "tpm") and it cannot be used."""
    return ChipUnavailable(
        "The admin policy keeps tokens in the computer's TPM security chip, and it cannot be used "
        "here: {problem}",
        params={"problem": Sentence(problem)},
    )
