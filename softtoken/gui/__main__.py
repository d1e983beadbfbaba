"""Entry point of ``softtoken``, the desktop app: ``softtoken [LINK]``.

Start-up is what users feel: only Qt's core modules and the small GUI
modules load before the first window is painted; crypto, QR, PSKC and the
keystore load later, in the background or when used.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Sequence


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="softtoken", description="softtoken: your e-prescribing soft token."
    )
    parser.add_argument(
        "link",
        nargs="?",
        help="an otpauth:// or otpauth-migration:// activation link, or a pia://container registration",
    )
    parser.add_argument(
        "--home", metavar="DIR", help="data directory (default: $SOFTTOKEN_HOME or the platform's)"
    )
    parser.add_argument("--policy", metavar="FILE", help="admin policy file (default: the system policy)")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="print 'first-paint <ms>' after the first window is painted, then quit",
    )
    parser.add_argument("--link-stdin", action="store_true", help=argparse.SUPPRESS)  # see launch.hand_over
    return parser


def _options(args: argparse.Namespace) -> list[str]:
    """The command-line options of ``args`` (not the link), to start the app again with."""
    options = []
    if args.home is not None:
        options += ["--home", args.home]
    if args.policy is not None:
        options += ["--policy", args.policy]
    if args.smoke_test:
        options.append("--smoke-test")
    return options


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    # Start-up makes ~20,000 long-lived objects (PySide6's own modules, Qt types) and hardly any
    # garbage, yet Python's collector ran ~40 times over them (~10 ms) before the first paint.
    # It is off until the first window is up (run() turns it back on), and never left off.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv, started, collecting)
    finally:
        if collecting:
            gc.enable()


def _main(argv: Sequence[str] | None, started: float, collecting: bool) -> int:
    args = _parser().parse_args(argv)
    if args.version:
        from softtoken import __version__

        print(f"softtoken {__version__}")
        return 0
    from . import launch

    if launch.display_missing():
        return _no_display()
    if args.link and argv is None and sys.platform != "win32":
        # The link is on this process's command line, which every user can read: pass it to a
        # fresh process and leave at once (see SECURITY.md, "What softtoken never does").
        if launch.hand_over(args.link, _options(args)):
            return 0
    if args.link_stdin:
        from softtoken.core.errors import TextInputError

        try:
            args.link = launch.link_from_stdin()
        except TextInputError as exc:  # the wizard opens without it
            sys.stderr.write(f"softtoken: {exc}\n")
    bus = launch.session_bus_address(os.environ, sys.platform, os.getuid() if hasattr(os, "getuid") else 0)
    if bus is not None:  # before Qt: it would otherwise autolaunch a bus that outlives the app
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = bus
    return run(args, started, collecting)


def _no_display() -> int:
    """No X11 or Wayland display: one line of our own, instead of Qt's abort and its advice to reinstall."""
    import contextlib

    from PySide6.QtCore import QCoreApplication

    from .i18n import MissingCatalog, install_translator
    from .launch import EXIT_NO_DISPLAY, NO_DISPLAY

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])  # no platform plugin needed
    with contextlib.suppress(MissingCatalog):
        install_translator(app)
    sys.stderr.write(f"softtoken: {QCoreApplication.translate('launch', NO_DISPLAY)}\n")
    return EXIT_NO_DISPLAY


