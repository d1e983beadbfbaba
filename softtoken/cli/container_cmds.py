"""``register``, ``sync``, ``unregister``, ``move-out``: the workstation and the issuer's token container.

A registered workstation receives new and replacement tokens from the help
desk at each ``sync`` (privacyIDEA token containers); ``sync`` with a PIN
source names and PINs a delivered token in the same run. Links and PINs come
from standard input or files, never from the command line.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING

from softtoken.core.errors import ContainerLinkError, DeliveryNotFound, Words

from .context import CliContext
from .errors import UsageError
from .pins import add_pin_argument, read_pin
from .vault_cmds import print_activated

if TYPE_CHECKING:
    from softtoken.core.containers import ContainerLink, Delivery, Registration, Workstation

MAX_LINK_FILE = 20 * 1024 * 1024  # a QR image is the largest thing a registration comes in
MAX_PASSPHRASE_FILE = 1024


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    reg = sub.add_parser(
        "register",
        help="register this workstation with the issuer (a pia://container link from the help desk)",
        description="Register this workstation with the issuer's token container, so new and "
        "replacement tokens arrive by themselves at each 'sync'. SOURCE is '-' (the link on "
        "standard input), a text file with the link or a QR image of it.",
    )
    reg.add_argument("source", metavar="SOURCE", help="'-' for standard input, or a file")
    reg.add_argument(
        "--passphrase-file", type=Path, metavar="FILE", help="the passphrase the issuer asks for"
    )
    reg.add_argument("--yes", action="store_true", help="register without asking (the issuer is printed)")
    reg.set_defaults(run=run_register)

    sync = sub.add_parser(
        "sync",
        help="fetch new and replacement tokens from the issuer (and set one up with a PIN source)",
        description="Synchronize with the issuer this workstation is registered with. Delivered "
        "tokens wait until they are named and given a PIN: give a PIN source (--pin-stdin or "
        "--pin-file) to set one up now (--serial when several wait).",
    )
    sync.add_argument(
        "--name", metavar="NAME", help="name of the delivered token (default: its suggested name)"
    )
    sync.add_argument("--serial", metavar="S", help="which delivered token to set up, when several wait")
    sync.add_argument(
        "--offline", action="store_true", help="do not contact the issuer; set up a waiting token"
    )
    add_pin_argument(sync, new=True)
    sync.set_defaults(run=run_sync)

    unreg = sub.add_parser(
        "unregister",
        help="end this workstation's registration with the issuer (the tokens stay and keep working)",
    )
    unreg.add_argument("--yes", action="store_true", help="confirm")
    unreg.set_defaults(run=run_unregister)

    move = sub.add_parser(
        "move-out",
        help="move the issuer's tokens to a new workstation (when the issuer allows it)",
        description="Step 1: print (or write with --link-file) a registration link for the new "
        "workstation; register it there ('softtoken-cli register -'). Step 2, once the new "
        "workstation has its tokens: 'move-out --finish --yes' forgets them here.",
    )
    move.add_argument("--link-file", type=Path, metavar="FILE", help="write the new link to FILE (0600)")
    move.add_argument("--finish", action="store_true", help="forget the tokens and registration here")
    move.add_argument("--yes", action="store_true", help="confirm --finish")
    move.set_defaults(run=run_move_out)


def _workstation(ctx: CliContext) -> Workstation:
    from softtoken.core.containers import Workstation

    return Workstation(ctx.vault(), http=ctx.container_http)


def read_registration_link(ctx: CliContext, source: str) -> ContainerLink:
    from softtoken.core.activation.sources import looks_like_image, read_file
    from softtoken.core.containers import container_link_in_image, find_container_link

    if source == "-":
        text = ctx.take_stdin("registration link")
        found = find_container_link(text)
    else:
        data = read_file(Path(source), MAX_LINK_FILE, Words("a registration link file"))
        if looks_like_image(data):
            found = container_link_in_image(data)
        else:
            from softtoken.core.textinput import decode_text

            found = find_container_link(decode_text(data, Path(source).name, "registration link"))
    if found is None:
        raise ContainerLinkError(
            "No workstation registration link (pia://container/…) was found. Copy the whole link from "
            "the help desk's message."
        )
    return found


def _read_passphrase(path: Path | None) -> str | None:
    if path is None:
        return None
    from softtoken.core.activation.sources import read_file
    from softtoken.core.textinput import decode_text

    text = decode_text(
        read_file(path, MAX_PASSPHRASE_FILE, Words("a passphrase file")), path.name, "passphrase"
    )
    return text.splitlines()[0] if text.strip() else ""


def _when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts else "never"


def run_register(ctx: CliContext, args: argparse.Namespace) -> int:
    link = read_registration_link(ctx, args.source)
    workstation = _workstation(ctx)
    preview = workstation.preview(link)
    ctx.stdout.write(
        f"Issuer: {preview.issuer}\nAddress: {preview.url}\nContainer: {preview.serial}\n"
        f"Link valid until: {_when(preview.expires_at)}\n"
    )
    if not args.yes:
        if args.source == "-" or not ctx.stdin_is_terminal():
            raise UsageError(
                "Nothing was registered. Check the issuer and address above, then run again with --yes."
            )
        ctx.stderr.write("Register this workstation with this issuer? [y/N] ")
        ctx.stderr.flush()
        answer = ctx.stdin.readline().strip().lower()
        if answer not in ("y", "yes"):
            ctx.stdout.write("Nothing was registered.\n")
            return 1
    passphrase = _read_passphrase(args.passphrase_file)
    done = workstation.register(link, passphrase)
    ctx.stdout.write(
        f"This workstation is registered with {done.issuer} (container {done.serial}). New and "
        "replacement tokens arrive at each 'softtoken-cli sync'.\n"
    )
    return 0


def _print_delivery(ctx: CliContext, delivery: Delivery) -> None:
    instead = f", replacing '{delivery.replaces}'" if delivery.replaces else ""
    ctx.stdout.write(
        f"Delivered: {delivery.suggested_name} (serial {delivery.serial}){instead}. Set it up with "
        f"'softtoken-cli sync --offline --serial {delivery.serial} --pin-stdin'.\n"
    )


def run_sync(ctx: CliContext, args: argparse.Namespace) -> int:
    workstation = _workstation(ctx)
    if not args.offline:
        result = workstation.sync()
        for removed in result.removed:
            ctx.stdout.write(
                f"Removed: token '{removed.name}' (serial {removed.serial}); the issuer no longer lists it.\n"
            )
        if not result.delivered and not result.removed:
            ctx.stdout.write("Synchronized: nothing new.\n")
    waiting = workstation.pending()
    wants_claim = bool(args.pin_stdin or args.pin_file)
    if not wants_claim:
        for delivery in waiting:
            _print_delivery(ctx, delivery)
        return 0
    chosen = _chosen(waiting, args.serial)
    pin, confirm = read_pin(ctx, args, new=True)
    status = workstation.claim(chosen.serial, args.name or chosen.suggested_name, pin, confirm)
    print_activated(ctx, status, "")
    if chosen.replaces:
        ctx.stdout.write(f"It replaces token '{chosen.replaces}', which was removed from this workstation.\n")
    return 0


def _chosen(waiting: list[Delivery], serial: str | None) -> Delivery:
    if serial is not None:
        for delivery in waiting:
            if delivery.serial == serial:
                return delivery
    elif len(waiting) == 1:
        return waiting[0]
    elif waiting:
        serials = ", ".join(d.serial for d in waiting)
        raise UsageError(f"Several delivered tokens wait ({serials}); say which with --serial.")
    names = ", ".join(d.serial for d in waiting) or "none"
    raise DeliveryNotFound(
        "No delivered token waits under serial {serial}. Waiting: {waiting}.",
        params={"serial": (serial or "-")[:64], "waiting": names},
    )


def print_registration(ctx: CliContext, registration: Registration | None) -> None:
    """The status command's registration line (the support card says the same, core/cardtext.py)."""
    if registration is None:
        return
    ctx.stdout.write(
        f"Registered with {registration.issuer} (container {registration.serial}, {registration.url}); "
        f"last synchronized {_when(registration.last_sync_at)}\n"
    )
    if registration.last_error is not None:
        ctx.stdout.write(f"Last synchronization failed: {registration.last_error.message}\n")
    if registration.pending:
        ctx.stdout.write(
            f"Delivered tokens waiting to be set up: {registration.pending} ('softtoken-cli sync')\n"
        )


