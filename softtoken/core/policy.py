"""The administrator's policy: a TOML file in the per-OS system location.

No file means safe defaults. A file with an unknown key or a bad value is an
error naming the key: a typo in a security policy must not pass silently.

A policy file the user names (``--policy FILE``) may only tighten the
administrator's file: a looser value is refused, never silently ignored, so a
user cannot lift ``max_attempts`` or lower ``pin_length`` with a file of
their own. Without an admin file (an unmanaged workstation) the user's file
is used as given, and :attr:`Policy.source` says so.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import PolicyError, Words

DEVICE_KEY_STORES = ("keystore", "file")
PROTECTIONS = ("auto", "tpm", "software")  # where a new token's seed is kept (vault/protection.py)
MAX_POLICY_BYTES = 64 * 1024  # a policy is a dozen lines; anything bigger is not one
FOLDERID_PROGRAMDATA = "62AB5D82-FDC1-4DC3-A9DD-070D1D495D97"


@dataclass(frozen=True)
class Policy:
    pin_length: int = 4
    max_attempts: int = 10
    device_key_store: str = "keystore"
    sync_window_minutes: int = 60
    idle_lock_seconds: int = 120
    allow_copy: bool = True
    clipboard_clear_seconds: int = 30
    helpdesk_contact: str = ""
    ntp_server: str = ""
    clock_warn_seconds: int = 15
    clock_error_seconds: int = 60
    # "auto": the computer's TPM when one is usable, else software; "tpm": refuse without one.
    protection: str = "auto"
    # Token containers (issue 15): the issuers a workstation may register with ("" = any https
    # issuer the prescriber confirms), unverified TLS when a link asks for it, minutes between syncs.
    issuer_urls: tuple[str, ...] = ()
    allow_insecure_tls: bool = False
    sync_minutes: int = 15
    # Where the values came from, in words the front ends print ("" for the defaults):
    # "/etc/softtoken/policy.toml", "/etc/softtoken/policy.toml, tightened by /home/u/p.toml",
    # "/home/u/p.toml (no admin policy on this workstation)".
    source: str = ""
    admin_source: str = ""  # the admin file in force, "" when there is none
    user_source: str = ""  # the file given with --policy, "" when none

    @property
    def file_device_key(self) -> bool:
        return self.device_key_store == "file"

    def summary(self) -> dict[str, Any]:
        """Every value and source, JSON-ready: the vault audits each change of it."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


# key: (type, low, high) for numbers; (type, choices) for strings
_RULES: dict[str, tuple[Any, ...]] = {
    "pin_length": (int, 4, 8),
    "max_attempts": (int, 1, 10),
    "device_key_store": (str, DEVICE_KEY_STORES),
    "sync_window_minutes": (int, 0, 24 * 60),
    "idle_lock_seconds": (int, 15, 3600),
    "allow_copy": (bool,),
    "clipboard_clear_seconds": (int, 5, 600),
    "helpdesk_contact": (str, None),
    "ntp_server": (str, None),
    "clock_warn_seconds": (int, 1, 3600),
    "clock_error_seconds": (int, 1, 3600),
    "protection": (str, PROTECTIONS),
    "issuer_urls": (tuple,),
    "allow_insecure_tls": (bool,),
    "sync_minutes": (int, 1, 24 * 60),
}

# How strict a value is (higher is stricter); None: no order, a user file must keep the admin's value.
_STRICTNESS: dict[str, Callable[[Any], int] | None] = {
    "pin_length": int,
    "max_attempts": lambda v: -int(v),
    "device_key_store": lambda v: 1 if v == "keystore" else 0,
    "sync_window_minutes": None,
    "idle_lock_seconds": lambda v: -int(v),
    "allow_copy": lambda v: 0 if v else 1,
    "clipboard_clear_seconds": lambda v: -int(v),
    "helpdesk_contact": None,
    "ntp_server": None,
    "clock_warn_seconds": lambda v: -int(v),
    "clock_error_seconds": lambda v: -int(v),
    "protection": lambda v: {"software": 0, "auto": 1, "tpm": 2}[v],  # software < auto < tpm
    "issuer_urls": None,  # a set, not a scale: _check_tightens lets a user file narrow it
    "allow_insecure_tls": lambda v: 0 if v else 1,
    "sync_minutes": lambda v: -int(v),
}
MAX_ISSUER_URLS = 50
_DEFAULT_PORTS = {"https": 443, "http": 80}


def normalise_issuer_url(url: str) -> str | None:
    """``scheme://host[:port][/path]`` as the allow-list compares it, or None when it is not one.

    Scheme and host in lower case, the scheme's default port dropped, no trailing "/",
    no query, fragment or user name (an issuer URL has none).
    """
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host or parts.username is not None or parts.password is not None:
        return None
    if parts.query or parts.fragment or any(c.isspace() for c in url.strip()):
        return None
    shown_host = f"[{host}]" if ":" in host else host
    netloc = shown_host if port in (None, _DEFAULT_PORTS[scheme]) else f"{shown_host}:{port}"
    return f"{scheme}://{netloc}{parts.path.rstrip('/')}"


