"""Is there a keystore service at all? Asked of the session bus, without opening the keystore.

The activation wizard asks this on step 1, so that a desktop without GNOME
Keyring or KWallet is told before a PIN is typed. Opening the keystore to find
out (keyring's backend, then SecretStorage) loads the ``cryptography`` package
for the Secret Service's encrypted session: about 12 MB of memory in a window
that has not been used yet. Asking the bus daemon whether the service's name is
owned or can be started takes a few pure-Python D-Bus calls (jeepney, which
SecretStorage itself uses) and starts nothing.

The answer is keyring's own test (SecretStorage's ``check_service_availability``:
the name ``org.freedesktop.secrets`` owned or activatable), asked only where it
is the whole test: on Linux, when neither the user, the administrator nor this
process has chosen a keyring backend. Anywhere else, and whenever the bus
cannot be asked, the answer is "unknown" and the caller opens the keystore.
"""

from __future__ import annotations

import os
import sys

SECRET_SERVICE = "org.freedesktop.secrets"  # noqa: S105 - a D-Bus name
_KWALLET = ("org.kde.kwalletd6", "org.kde.kwalletd5")


def _backend_chosen() -> bool:
    """A backend set by PYTHON_KEYRING_BACKEND, keyringrc.cfg or keyring.set_keyring() wins over any probe."""
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    core = sys.modules.get("keyring.core")
    if core is not None and getattr(core, "_keyring_backend", None) is not None:
        return True
    # keyring.util.platform_.config_root() on Linux, written out: importing keyring (any part of it)
    # loads its whole backend machinery, ~2 MB, which this question does not need.
    from pathlib import Path

    root = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return (Path(root) / "python_keyring" / "keyringrc.cfg").exists()


def _names_on_bus() -> tuple[set[str], set[str]] | None:
    """The session bus's owned and activatable names; None if the bus cannot be asked."""
    try:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg
    except ImportError:
        return None
    bus = DBusAddress(
        "/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus"
    )
    try:
        with open_dbus_connection(bus="SESSION") as connection:
            (owned,) = unwrap_msg(
                connection.send_and_get_reply(new_method_call(bus, "ListNames"), timeout=2.0)
            )
            (startable,) = unwrap_msg(
                connection.send_and_get_reply(new_method_call(bus, "ListActivatableNames"), timeout=2.0)
            )
    except (OSError, KeyError, ValueError, TimeoutError, DBusErrorResponse):
        return None  # no session bus, or it did not answer: the keystore itself will say what is wrong
    return set(owned), set(startable)


def _kwallet_usable() -> bool:
    """keyring's KWallet backend needs dbus-python; without it a running KWallet is no keystore to keyring."""
    import importlib.util

    return importlib.util.find_spec("dbus") is not None


def keystore_present() -> bool | None:
    """True or False when the session bus answers it; None when only opening the keystore can tell."""
    if not sys.platform.startswith("linux") or _backend_chosen():
        return None
    names = _names_on_bus()
    if names is None:
        return None
    there = names[0] | names[1]
    return SECRET_SERVICE in there or (any(name in there for name in _KWALLET) and _kwallet_usable())


def refuse_without_keystore() -> bool:
    """Raise KeystoreUnavailable if the bus says there is no keystore; False if it cannot tell."""
    present = keystore_present()
    if present is False:
        from .keystore import no_keystore  # the same words as opening the keystore would give

        raise no_keystore()
    return present is True
