"""The support card in words, to be read aloud: what goes on it, in which order, once.

:func:`card_text` turns the card (the JSON-ready dict of
:func:`~softtoken.core.diagnostics.support_card`) into lines: plain words
first (the token, its state, the time, the keystore, whom to call), then the
technical "Details" (platform, backend class, Argon2 parameters, data folder,
versions). Each :class:`Line` is an English template and its parameters, the
way core's messages are (the template is the translation id). The CLI prints
:meth:`Line.english`; the GUI translates each template in the
``support_card`` context and fills in the same parameters, so the rules of
what the card says live here only.

Parameters are names, numbers, paths and times, never a secret; a
:class:`Phrase` parameter (a state, a reason) is translated too, and a
:class:`CoreMessage` is one of core's own messages (translated in the
``core`` context). Times are this computer's local time with date and zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


class Phrase(str):
    """A parameter that is itself words to translate (in the ``support_card`` context)."""

    __slots__ = ()


@dataclass(frozen=True)
class CoreMessage:
    """One of core's messages as a parameter: its template, params and English sentence."""

    template: str
    params: Mapping[str, object]
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Line:
    template: str
    params: Mapping[str, object] = field(default_factory=dict)
    indent: int = 0  # 1: a line about the token above
    gap: bool = False  # an empty line before it: a new part of the card

    def english(self) -> str:
        text = self.template.format(**{k: str(v) for k, v in self.params.items()})
        return "  " * self.indent + text


def joined(lines: list[str], card_lines: list[Line]) -> str:
    """Lines (English or translated) of ``card_lines`` as one text, with their gaps."""
    return "\n".join(("\n" if line.gap else "") + text for line, text in zip(card_lines, lines, strict=True))


@dataclass(frozen=True)
class CardText:
    plain: list[Line]
    details: list[Line]

    def english(self) -> str:
        plain = joined([line.english() for line in self.plain], self.plain)
        details = "\n".join("  " + line.english() for line in self.details)
        return f"{plain}\n\n{DETAILS_HEADING}\n{details}\n"


DETAILS_HEADING = Phrase("Details")
NO_POLICY_FILE = "none (defaults)"  # the card's policy "file" without one (diagnostics)
NO_TIME_SERVER = Line(  # also why the GUI's "Check the clock" is off
    "Clock: no time server set, so softtoken cannot check it. Compare this computer's time "
    "with your phone; your administrator can set a time server (ntp_server) in the policy."
)
# Why a token is in software (vault/protection.py NOTES, the same English): phrases to translate.
PROTECTION_NOTES = (
    Phrase("the admin policy keeps tokens in software"),
    Phrase("there was no usable TPM security chip when it was activated"),
    Phrase("the TPM security chip cannot compute this token's algorithm"),
)
STATES = {
    "ready": Phrase("ready"),
    "disabled": Phrase("disabled: replace it to continue"),
}


def local_time(when: float | str, seconds: bool = False) -> str:
    """``2026-11-26 08:05 CST``: this computer's local time, with the date and the zone."""
    try:
        moment = _moment(when).astimezone()
    except (ValueError, OverflowError, OSError):
        return str(when)  # not a time softtoken wrote: shown as it is
    text = moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    zone = moment.tzname() or ""
    return f"{text} {zone}".rstrip()


