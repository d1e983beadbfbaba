"""The local audit log: append-only, hash-chained, authenticated (docs/vault-format.md).

Each record names the hash of the line before it and carries an HMAC keyed
from the vault key in the OS keystore, so an edit, a deletion or a reordering
breaks the chain; the keystore also remembers the last record, so cutting
records off the end is found too. Records never hold a seed, PIN or passcode.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .digest import sha256_hex
from .errors import AuditError
from .secret import Secret
from .storage import FILE_MODE, atomic_write, write_all
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
    "protected",
    "support_export",
    "audit_break",
    "audit_repaired",
    "container_registered",
    "container_synced",
    "container_token_delivered",
    "container_token_removed",
    "container_rollover_requested",
    "container_moved",
    "container_unregistered",
    "container_sync_failed",
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
    notes: tuple[str, ...] = ()
    last_seq: int = 0

    def summary(self) -> str:
        note = "".join(f" {n}" for n in self.notes)
        if self.ok:
            return f"The audit log is intact: {self.records} records, none changed or missing.{note}"
        return (
            f"The audit log FAILED verification: {self.problem}{note} Tell your help desk; "
            "'softtoken-cli audit repair' keeps the damaged log and starts a new one."
        )


def _unreadable(path: Path, exc: OSError) -> AuditError:
    return AuditError(
        "The audit log {path} cannot be read ({problem}).",
        params={"path": str(path), "problem": exc.strerror or type(exc).__name__},
    )


def _line_digest(line: bytes) -> str:

    return sha256_hex(line)


def _record(at: float, event: str, seq: int, prev: str, details: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"seq": seq, "at": iso(at), "event": event, "prev": prev}
    token = details.pop("token", None)
    serial = details.pop("serial", None)
    if token is not None:
        record["token"] = token
    if serial is not None:
        record["serial"] = serial
    record["details"] = details
    return record


def _verified(line: bytes, key: Secret) -> dict[str, Any] | None:
    """The record on ``line`` if it parses and its MAC holds, else None."""
    try:
        record = json.loads(line)
        if not isinstance(record, dict):
            return None
        claimed = bytes.fromhex(record.pop("mac"))
        if not isinstance(record.get("seq"), int) or isinstance(record.get("seq"), bool):
            return None
    except (ValueError, KeyError, AttributeError, TypeError, RecursionError):
        return None
    return record if mac_equal(mac(key, canonical(record)), claimed) else None


class AuditLog:
    """The log file. The caller holds the vault lock for every append and repair."""

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
            raise _unreadable(self.path, exc) from None
        return data.splitlines()

    def _repair_torn_end(self) -> None:
        """Cut a record that a crash or a full disk left half written (no newline yet).

        Only the unfinished tail goes, however long it is: the file is searched
        backwards for the last newline. That record was never completed, so no
        finished record is lost; without this every later append would fail.
        """
        try:
            with open(self.path, "r+b") as handle:
                size = handle.seek(0, os.SEEK_END)
                if not size:
                    return
                handle.seek(size - 1)
                if handle.read(1) == b"\n":
                    return
                keep, end = 0, size
                while end > 0:
                    start = max(end - 65536, 0)
                    handle.seek(start)
                    cut = handle.read(end - start).rfind(b"\n")
                    if cut >= 0:
                        keep = start + cut + 1
                        break
                    end = start
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
            raise _unreadable(self.path, exc) from None

    def append(self, event: str, head: AuditHead | None, **details: Any) -> AuditHead:
        """Append one record; ``head`` is the keystore's mirror of the log's last security record.

        The log's end is checked against ``head`` first. A log that was cut short,
        deleted or whose last record is damaged does not stop the append: an
        ``audit_break`` record saying what was found starts a new segment (the
        sequence numbers go on above the mirrored head, never lower), and
        verification reports the break from then on.
        """
        if event not in EVENTS:
            raise AuditError(f"internal: unknown audit event {event}")
        self._repair_torn_end()
        key = self._key()
        try:
            seq, prev, problem = self._tail(self._last_line(), head, key)
            if problem:
                log.warning("audit log: %s; going on in a new segment", problem)
                written = self._write(key, "audit_break", seq, prev, {"problem": problem})
                seq, prev = written.seq + 1, written.digest
            return self._write(key, event, seq, prev, details)
        finally:
            key.wipe()

    def _tail(self, last: bytes | None, head: AuditHead | None, key: Secret) -> tuple[int, str, str]:
        """(the next seq, the next prev, what is wrong with the log's end or "")."""
        mirrored = head.seq if head is not None else 0
        if last is None:
            if mirrored:
                missing = f"the audit log was missing or empty ({mirrored} records expected)"
                return mirrored + 1, GENESIS, missing
            return 1, GENESIS, ""
        prev = _line_digest(last)
        record = _verified(last, key)
        if record is None:
            counted = max(mirrored, len(self._lines()))
            return counted + 1, prev, "the last record of the audit log is damaged"
        seq = int(record["seq"])
        if seq < mirrored:
            cut = f"records {seq + 1} to {mirrored} were cut off the end of the audit log"
            return mirrored + 1, prev, cut
        if head is not None and seq == mirrored and prev != head.digest:
            return seq + 1, prev, f"record {seq} of the audit log was replaced"
        return seq + 1, prev, ""

    def _write(self, key: Secret, event: str, seq: int, prev: str, details: dict[str, Any]) -> AuditHead:
        record = _record(self._now(), event, seq, prev, details)
        record["mac"] = mac(key, canonical(record)).hex()
        line = canonical(record)
        try:
            self._append_line(line + b"\n")
        except OSError as exc:
            raise AuditError(
                "The audit log {path} cannot be written ({problem}). Free some disk space, or ask "
                "your help desk.",
                params={"path": str(self.path), "problem": exc.strerror or type(exc).__name__},
            ) from None
        return AuditHead(seq, _line_digest(line))

    def _append_line(self, data: bytes) -> None:
        fd = os.open(
            self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), FILE_MODE
        )
        try:
            write_all(fd, data)  # one write: a kill cannot leave half a record
            os.fsync(fd)
        finally:
            os.close(fd)

    def repair(self, head: AuditHead | None) -> tuple[AuditHead, str] | None:
        """Keep a log that fails verification beside a new one; None if there is nothing to repair.

        The damaged file is renamed (never over an earlier copy) and the new log
        starts with an ``audit_repaired`` record that names the copy, states the
        problem and continues the sequence above everything seen before. Returns
        the new head and the copy's file name.
        """
        verification = self.verify(head)
        if verification.ok:
            return None
        data = self.path.read_bytes() if self.path.exists() else b""
        kept = self._free_name(f"{self.path.name}.damaged-{iso(self._now()).replace(':', '')}")
        if self.path.exists():
            os.rename(self.path, kept)
        seq = max(head.seq if head is not None else 0, verification.last_seq, len(data.splitlines())) + 1
        details = {
            "damaged_file": kept.name,
            "problem": verification.problem[:500],
            "records": len(data.splitlines()),
        }
        key = self._key()
        try:
            record = _record(self._now(), "audit_repaired", seq, sha256_hex(data), details)
            record["mac"] = mac(key, canonical(record)).hex()
        finally:
            key.wipe()
        line = canonical(record)
        atomic_write(self.path, line + b"\n")
        return AuditHead(seq, _line_digest(line)), kept.name

    def _free_name(self, name: str) -> Path:
        candidate, number = self.path.with_name(name), 1
        while candidate.exists():
            number += 1
            candidate = self.path.with_name(f"{name}.{number}")
        return candidate

    def records(self) -> list[dict[str, Any]]:
        out = []
        for line in self._lines():
            try:
                out.append(json.loads(line))
            except ValueError:
                out.append({"unreadable": line.decode("ascii", "replace")[:200]})
        return out

    def verify(self, head: AuditHead | None) -> Verification:
        """Check every MAC, link and sequence number, and that the log reaches ``head``.

        Verification goes on past a problem, so a help desk sees every one: the
        chain picks up again at the next record whose MAC holds. An
        ``audit_break`` record is a problem softtoken itself found and worked
        around; an ``audit_repaired`` first record is a repair someone made on
        purpose (a note, not a failure).
        """
        lines = self._lines()
        problems: list[str] = []
        notes: list[str] = []
        digests: dict[int, str] = {}
        prev, expected, broken, good = GENESIS, 1, False, 0
        before = GENESIS  # the digest of the line just before, verified or not
        key = self._key()
        try:
            for number, line in enumerate(lines, start=1):
                record, before, previous_line = _verified(line, key), _line_digest(line), before
                if record is None:
                    if not broken:
                        problems.append(f"record {number} is unreadable or was changed.")
                    broken = True
                    continue
                seq, event = int(record["seq"]), record.get("event")
                found = record.get("details")
                details: dict[str, Any] = found if isinstance(found, dict) else {}
                if number == 1 and event == "audit_repaired":
                    notes.append(
                        f"It was repaired on {record.get('at')}; the damaged log is kept as "
                        f"{details.get('damaged_file')}."
                    )
                elif event == "audit_break" and record.get("prev") == previous_line and seq >= expected:
                    problems.append(
                        f"on {record.get('at')} softtoken found that {details.get('problem')}, "
                        f"and went on from record {seq}."
                    )
                elif broken:
                    pass  # the damage just before was reported; the chain picks up here
                elif seq != expected:
                    problems.append(f"record {number} is out of order.")
                elif record.get("prev") != prev:
                    problems.append(f"the record before record {number} was removed or changed.")
                broken = False
                good += 1
                prev, expected = _line_digest(line), seq + 1
                digests[seq] = prev
        finally:
            key.wipe()
        last_seq = expected - 1
        if head is not None and head.seq:
            if head.seq > last_seq:
                problems.append(f"{head.seq - last_seq} records were cut off the end.")
            elif digests.get(head.seq, head.digest) != head.digest:
                problems.append(f"record {head.seq} was replaced.")
        return Verification(not problems, good, " ".join(problems), tuple(notes), last_seq)

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
