"""The help-desk guide's "Common calls": one table, written into docs/helpdesk-guide.md.

Each call names the console commands the help desk runs (``softtoken-helpdesk
…``, exactly as its parser takes them: tests/unit/test_helpdesk_guide.py
parses every one) and the screens the prescriber sees (made by
make_screenshots.py, which writes this section between the guide's markers
after it has made them). The guide's section is never edited by hand; a test
fails when it differs from :func:`render`.

    python docs/screenshots/common_calls.py [GUIDE]   # the section only, no screenshots
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[1] / "helpdesk-guide.md"
BEGIN = (
    "<!-- common-calls: begin. Written by docs/screenshots/make_screenshots.py from "
    "docs/screenshots/common_calls.py; edit the table there, not here. -->"
)
END = "<!-- common-calls: end -->"
CONSOLE = "softtoken-helpdesk"


@dataclass(frozen=True)
class Step:
    """One thing the help desk does: a console command (without ``softtoken-helpdesk``) and why."""

    command: str
    why: str


@dataclass(frozen=True)
class Call:
    title: str
    says: str  # the prescriber's words
    about: str  # what is going on, in a sentence or two
    screens: tuple[tuple[str, str], ...]  # (screenshot name, what it shows)
    steps: tuple[Step, ...]


FIRST_QUESTION = Step("check USER", "a fresh passcode, read to you: does the issuer accept it now?")
CHECK_NEW = Step("check USER", "once the new token shows a passcode: the issuer accepts it")

CALLS: tuple[Call, ...] = (
    Call(
        "Passcode rejected",
        "The e-prescribing system says my passcode is wrong.",
        "A good passcode is the one the token window shows now, with seconds left. Most rejections "
        "are the workstation's clock, a token still waiting for network sync (which **may take up "
        "to 60 minutes** after activation), or a fail counter the issuer has filled.",
        (
            ("token-2-passcode", "what a passcode looks like: six digits and the seconds it has left"),
            ("token-8-clock-warning", "a clock warning at start: see *Clock wrong* below"),
        ),
        (
            FIRST_QUESTION,
            Step("status USER", "their tokens on the issuer: state, fail counter, last use"),
            Step("token SERIAL", "everything about one token: owner, type, state, fail count, rollout state"),
            Step(
                "history USER", "the issuer's recent entries for them, with local times: which tries failed"
            ),
            Step("reset USER", "the fail counter is full: reset it, then check a passcode again"),
            Step(
                "resync --serial SERIAL",
                "an HOTP token whose counter ran ahead: two consecutive passcodes, typed when asked",
            ),
        ),
    ),
    Call(
        "Locked out",
        "My token is locked.",
        "The token window says why it is locked. Locked after idle time or minimizing: nothing is "
        "wrong, the **token PIN** unlocks it. Waiting after wrong PINs: the wait is counted on the "
        "workstation and nobody can shorten it. Disabled after the last wrong PIN: nobody can "
        "unlock it again, so it is replaced (*Forgot PIN* below has the steps). A token the app "
        "opens but the issuer refuses has a full fail counter on the issuer.",
        (
            ("token-9-idle-locked", "locked after idle time: type the PIN"),
            ("token-5-wait", "wrong PINs: a wait counted down"),
            ("token-5-wait-last-attempt", "the last attempt, said plainly"),
            ("token-6-disabled", "disabled for good: *Replace token…*"),
        ),
        (
            FIRST_QUESTION,
            Step("status USER", "the issuer's side: a full fail counter shows here"),
            Step("reset --serial SERIAL", "the fail counter of that token is full: reset it"),
            Step(
                "replace USER --reason locked-out --serial SERIAL",
                "the app disabled the token: a new activation, then the old token is revoked",
            ),
        ),
    ),
    Call(
        "Forgot PIN",
        "I forgot my token PIN.",
        "A **four-digit PIN** cannot be recovered or reset, by you or by the issuer: it exists only "
        "on the workstation. The prescriber gets a new activation and sets a new PIN "
        "(*Forgot PIN?* on the PIN page opens the replacement).",
        (
            ("token-1-pin", "the PIN page, with *Forgot PIN?*"),
            ("replace-2-new-activation", "the new link goes in here"),
            ("replace-4-pin", "a new four-digit PIN, typed twice"),
            ("replace-5-done", "done: the new serial number, the sync time, the old token revoked"),
        ),
        (
            Step(
                "replace USER --reason forgot-pin --serial SERIAL",
                "issues a new activation, then revokes the old token; send the link to the prescriber",
            ),
            Step(
                "show-activation --serial SERIAL",
                "the new token waits for a first passcode or an activation code: what the prescriber "
                "must type, shown again",
            ),
            CHECK_NEW,
        ),
    ),
    Call(
        "Lost workstation",
        "My laptop was lost (or stolen).",
        "The token went with it. Stop it on the issuer at once, and remind the prescriber to report "
        "the loss to the practice's **EPCS administrators at once (within one business day)**. On "
        "another workstation they activate the new link as the first time.",
        (
            ("activate-1-link", "on the other workstation: the new link pasted"),
            ("activate-4-done", "done: token name, serial number and when it is ready"),
        ),
        (
            Step("disable --serial SERIAL", "at once, while you confirm who is calling"),
            Step("history --serial SERIAL", "was it used after the loss (local times)?"),
            Step(
                "replace USER --reason lost --serial SERIAL",
                "revokes the old token first, then issues the new activation",
            ),
            Step("enable --serial SERIAL", "the laptop was found before you replaced the token"),
            Step("revoke --serial SERIAL", "no replacement wanted (they leave, or get a hard token)"),
            CHECK_NEW,
        ),
    ),
    Call(
        "New workstation",
        "I have a new computer.",
        "A seed never moves between workstations: the old workstation removes its token "
        "(*Token → Replace token… → Moving to a new workstation*, confirmed twice), and the new "
        "one gets a new activation.",
        (
            ("replace-new-workstation", "on the old workstation: the token removed"),
            ("activate-1-link", "on the new workstation: the new link pasted"),
            ("activate-3-pin", "a four-digit token PIN, typed twice"),
            ("activate-4-done", "done: ready after syncing with the network"),
        ),
        (
            Step(
                "replace USER --reason new-workstation --serial SERIAL",
                "issues the new activation, then revokes the old token",
            ),
            Step(
                "show-activation --serial SERIAL",
                "the new token still waits: what the prescriber must type, shown again",
            ),
            Step(
                "cancel --serial SERIAL",
                "an activation that will not be finished: end it, and replace the token again",
            ),
            CHECK_NEW,
        ),
    ),
    Call(
        "Clock wrong",
        "My passcodes are always rejected, and the token window warns about the clock.",
        "A passcode is made from the time: a workstation clock off by more than about half a minute "
        "makes good passcodes fail. The fix is the computer's automatic time (IT), never the token. "
        "*Help → Support card… → Check the clock* checks it against the policy's time server; the "
        "card also shows this computer's time and zone: compare them with yours.",
        (
            ("token-8-clock-warning", "the warning at start"),
            ("support-clock-check", "*Check the clock* on the support card: 95 s slow"),
        ),
        (
            Step("history USER", "the rejected tries, with local times"),
            Step("check USER", "once IT has set the clock: a fresh passcode is accepted"),
        ),
    ),
    Call(
        "Hard token not linked",
        "My hard token does not work.",
        "A hard token (a key fob) is linked by you, with the **serial number on the back, below the "
        "bar code**, and a six-digit passcode from its button. Its e-mail is a web page for the "
        "browser: pasted into softtoken, it is refused with that advice. Like a soft token, it is "
        "ready after syncing with the network, which **may take up to 60 minutes**.",
        (("activate-1-web-link", "the hard token's e-mail pasted into softtoken: open it in the browser"),),
        (
            Step("token SERIAL", "is the serial known, and whose is it?"),
            Step("stock", "unassigned hard tokens ready to be linked"),
            Step(
                "import-pskc FILE --psk-file KEY",
                "the serial is unknown: load the vendor's key file first (or give its password "
                "with `--password-stdin`)",
            ),
            Step("unassign --serial SERIAL", "it was linked to the wrong prescriber (check with them first)"),
            Step(
                "link-hard-token USER --serial SERIAL",
                "type the passcode when asked; nothing changes unless it matches that serial",
            ),
            Step("check USER --serial SERIAL", "a fresh passcode from the button: the issuer accepts it"),
        ),
    ),
)


def command_line(step: Step) -> str:
    return f"{CONSOLE} {step.command}"


def render() -> str:
    """The section between the markers (without them), wrapped as the rest of the guide."""
    out = [
        "",
        *_wrap(
            "What you run for the calls a help desk gets most, and the screens the prescriber sees. "
            "`USER` is the prescriber's user name on the issuer, `SERIAL` a token's serial number "
            "(the prescriber's support card and `softtoken-helpdesk status USER` show it); "
            "`docs/helpdesk-console.md` has every option."
        ),
        "",
        *_wrap(
            "Start every call with `softtoken-helpdesk check USER`: the prescriber reads you a "
            "fresh **six-digit passcode** from the token window, you type it when asked (or give it "
            "with `--otp-stdin`), and the console says whether the issuer accepts it now. That "
            "passcode is used up: they sign with the next one."
        ),
    ]
    for number, call in enumerate(CALLS, 1):
        out += ["", f"### 8.{number} {call.title}", "", *_wrap(f"*“{call.says}”* {call.about}"), ""]
        out += [f"![{caption}](screenshots/{name}.png)" for name, caption in call.screens]
        out += [""]
        for n, step in enumerate(call.steps, 1):
            stop = "" if step.why.endswith(("?", ".")) else "."
            out += _wrap(f"{n}. `{command_line(step)}`: {step.why}{stop}", indent="   ")
    return "\n".join([*out, ""])


def _wrap(text: str, indent: str = "") -> list[str]:
    """Lines of at most 78 characters; a `code span` is never broken (a command stays whole)."""
    import re
    import textwrap

    whole = re.sub(r"`[^`]*`", lambda m: m.group(0).replace(" ", "\x00"), text)
    lines = textwrap.wrap(whole, 78, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
    return [line.replace("\x00", " ") for line in lines]


def with_section(guide: str) -> str:
    """``guide`` with the text between its markers replaced by :func:`render`."""
    head, begin, rest = guide.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise SystemExit(f"common_calls: the guide has no '{BEGIN}' … '{END}' markers")
    return f"{head}{BEGIN}\n{render()}{END}{tail}"


def section(guide: str) -> str:
    """The text between the markers of ``guide`` as it is."""
    return guide.partition(BEGIN)[2].partition(END)[0].removeprefix("\n")


def write_guide(path: Path = GUIDE) -> Path:
    text = path.read_text(encoding="utf-8")
    new = with_section(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_guide(Path(sys.argv[1]) if len(sys.argv) > 1 else GUIDE))
