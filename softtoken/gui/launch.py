"""What ``softtoken`` settles about its process before Qt starts.

Plain Python only (no Qt, nothing heavy): this runs before the first paint.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

EXIT_NO_DISPLAY = 69  # EX_UNAVAILABLE: a service the app needs (the graphical session) is not there
NO_DISPLAY = "no graphical display: run it from your desktop session, or use softtoken-cli"

# The Qt platforms that need a display server, and how each one finds it.
_X11 = "xcb"
_WAYLAND = "wayland"


def _wayland_reachable(env: Mapping[str, str]) -> bool:
    """Qt's Wayland plugin connects to $WAYLAND_DISPLAY, or to "wayland-0" in the runtime folder."""
    if env.get("WAYLAND_DISPLAY"):
        return True
    runtime = env.get("XDG_RUNTIME_DIR", "")
    return bool(runtime) and os.path.exists(os.path.join(runtime, "wayland-0"))


def display_missing(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True when Qt would find no display to open its windows on, and abort (SIGABRT, exit 134).

    Qt's own message then says that reinstalling may help, which it never does.
    Only the platforms that need a display server are judged (``xcb``, ``wayland``,
    and Qt's default choice between them when ``QT_QPA_PLATFORM`` is unset);
    ``offscreen`` and the others are left to Qt, and so are Windows and macOS.
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "darwin"):
        return False
    wanted = env.get("QT_QPA_PLATFORM", "").strip()
    # "wayland;xcb" is a list Qt tries in order; "xcb:option=value" carries options.
    names = [part.split(":", 1)[0].strip() for part in wanted.split(";") if part.strip()] or ["", _X11]
    for name in names:
        if name == _X11 and env.get("DISPLAY"):
            return False
        if name == _WAYLAND and _wayland_reachable(env):
            return False
        if name == "" and env.get("WAYLAND_DISPLAY"):
            return False  # Qt's default: Wayland in a Wayland session, else X11
        if name not in ("", _X11, _WAYLAND):
            return False  # offscreen, minimal, vnc, eglfs...: not ours to judge
    return True


# ---------------------------------------------------------------- the session bus

_DBUS_PLAIN = frozenset(b"-_/.*0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _dbus_escape(value: str) -> str:
    """A D-Bus address value: bytes outside the optionally-escaped set become %XX."""
    return "".join(chr(b) if b in _DBUS_PLAIN else f"%{b:02x}" for b in os.fsencode(value))


def session_bus_address(env: Mapping[str, str], platform: str, uid: int) -> str | None:
    """The session bus address to set before Qt starts, or None to leave the environment alone.

    With ``DBUS_SESSION_BUS_ADDRESS`` unset, libdbus falls back to ``autolaunch:``:
    Qt's accessibility bridge (AT-SPI) asks for the session bus as soon as the
    QApplication exists on X11, and libdbus then runs ``dbus-launch``, whose new
    ``dbus-daemon`` (and ``dbus-launch`` itself) stay after softtoken exits, for the
    rest of the X session. jeepney (the keystore's D-Bus) never autolaunches; Qt's
    D-Bus does, so it must not be left to guess: the address is set to the user
    bus that systemd and dbus-user-session keep in the runtime folder, the first
    place libdbus itself looks. When there is none, connecting fails at once, as it
    should without a bus (screen readers need the desktop's bus anyway; the keystore
    reports its own absence).
    """
    if env.get("DBUS_SESSION_BUS_ADDRESS") or platform in ("win32", "darwin"):
        return None
    runtime = env.get("XDG_RUNTIME_DIR") or f"/run/user/{uid}"
    return f"unix:path={_dbus_escape(os.path.join(runtime, 'bus'))}"