def default_policy_path() -> Path:
    """The admin policy's place: a folder only administrators can write."""
    if sys.platform == "win32":
        return _program_data() / "softtoken" / "policy.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/softtoken/policy.toml")
    return Path("/etc/softtoken/policy.toml")


def _program_data() -> Path:
    """ProgramData from the known-folder API.

    Not from the PROGRAMDATA environment variable: any user can set that and
    point softtoken at an "admin" policy of their own.
    """
    import ctypes
    import uuid

    class Guid(ctypes.Structure):
        _fields_ = [
            ("data1", ctypes.c_uint32),
            ("data2", ctypes.c_uint16),
            ("data3", ctypes.c_uint16),
            ("data4", ctypes.c_ubyte * 8),
        ]

    folder = Guid.from_buffer_copy(uuid.UUID(FOLDERID_PROGRAMDATA).bytes_le)
    windll = ctypes.windll  # type: ignore[attr-defined,unused-ignore]
    found = ctypes.c_wchar_p()
    result = windll.shell32.SHGetKnownFolderPath(ctypes.byref(folder), 0, None, ctypes.byref(found))
    try:
        if result != 0 or not found.value:
            raise PolicyError(
                "Windows did not say where the ProgramData folder is, so the admin policy cannot be "
                "read; ask your administrator."
            )
        return Path(found.value)
    finally:
        windll.ole32.CoTaskMemFree(found)  # the API's buffer, even after a failure


def _check(key: str, value: Any, where: str) -> Any:
    if key not in _RULES:
        known = ", ".join(sorted(_RULES))
        raise PolicyError(
            "{where}: unknown setting '{key}'. Known settings: {known}.",
            params={"where": where, "key": key[:40], "known": known},
        )
    rule = _RULES[key]
    kind = rule[0]
    named = {"where": where, "key": key}
    if kind is tuple:
        return _check_urls(value, named)
    if kind is bool:
        if not isinstance(value, bool):
            raise PolicyError("{where}: '{key}' must be true or false.", params=named)
        return value
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise PolicyError("{where}: '{key}' must be a whole number.", params=named)
        low, high = rule[1], rule[2]
        if not low <= value <= high:
            raise PolicyError(
                "{where}: '{key}' must be between {low} and {high}; it is {value}.",
                params={**named, "low": low, "high": high, "value": value},
            )
        return value
    if not isinstance(value, str):
        raise PolicyError("{where}: '{key}' must be text in quotes.", params=named)
    choices = rule[1]
    if choices is not None and value not in choices:
        allowed = " or ".join(f'"{c}"' for c in choices)
        raise PolicyError("{where}: '{key}' must be {allowed}.", params={**named, "allowed": allowed})
    if len(value) > 500:
        raise PolicyError("{where}: '{key}' is too long (500 characters at most).", params=named)
    return value


def _check_urls(value: Any, named: dict[str, str]) -> tuple[str, ...]:
    """A list of issuer URLs, each normalised (normalise_issuer_url)."""
    if not isinstance(value, list) or len(value) > MAX_ISSUER_URLS:
        raise PolicyError(
            "{where}: '{key}' must be a list of at most {most} issuer addresses in quotes, "
            'like ["https://pi.example.org"].',
            params={**named, "most": MAX_ISSUER_URLS},
        )
    urls: list[str] = []
    for item in value:
        url = normalise_issuer_url(item) if isinstance(item, str) and len(item) <= 500 else None
        if url is None:
            raise PolicyError(
                "{where}: '{key}' holds {value}, which is not an issuer address like "
                '"https://pi.example.org".',
                params={**named, "value": _shown(item)},
            )
        if url not in urls:
            urls.append(url)
    return tuple(urls)


def _parse(text: str, where: str) -> dict[str, Any]:
    import tomllib

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(
            "{where} is not valid TOML ({problem}). Fix the file or remove it.",
            params={"where": where, "problem": str(exc)},
        ) from None
    except RecursionError:  # tomllib recurses once per nested array or table
        raise PolicyError(
            "{where} is nested too deeply to be a policy. Fix the file or remove it.", params={"where": where}
        ) from None
    return {key: _check(key, value, where) for key, value in raw.items()}


def _check_clock_limits(values: dict[str, Any], where: str) -> None:
    warn = values.get("clock_warn_seconds", Policy.clock_warn_seconds)
    error = values.get("clock_error_seconds", Policy.clock_error_seconds)
    if warn > error:
        raise PolicyError(
            "{where}: 'clock_warn_seconds' ({warn}) must not exceed 'clock_error_seconds' ({error}).",
            params={"where": where, "warn": warn, "error": error},
        )