def utc_offset(when: float | str) -> str:
    """``UTC-06:00``: how far this computer's local time is from UTC at ``when``."""
    try:
        offset = _moment(when).astimezone().utcoffset()
    except (ValueError, OverflowError, OSError):
        offset = None
    minutes = round(offset.total_seconds() / 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _moment(when: float | str) -> datetime:
    if isinstance(when, str):  # the card's ISO times, in UTC ("2026-11-26T14:05:10Z")
        return datetime.strptime(when, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return datetime.fromtimestamp(when, UTC)


def card_text(card: Mapping[str, Any]) -> CardText:
    """The card's lines: plain words in the order a help desk asks, then the details."""
    shown: set[str] = set()  # problems already said on their own line
    plain = _tokens(card)
    plain.append(
        Line(
            "This computer's time: {time} ({offset})",
            {"time": local_time(card["made_at"], seconds=True), "offset": utc_offset(card["made_at"])},
            gap=bool(plain),
        )
    )
    plain.append(clock_line(card))
    plain += container_lines(card)
    plain.append(_keystore_line(card, shown))
    contact = card["policy"].get("helpdesk_contact", "")
    if contact:
        plain.append(Line("Help desk contact: {contact}", {"contact": contact}))
    audit = card.get("audit_result")
    if audit and not audit["ok"]:
        plain.append(Line("Audit log: FAILED verification; tell your help desk (see Details)."))
    for problem in card.get("problems", []):
        if problem["message"] not in shown:
            plain.append(Line("Problem: {problem}", {"problem": _core(problem)}))
    return CardText(plain, _details(card))


def _core(problem: Mapping[str, Any]) -> CoreMessage:
    return CoreMessage(problem["template"], problem.get("params") or {}, problem["message"])


def _tokens(card: Mapping[str, Any]) -> list[Line]:
    if "tokens" not in card:
        return [Line("Tokens: cannot be read (the problem is on this card).")]
    tokens = card["tokens"]
    lines = [] if tokens else [Line("Tokens: none on this computer yet.")]
    limit = card["policy"]["max_attempts"]
    for number, token in enumerate(tokens, start=1):
        lines.append(Line("Token {number}: {name}", {"number": number, "name": token["name"]}))
        if token["account"]:
            lines.append(Line("Account: {account}", {"account": token["account"]}, 1))
        if token["issuer"]:
            lines.append(Line("Issuer: {issuer}", {"issuer": token["issuer"]}, 1))
        if token["serial"]:
            lines.append(Line("Serial: {serial}", {"serial": token["serial"]}, 1))
        else:
            lines.append(Line("Serial: none (not linked to an issuer serial)", indent=1))
        lines.append(_state(token))
        lines += _attempts(token, limit)
        lines.append(protection_line(token))
        if token.get("created"):
            lines.append(Line("Activated: {when}", {"when": local_time(token["created"])}, 1))
        if token["last_used"]:
            lines.append(Line("Last used: {when}", {"when": local_time(token["last_used"])}, 1))
        else:
            lines.append(Line("Last used: never", indent=1))
    for record in card.get("history", []):
        lines.append(_earlier(record))
    return lines


def _state(token: Mapping[str, Any]) -> Line:
    state = token["state"]
    if state.startswith("waiting") and token.get("sync_until"):
        return Line(
            "State: waiting for network sync until {when}", {"when": local_time(token["sync_until"])}, 1
        )
    return Line("State: {state}", {"state": STATES.get(state, state)}, 1)


def _attempts(token: Mapping[str, Any], limit: int) -> list[Line]:
    left = token["attempts_left"]
    lines = [Line("Attempts left: {left} of {limit}", {"left": left, "limit": limit}, 1)]
    wait = token.get("wait_seconds") or 0
    if wait:
        minutes, seconds = divmod(int(wait), 60)
        lines.append(
            Line(
                "Next PIN try allowed in {minutes} min {seconds} s",
                {"minutes": minutes, "seconds": seconds},
                1,
            )
        )
    return lines


def protection_line(token: Mapping[str, Any]) -> Line:
    """Where the token's key is: in the computer's TPM, or in software (and why)."""
    if token.get("protection") == "tpm":
        return Line("Protection: the computer's TPM security chip holds the key and checks the PIN", indent=1)
    note = token.get("protection_note") or ""
    if note:
        return Line(
            "Protection: software (PIN and system keystore), because {note}", {"note": Phrase(note)}, 1
        )
    return Line("Protection: software (PIN and system keystore)", indent=1)


def _earlier(record: Mapping[str, Any]) -> Line:
    from .lifecycle import EXPLANATIONS, Reason

    reason = record.get("reason", "")
    known = reason in {r.value for r in Reason}
    params = {
        "name": record["name"],
        "serial": record.get("serial") or "-",
        "when": local_time(record["at"]) if record.get("at") else "-",
        "reason": Phrase(EXPLANATIONS[Reason(reason)]) if known else reason,
    }
    if record["event"] == "replaced":
        return Line("Earlier token {name} (serial {serial}): replaced {when} ({reason})", params)
    return Line("Earlier token {name} (serial {serial}): removed {when} ({reason})", params)


def container_lines(card: Mapping[str, Any]) -> list[Line]:
    """The workstation's registration with an issuer (issue 15): who, which container, last sync."""
    container = card.get("container")
    if not container:
        return []
    params: dict[str, object] = {"issuer": container["issuer"], "serial": container["serial"]}
    if container.get("last_sync_at"):
        params["time"] = local_time(container["last_sync_at"])
        lines = [Line("Registered with {issuer} (container {serial}), last synchronized {time}", params)]
    else:
        lines = [Line("Registered with {issuer} (container {serial}), not synchronized yet", params)]
    error = container.get("last_error")
    if error:
        lines.append(Line("Last synchronization failed: {error}", {"error": _core(error)}, 1))
    if container.get("pending"):
        lines.append(
            Line("Tokens delivered and waiting to be set up: {count}", {"count": container["pending"]}, 1)
        )
    return lines


def clock_line(card: Mapping[str, Any]) -> Line:
    """The clock in words: the offset found, or why it was not checked and what to do."""
    server = card["policy"].get("ntp_server", "")
    check = card.get("clock_check")
    if check and check.get("status") == "not configured":
        check = None
    if not server and not check:
        return NO_TIME_SERVER
    if not check:
        return Line("Clock: not checked yet against {server}.", {"server": server})
    params: dict[str, object] = {"server": check["server"], "when": local_time(check["checked_at"])}
    offset = check.get("offset")
    status = check.get("status")
    if offset is None or status not in ("ok", "warn", "error"):
        return Line("Clock: could not be checked against {server} (no answer, {when}).", params)
    params["seconds"] = f"{abs(offset):.0f}" if status != "ok" else f"{max(abs(offset), 0.1):.1f}"
    if status == "ok":
        return Line("Clock: right, within {seconds} s of {server} (checked {when}).", params)
    fast = offset < 0
    if status == "warn" and fast:
        return Line(
            "Clock: {seconds} s fast against {server} (checked {when}): passcodes may be rejected.", params
        )
    if status == "warn":
        return Line(
            "Clock: {seconds} s slow against {server} (checked {when}): passcodes may be rejected.", params
        )
    if fast:
        return Line(
            "Clock: {seconds} s fast against {server} (checked {when}): passcodes will be rejected. "
            "Ask your IT department to set the clock (turn on automatic time).",
            params,
        )
    return Line(
        "Clock: {seconds} s slow against {server} (checked {when}): passcodes will be rejected. "
        "Ask your IT department to set the clock (turn on automatic time).",
        params,
    )


def _keystore_line(card: Mapping[str, Any], shown: set[str]) -> Line:
    keystore = card.get("keystore") or {}
    if keystore.get("available"):
        return Line("Keystore: {keystore}", {"keystore": Phrase(keystore["name"])})
    problem = keystore.get("problem")
    if problem:
        shown.add(problem["message"])
        return Line("Keystore: {problem}", {"problem": _core(problem)})
    return Line("Keystore: unknown (the problem is on this card).")


def _details(card: Mapping[str, Any]) -> list[Line]:
    app = card["app"]
    versions = {"softtoken": app["softtoken"], "python": app["python"]}
    if "qt" in app:
        versions |= {"qt": app["qt"], "pyside6": app.get("pyside6", "-")}
        lines = [Line("softtoken {softtoken}, Python {python}, Qt {qt}, PySide6 {pyside6}", versions)]
    else:
        lines = [Line("softtoken {softtoken}, Python {python}", versions)]
    lines.append(Line("Platform: {os}", {"os": app["os"]}))
    keystore = card.get("keystore") or {}
    if keystore.get("backend"):
        lines.append(Line("Keystore backend: {backend}", {"backend": keystore["backend"]}))
    lines.append(Line("Data directory: {path}", {"path": card["data_directory"]}))
    lines.append(_vault_line(card["vault"]))
    source = card["policy"]["file"]
    if source == NO_POLICY_FILE:
        lines.append(Line("Policy: none (defaults)"))
    else:
        lines.append(Line("Policy: {source}", {"source": source}))
    audit = card.get("audit_result")
    if audit:
        if audit["ok"]:
            lines.append(Line("Audit log: intact, {records} records", {"records": audit["records"]}))
        else:
            lines.append(Line("Audit log: FAILED: {problem}", {"problem": audit["problem"]}))
        for note in audit.get("notes", []):
            lines.append(Line("Audit log: {note}", {"note": note}))
    for number, token in enumerate(card.get("tokens", []), start=1):
        params = {
            "number": number,
            "type": token["type"].upper(),
            "algorithm": token["algorithm"],
            "digits": token["digits"],
            "period": token["period"],
            "pin": token["pin_length"],
            "kdf": token["kdf"],
        }
        if token["type"] == "totp":
            lines.append(
                Line(
                    "Token {number}: {type} {algorithm}, {digits} digits, every {period} s; "
                    "PIN {pin} digits; key protection {kdf}",
                    params,
                )
            )
        else:
            lines.append(
                Line(
                    "Token {number}: {type} {algorithm}, {digits} digits; PIN {pin} digits; "
                    "key protection {kdf}",
                    params,
                )
            )
    lines.append(Line("Card made: {when} UTC", {"when": _utc(card["made_at"])}))
    return lines


def _vault_line(vault: Mapping[str, Any]) -> Line:
    if not vault["present"]:
        return Line("Vault: none yet")
    if not vault.get("file", True):
        return Line(
            "Vault: format {version}; the vault file is missing, its backup is there",
            {"version": vault["version"]},
        )
    return Line("Vault: format {version}", {"version": vault["version"]})


def _utc(when: float) -> str:
    return datetime.fromtimestamp(when, UTC).strftime("%Y-%m-%d %H:%M:%S")