def run(args: argparse.Namespace, started: float, collecting: bool) -> int:
    # Plain Python first: PySide6's import hook reads every module imported after PySide6
    # until skip_pyside_source_scan() below takes it out again.
    from pathlib import Path

    from softtoken.core.clock import SystemClock
    from softtoken.core.errors import DataDirectoryError, PolicyError
    from softtoken.core.paths import prepare_home, resolve_home
    from softtoken.core.policy import Policy, load_policy

    from .launch import skip_pyside_source_scan

    try:
        home = prepare_home(resolve_home(args.home))
    except DataDirectoryError as exc:
        return _unusable_home(exc)
    policy: Policy | PolicyError
    try:
        policy = load_policy(Path(args.policy) if args.policy else None)
    except PolicyError as exc:  # shown once Qt is up, unless another window takes over
        policy = exc

    from PySide6.QtWidgets import QApplication

    skip_pyside_source_scan()  # before our own modules load: see its docstring

    from .i18n import MissingCatalog, install_translator
    from .single_instance import SingleInstance

    app = QApplication(sys.argv[:1])
    app.setApplicationName("softtoken")
    app.setApplicationDisplayName("softtoken")
    app.setDesktopFileName("softtoken")
    try:
        install_translator(app)
    except MissingCatalog as exc:
        return _broken_install(exc, quiet=args.smoke_test)
    instance = SingleInstance(home)
    link = args.link.strip() if args.link else None
    if instance.hand_off(f"OPEN {link}" if link else "SHOW"):
        return 0
    if isinstance(policy, PolicyError):  # a broken admin policy is never silently replaced by defaults
        from . import errors
        from .resources import app_icon
        from .style import install as install_style

        install_style(app)

        app.setWindowIcon(app_icon())  # no first paint to wait for: the box is all there is
        errors.show_error(None, policy)
        return 78
    from .app import Controller

    def start_logging() -> None:  # logging.handlers and the diagnostics module are not free
        try:
            from softtoken.core.logfile import setup_file_logging

            setup_file_logging(home)
        except OSError:
            pass  # no log file is no reason not to run

    clock = SystemClock()

    def make_vault() -> object:  # the vault module loads after the first paint
        from softtoken.core.vault.vault import Vault

        return Vault(home, policy=policy, clock=clock)

    controller = Controller(make_vault, policy, clock, home=home)  # type: ignore[arg-type]
    instance.received.connect(controller.handle_message)
    if sys.platform == "darwin":  # macOS hands a clicked link over as an event, not on the command line
        from .startup import MacUrlEvents

        app.installEventFilter(MacUrlEvents(controller.open_link, app))
    controller.start(link)
    from .startup import AfterFirstPaint

    if args.smoke_test:
        from .startup import FirstPaintReporter

        FirstPaintReporter(controller.first_painted, started, app)
    # Once the first window is up: the garbage collector, listening for other launches
    # (QtNetwork) and the log file.
    resume = [gc.enable] if collecting else []
    AfterFirstPaint(controller.first_painted, [*resume, instance.listen, start_logging], app)
    code = app.exec()
    instance.close()
    return code


def _broken_install(exc: Exception, quiet: bool) -> int:
    """A translation catalog this copy must have is missing (a build bug, never the user's doing):
    said on stderr and, unless ``--smoke-test``, in a message box; exit 70 (EXIT_SOFTWARE)."""
    from . import errors

    sys.stderr.write(f"softtoken: {errors.message_for(exc)}\n")
    if not quiet:
        from PySide6.QtWidgets import QApplication

        from .resources import app_icon

        QApplication.setWindowIcon(app_icon())
        errors.show_error(None, exc)
    return 70


def _unusable_home(exc: Exception) -> int:
    """A bad --home or $SOFTTOKEN_HOME: said on stderr and in a message box (a launcher has no
    terminal); exit 73 as softtoken-cli. No window, vault or other instance is touched."""
    import contextlib

    from PySide6.QtWidgets import QApplication

    from . import errors
    from .i18n import MissingCatalog, install_translator

    sys.stderr.write(f"softtoken: {errors.message_for(exc)}\n")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with contextlib.suppress(MissingCatalog):  # the data folder is the problem to report; English will do
        install_translator(app)
    if isinstance(app, QApplication):
        from .resources import app_icon
        from .style import install as install_style

        install_style(app)
        app.setWindowIcon(app_icon())
    errors.show_error(None, exc)
    return 73


if __name__ == "__main__":
    sys.exit(main())