def parse_policy(text: str, where: str = Words("policy")) -> dict[str, Any]:
    """The settings of one policy file, checked key by key (unset keys are left out)."""
    values = _parse(text, where)
    _check_clock_limits(values, where)
    return values


def _read_text(path: Path, todo: Words) -> str:
    """The text of a policy file; FileNotFoundError is left to the caller (absent admin file)."""
    from .storage import UnreadableFile, read_bounded

    named = {"path": str(path), "todo": todo}
    try:
        data = read_bounded(path, MAX_POLICY_BYTES)
    except FileNotFoundError:
        raise
    except UnreadableFile as exc:  # a FIFO, device, directory or huge file: refused without hanging
        if exc.size:
            raise PolicyError(
                "The policy file {path} is larger than {size}; {todo}.", params={**named, "size": exc.size}
            ) from None
        raise PolicyError("The policy file {path} is not a regular file; {todo}.", params=named) from None
    except OSError as exc:
        # An unreadable policy must not silently become the defaults.
        raise PolicyError(
            "The policy file {path} cannot be read ({problem}); {todo}.",
            params={**named, "problem": exc.strerror or type(exc).__name__},
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise PolicyError("The policy file {path} is not UTF-8 text; {todo}.", params=named) from None


def _read_admin(path: Path) -> str | None:
    """None when there is no admin file; any other problem with it is an error (fail closed)."""
    try:
        path.stat()  # no admin file (the usual case) loads nothing more before the first paint
    except FileNotFoundError:
        return None
    except OSError:
        pass  # said by the read below
    try:
        return _read_text(path, Words("ask your administrator"))
    except FileNotFoundError:
        return None


def _read_user(path: Path) -> str:
    try:
        return _read_text(path, Words("give a policy file or leave --policy out"))
    except FileNotFoundError:
        raise PolicyError(
            "The policy file {path} does not exist; check the name.", params={"path": str(path)}
        ) from None


def _shown(value: Any) -> str:
    """A value as the policy file writes it (true, 6, "text"), short enough for one sentence."""
    import json

    if isinstance(value, tuple):
        value = list(value)
    if isinstance(value, str) and len(value) > 60:
        value = value[:57] + "..."
    return json.dumps(value)


def _check_tightens(user: dict[str, Any], admin: dict[str, Any], user_where: str, admin_where: str) -> None:
    """Refuse the first key of ``user`` that is looser than (or, unordered, differs from) ``admin``."""
    defaults = Policy()
    for key, value in user.items():
        ours = admin.get(key, getattr(defaults, key))
        strictness = _STRICTNESS[key]
        if key == "issuer_urls":
            if not ours or set(value) <= set(ours):
                continue
            template = (
                "{user}: '{key}' = {value} names an issuer missing from {admin_value} in the admin "
                "policy {admin}; a policy file given with --policy may only narrow the list, so remove "
                "'{key}' from it or keep to the admin's issuers."
            )
        elif strictness is None:
            if value == ours:
                continue
            template = (
                "{user}: '{key}' = {value} differs from {admin_value} in the admin policy {admin}; a policy "
                "file given with --policy may only tighten the admin policy, so remove '{key}' from it."
            )
        elif strictness(value) >= strictness(ours):
            continue
        else:
            template = (
                "{user}: '{key}' = {value} is looser than {admin_value} in the admin policy {admin}; a "
                "policy file given with --policy may only tighten the admin policy, so remove '{key}' "
                "from it or make it stricter."
            )
        raise PolicyError(
            template,
            params={
                "user": user_where,
                "key": key,
                "value": _shown(value),
                "admin_value": _shown(ours),
                "admin": admin_where,
            },
        )


def load_policy(path: Path | None = None, *, admin_path: Path | None = None) -> Policy:
    """The policy in force: the admin file (may be absent), tightened by ``path`` if given.

    ``admin_path`` defaults to :func:`default_policy_path`; an admin file that
    exists but cannot be read or has a bad value is an error (fail closed).
    ``path`` must exist; it may only tighten an admin file (else PolicyError).
    """
    admin_file = admin_path if admin_path is not None else default_policy_path()
    admin_text = _read_admin(admin_file)
    admin = parse_policy(admin_text, str(admin_file)) if admin_text is not None else None
    if path is None:
        if admin is None:
            return Policy()
        return Policy(**admin, source=str(admin_file), admin_source=str(admin_file))
    user_file = path.absolute()
    user = _parse(_read_user(user_file), str(user_file))
    if admin is None:
        _check_clock_limits(user, str(user_file))
        return Policy(
            **user, source=f"{user_file} (no admin policy on this workstation)", user_source=str(user_file)
        )
    _check_tightens(user, admin, str(user_file), str(admin_file))
    merged = {**admin, **user}
    _check_clock_limits(merged, str(user_file))
    return Policy(
        **merged,
        source=f"{admin_file}, tightened by {user_file}",
        admin_source=str(admin_file),
        user_source=str(user_file),
    )
