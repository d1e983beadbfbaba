"""The local audit log: append-only, hash-chained, authenticated (docs/vault-format.md).

Each record names the hash of the line before it and carries an HMAC keyed
from the vault key in the OS keystore, so an edit, a deletion or a reordering
breaks the chain; the keystore also remembers the last record, so cutting
records off the end is found too. Records never hold a seed, PIN or passcode.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import AuditError
from .secret import Secret
from .storage import FILE_MODE, write_all
from .vault.crypto import canonical, mac, mac_equal

log = logging.getLogger(__name__)

GENESIS = "0" * 64
EVENTS = (
    "vault_created",
    "policy",
    "activated",
    "unlocked",
    "unlock_failed",
    "locked_out",
    "disabled",
    "replaced",
    "retired",
    "rewrapped",
    "support_export",
)


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class AuditHead:
    seq: int
    digest: str


@dataclass(frozen=True)
class Verification:
    ok: bool
    records: int
    problem: str = ""

    def summary(self) -> str:
        if self.ok:
            return f"The audit log is intact: {self.records} records, none changed or missing."
        return f"The audit log FAILED verification: {self.problem}"


def _line_digest(line: bytes) -> str:
    return hashlib.sha256(line).hexdigest()


class AuditLog:
    def __init__(self, path: Path, key: Callable[[], Secret], clock_now: Callable[[], float]) -> None:
        self.path = path
        self._key = key
        self._now = clock_now

    def _lines(self) -> list[bytes]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise AuditError(f"The audit log {self.path} cannot be read ({exc.strerror}).") from None
        return data.splitlines()

    def _repair_torn_end(self) -> None:
        """Cut a record that a crash or a full disk left half written (no newline yet).

        It was never completed, so no finished record is lost, and the keystore's head
        still names the last complete one; without this every later append would fail.
        """
        try:
            with open(self.path, "r+b") as handle:
                size = handle.seek(0, os.SEEK_END)
                if not size:
                    return
                handle.seek(size - 1)
                if handle.read(1) == b"\n":
                    return
                start = max(size - 65536, 0)
                handle.seek(start)
                tail = handle.read()
                cut = tail.rfind(b"\n")
                keep = start + cut + 1 if cut >= 0 else 0
                log.warning("audit log: removing an incomplete last record (%d bytes)", size - keep)
                handle.truncate(keep)
                os.fsync(handle.fileno())
        except FileNotFoundError:
            return

    def _last_line(self) -> bytes | None:
        """The log's last record, read from the end: appends stay cheap as the log grows."""
        try:
            with open(self.path, "rb") as handle:
                size = handle.seek(0, os.SEEK_END)
                chunk = 4096
                while True:
                    start = max(size - chunk, 0)
                    handle.seek(start)
                    tail = handle.read(size - start)
                    lines = tail.rstrip(b"\n").split(b"\n")
                    if len(lines) > 1 or start == 0:
                        return lines[-1] or None
                    chunk *= 4
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise AuditError(f"The audit log {self.path} cannot be read ({exc.strerror}).") from None

    def append(self, event: str, head: AuditHead | None, **details: Any) -> AuditHead:
        """Append one record after ``head`` (the last record); return the new head.

        The caller holds the vault lock, so ``seq`` is consistent across processes.
        """
        if event not in EVENTS:
            raise AuditError(f"internal: unknown audit event {event}")
        self._repair_torn_end()
        last = self._last_line()
        try:
            seq = int(json.loads(last)["seq"]) + 1 if last else 1
        except (ValueError, KeyError, TypeError):
            raise AuditError(
                "The audit log's last record is damaged. Run 'softtoken-cli audit verify' and ask "
                "your help desk."
            ) from None
        prev = _line_digest(last) if last else GENESIS
        if head is not None and head.seq >= seq:
            raise AuditError(
                "The audit log is shorter than this workstation's record of it: records were "
                "removed. Ask your help desk."
            )
        record: dict[str, Any] = {"seq": seq, "at": iso(self._now()), "event": event, "prev": prev}
        token = details.pop("token", None)
        serial = details.pop("serial", None)
        if token is not None:
            record["token"] = token
        if serial is not None:
            record["serial"] = serial
        record["details"] = details
        key = self._key()
        try:
            record["mac"] = mac(key, canonical(record)).hex()
        finally:
            key.wipe()
        line = canonical(record)
        fd = os.open(
            self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), FILE_MODE
        )
        try:
            write_all(fd, line + b"\n")  # one write: a kill cannot leave half a record
            os.fsync(fd)
        finally:
            os.close(fd)
        return AuditHead(seq, _line_digest(line))

    def records(self) -> list[dict[str, Any]]:
        out = []
        for line in self._lines():
            try:
                out.append(json.loads(line))
            except ValueError:
                out.append({"unreadable": line.decode("ascii", "replace")[:200]})
        return out

    def verify(self, head: AuditHead | None) -> Verification:
        lines = self._lines()
        key = self._key()
        prev = GENESIS
        try:
            for number, line in enumerate(lines, start=1):
                try:
                    record = json.loads(line)
                    claimed = bytes.fromhex(record.pop("mac"))
                except (ValueError, KeyError, AttributeError, TypeError):
                    return Verification(False, number - 1, f"record {number} is unreadable.")
                if not isinstance(record, dict) or not mac_equal(mac(key, canonical(record)), claimed):
                    return Verification(False, number - 1, f"record {number} was changed.")
                if record.get("seq") != number:
                    return Verification(False, number - 1, f"record {number} is out of order.")
                if record.get("prev") != prev:
                    return Verification(
                        False, number - 1, f"the record before record {number} was removed or changed."
                    )
                prev = _line_digest(line)
        finally:
            key.wipe()
        if head is not None:
            if head.seq > len(lines):
                return Verification(
                    False, len(lines), f"{head.seq - len(lines)} records were cut off the end."
                )
            if head.seq and _line_digest(lines[head.seq - 1]) != head.digest:
                return Verification(False, len(lines), f"record {head.seq} was replaced.")
        return Verification(True, len(lines))

    def export(self, fmt: str) -> str:
        import csv
        import io

        records = self.records()
        if fmt == "json":
            return json.dumps(records, indent=2) + "\n"
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["seq", "at", "event", "token", "serial", "details"])
        for r in records:
            row = [
                r.get("seq"),
                r.get("at"),
                r.get("event"),
                r.get("token", ""),
                r.get("serial", ""),
                json.dumps(r.get("details", {}), sort_keys=True),
            ]
            writer.writerow([_cell(value) for value in row])
        return out.getvalue()


def _cell(value: Any) -> str:
    """Keep spreadsheet programs from running a token name as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
