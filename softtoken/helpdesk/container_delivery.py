"""Handing over a token that went into the prescriber's workstation container: words, no link.

The token reaches the registered workstation at its next sync, with a secret privacyIDEA makes
then; the link in ``/token/init``'s answer is stale by that time and is never shown or written.
"""

from __future__ import annotations

import json

from .context import HelpdeskContext
from .issuing import SYNC_NOTE, Delivery, Issued


def container_note(ctx: HelpdeskContext) -> str:
    minutes = ctx.workstation_sync_minutes()
    return f"It will appear on the prescriber's workstation at the next sync (within {minutes} minutes)."


def hand_over_container(
    ctx: HelpdeskContext,
    issued: Issued,
    how: Delivery,
    *,
    before: tuple[str, ...],
    after: tuple[str, ...],
    steps: tuple[dict[str, str], ...],
    headline: str | None,
    unregistered: bool = False,
) -> None:
    """The token went into the workstation's container: nothing to hand over but words.

    ``unregistered``: the container's workstation was lost and its registration ended; the token
    waits there for the next workstation to register.
    """
    if how.png is not None or how.link_file is not None:
        ctx.stderr.write(
            "note: no file was written: the token goes to the registered workstation by itself, "
            "there is no activation link (add --no-container for one).\n"
        )
    if how.as_json:
        body: dict[str, object] = {
            "serial": issued.serial,
            "type": issued.type,
            "user": issued.user,
            "realm": issued.realm,
            "rollout_state": issued.rollout_state,
            "link": None,
            "png": None,
            "link_file": None,
            "finish": None,
            "finish_hint": None,
            "delivery": "container",
            "container": issued.container,
            "sync_minutes": ctx.workstation_sync_minutes(),
            "registration_needed": unregistered,
        }
        if steps:
            body["steps"] = list(steps)
        ctx.stdout.write(json.dumps(body, indent=2) + "\n")
        return
    out = ctx.stdout
    for line in before:
        out.write(line + "\n")
    where = f" in realm {issued.realm}" if issued.realm else ""
    out.write(
        (headline or f"Issued token {issued.serial} ({issued.type.upper()}) for {issued.user}{where}.") + "\n"
    )
    for line in after:
        out.write(line + "\n")
    if unregistered:
        out.write(
            f"It waits in {issued.user}'s workstation container {issued.container} for the new "
            f"workstation: run 'softtoken-helpdesk register-workstation {issued.user}' and give the "
            "prescriber that link; the token arrives at the new workstation's first sync.\n"
        )
    else:
        out.write(
            f"It is in {issued.user}'s registered workstation (container {issued.container}); "
            "no activation link is needed.\n"
        )
        out.write(container_note(ctx) + "\n")
    out.write(
        "The token will automatically launch there (softtoken also syncs when it starts): the "
        "prescriber names the token, then sets a four-digit PIN.\n"
    )
    out.write(f"Serial: {issued.serial}. The token will be {SYNC_NOTE}.\n")
