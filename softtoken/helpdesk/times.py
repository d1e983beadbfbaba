"""Times as the help desk reads them: local, with the date and the zone; ISO 8601 in JSON.

privacyIDEA writes its token times with an offset (``creation_date``,
``assignment_date``: UTC; ``last_auth``: the server's zone, ``+0100`` style).
Its audit log stores the server's local time without a zone: the console reads
those as this computer's zone, which is right when the console and the issuer
share a time zone (docs/helpdesk-console.md says so).
"""

from __future__ import annotations

from datetime import datetime

_FORMATS = ("%Y-%m-%d %H:%M:%S.%f%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z")


def parse_issuer_time(raw: object) -> datetime | None:
    """An aware datetime, or None for a missing or unreadable value (never an error)."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = raw.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        for pattern in _FORMATS:
            try:
                parsed = datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.astimezone()  # naive: this computer's zone


def from_timestamp(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds).astimezone()


def local_text(moment: datetime | None, missing: str = "-") -> str:
    """``2026-11-26 13:48 CET``: the date, the minute and the zone of this computer."""
    if moment is None:
        return missing
    local = moment.astimezone()
    return local.strftime("%Y-%m-%d %H:%M ") + (local.tzname() or local.strftime("%z"))


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset, to the second (JSON)."""
    return moment.astimezone().isoformat(timespec="seconds") if moment is not None else None