def run_unregister(ctx: CliContext, args: argparse.Namespace) -> int:
    if not args.yes:
        raise UsageError(
            "Unregistering stops new and replacement tokens from arriving here; the tokens you have "
            "keep working. Run again with --yes to unregister."
        )
    workstation = _workstation(ctx)
    current = workstation.status()
    workstation.unregister()
    issuer = current.issuer if current else "the issuer"
    ctx.stdout.write(f"This workstation is no longer registered with {issuer}; its tokens keep working.\n")
    return 0


def run_move_out(ctx: CliContext, args: argparse.Namespace) -> int:
    workstation = _workstation(ctx)
    if args.finish:
        if not args.yes:
            raise UsageError(
                "This removes the issuer's tokens from this workstation for good. Once the new "
                "workstation shows them, run again with --yes."
            )
        workstation.finish_move()
        ctx.stdout.write("The issuer's tokens and the registration are removed from this workstation.\n")
        return 0
    from softtoken.core.containers.linkfile import refuse_existing, save_new_file

    if args.link_file is not None:
        refuse_existing(args.link_file)  # before the issuer makes a link that would be lost
    link = workstation.rollover()
    if args.link_file is not None:
        save_new_file(args.link_file, link + "\n")
        ctx.stdout.write(f"The registration link for the new workstation is in {args.link_file}.\n")
    else:
        ctx.stdout.write(link + "\n")
    ctx.stdout.write(
        "On the new workstation: softtoken-cli register - (paste the link), then softtoken-cli sync. "
        "Then here: softtoken-cli move-out --finish --yes.\n"
    )
    return 0
