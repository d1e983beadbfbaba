"""While the first window waits for the prescriber, nothing it does not need is loaded.

Peak memory is measured from outside (docs/performance.md, the shared startup-bench tool); these
check, in the real app, the structure behind it: once the wizard has made all its steps and asked
whether there is a keystore, and once the token window has read and checked its vault, neither has
loaded cryptography (the Secret Service's session or HKDF), OpenSSL (hashlib, hmac) or QtNetwork,
nor made PySide types for widgets and events it never shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from softtoken.core.policy import Policy
from softtoken.core.vault.crypto import KdfParams
from softtoken.core.vault.vault import Vault
from tests.vaults import description

# Run the real app; once its background work is done, record what is loaded, then quit.
PROBE = textwrap.dedent(
    """
    import json, sys
    from softtoken.gui import startup

    run = startup.AfterFirstPaint._run

    def after_first_paint(self):
        run(self)
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from softtoken.gui import workers

        def settled():
            windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
            wizard = next((w for w in windows if type(w).__name__ == "ActivationWizard"), None)
            window = next((w for w in windows if type(w).__name__ == "TokenWindow"), None)
            if wizard is not None:  # all its steps, and the keystore question asked and answered
                return wizard._steps is not None and "softtoken.core.keystore_probe" in sys.modules
            return window is not None and bool(window.tokens)  # the vault read and checked

        def poll():
            if settled() and not workers.busy():
                print("PROBE " + json.dumps(sorted(sys.modules)), flush=True)
                made = [name for module in ("QtCore", "QtGui", "QtWidgets")
                        for name in vars(sys.modules["PySide6." + module])]
                print("TYPES " + json.dumps(sorted(made)), flush=True)
                QApplication.quit()
            else:
                QTimer.singleShot(20, poll)

        poll()

    startup.AfterFirstPaint._run = after_first_paint
    from softtoken.gui.__main__ import main
    sys.exit(main(sys.argv[1:]))
    """
)

NOT_WHILE_IDLE = (
    "cryptography",
    "hashlib",
    "_hashlib",
    "hmac",
    "PySide6.QtNetwork",
    "keyring",
    "secretstorage",
    "tpm2_pytss",
)


# PySide makes a class's Python type when it is first used. Handed an object Qt made itself (a
# scroll area's viewport, a wizard's inner widgets, an event in an override of event() or
# changeEvent()), it makes every subclass's type to find out which it is: ~1 MB for QWidget's
# ~70 (QCalendarWidget, QMdiArea...), ~0.3 MB for QEvent's ~50. None of these is ever shown.
NEVER_USED_WIDGETS = ("QCalendarWidget", "QMdiArea", "QTableWidget", "QDockWidget")
NEVER_USED_EVENTS = ("QGraphicsSceneMouseEvent", "QNativeGestureEvent", "QTabletEvent")

_TYPES: dict[Path, list[str]] = {}


def types_made_once_idle(home: Path) -> list[str]:
    """The PySide6 types made in the run of :func:`loaded_once_idle` for ``home``."""
    return _TYPES[home]


def loaded_once_idle(home: Path, *args: str) -> list[str]:
    runtime = home.parent / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SOFTTOKEN_HOME=str(home))
    env["XDG_RUNTIME_DIR"] = str(runtime)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("PROBE ")), None)
    assert result.returncode == 0 and line is not None, result.stderr
    modules: list[str] = json.loads(line.removeprefix("PROBE "))
    types = next(x for x in result.stdout.splitlines() if x.startswith("TYPES "))
    _TYPES[home] = json.loads(types.removeprefix("TYPES "))
    return modules


def test_the_wizard_waiting_on_step_one_has_not_opened_the_keystore(
    tmp_path: Path, session_bus: Callable[..., str]
) -> None:
    session_bus("org.freedesktop.secrets")  # a desktop with GNOME Keyring (activatable, not started)
    modules = loaded_once_idle(tmp_path / "new-user")
    assert [m for m in modules if m.startswith(NOT_WHILE_IDLE)] == []
    made = types_made_once_idle(tmp_path / "new-user")
    assert [t for t in made if t in NEVER_USED_WIDGETS + NEVER_USED_EVENTS] == []


def test_the_locked_token_window_checks_its_vault_without_cryptography_or_openssl(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('device_key_store = "file"\n')
    home = tmp_path / "prescriber"
    vault = Vault(home, policy=Policy(device_key_store="file"), kdf=KdfParams(64, 1, 1))
    vault.activate(description(), "Work", "8642", "8642")
    modules = loaded_once_idle(home, "--policy", str(policy))
    assert "softtoken.core.vault.vault" in modules  # it did read the vault
    # (Its event filters still see every kind of event: only the widgets are checked here.)
    assert [t for t in types_made_once_idle(home) if t in NEVER_USED_WIDGETS] == []
    # Nor OpenSSL: the file's HMAC and the audit log's SHA-256 come from core/digest.py.
    assert [m for m in modules if m.startswith(NOT_WHILE_IDLE)] == []
    # The pages few see (a disabled token, an unreadable vault, no token) wait until shown.
    assert "softtoken.gui.trouble_pages" not in modules
