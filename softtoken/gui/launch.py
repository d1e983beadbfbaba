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


# ---------------------------------------------------------------- PySide6's import hook


def skip_pyside_source_scan() -> bool:
    """Stop PySide6 from reading the source of every module imported after it; True if it did.

    Importing PySide6 replaces ``builtins.__import__`` with a hook that serves
    ``from __feature__ import snake_case, true_property`` (PySide6's opt-in
    spellings, which softtoken never uses). After each import the hook reads the
    new module's whole source with ``inspect.getsource`` to look for "PySide6",
    and that keeps every line of it in ``linecache`` for the rest of the session:
    about 3 MB of source text (7 MB of RSS) in the token window, more in the
    wizard, and ~10 % of the import time. Putting Python's own import back
    turns only that off: a module PySide6 has not scanned counts as one that
    chose no feature, as every softtoken module is (shiboken's ``getFeatureSelectId``).
    Must run right after PySide6 is first imported; does nothing if the hook is not there.
    """
    import builtins

    original = getattr(builtins, "__orig_import__", None)
    if original is None or builtins.__import__ is original:
        return False
    builtins.__import__ = original
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


# ---------------------------------------------------------------- a link on the command line

LINK_FROM_STDIN = "--link-stdin"  # internal: the link comes on standard input, not on the command line
MAX_LINK = 64 * 1024  # what one hand-off message to a running window may carry (single_instance)


def relaunch_command() -> list[str]:
    """How to start this same program again: the bundle's executable, or this interpreter with the
    options and the script or module it was started with (``softtoken``, ``-m softtoken.gui``)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    lead = len(sys.orig_argv) - len(sys.argv)  # the interpreter and its options, then the script or -m
    return [sys.executable, *sys.orig_argv[1 : lead + 1]]


def hand_over(link: str, options: list[str]) -> bool:
    """Give ``link`` to a fresh ``softtoken`` on its standard input; True once it has it.

    ``softtoken LINK`` is what the desktop runs for a clicked activation link, and
    any user can read a process's command line (``/proc/PID/cmdline``, ``ps``) for
    as long as it runs. So the process that got the link on its command line starts
    the app again without it (the same program, with ``options``), writes the link
    into that process's standard input and exits at once; the new process becomes
    the window, or hands the link to the running one. The app's own session: it
    does not end with the launcher or the terminal. False when no process could be
    started: then this one carries on with the link, as before.
    """
    import subprocess

    try:
        child = subprocess.Popen(  # noqa: S603 - this very program, with our own options
            [*relaunch_command(), *options, LINK_FROM_STDIN],
            stdin=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError:
        return False
    assert child.stdin is not None  # noqa: S101 - stdin=PIPE
    try:
        # The pipe holds it until the new process reads it; bytes that are not UTF-8 stay as they
        # came (surrogateescape), for the new process to refuse in one sentence.
        child.stdin.write(link.encode("utf-8", "surrogateescape"))
        child.stdin.close()
    except OSError:  # it died at once; it said why on the terminal we share
        pass
    return True


def link_from_stdin() -> str | None:
    """The link a launching ``softtoken`` wrote into our standard input (see :func:`hand_over`)."""
    from softtoken.core.textinput import read_stdin_text

    text = read_stdin_text(sys.stdin, "activation link", limit=MAX_LINK).strip()
    return text or None
