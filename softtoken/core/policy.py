"""The administrator's policy: a TOML file in the per-OS system location.

No file means safe defaults. A file with an unknown key or a bad value is an
error naming the key: a typo in a security policy must not pass silently.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import PolicyError

DEVICE_KEY_STORES = ("keystore", "file")


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
    source: str = ""  # the file this policy came from, "" for defaults

    @property
    def file_device_key(self) -> bool:
        return self.device_key_store == "file"

    def summary(self) -> dict[str, Any]:
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
}


def default_policy_path() -> Path:
    if sys.platform == "win32":
        import os

        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "softtoken" / "policy.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/softtoken/policy.toml")
    return Path("/etc/softtoken/policy.toml")


def _check(key: str, value: Any, where: str) -> Any:
    if key not in _RULES:
        known = ", ".join(sorted(_RULES))
        raise PolicyError(f"{where}: unknown setting '{key[:40]}'. Known settings: {known}.")
    rule = _RULES[key]
    kind = rule[0]
    if kind is bool:
        if not isinstance(value, bool):
            raise PolicyError(f"{where}: '{key}' must be true or false.")
        return value
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise PolicyError(f"{where}: '{key}' must be a whole number.")
        low, high = rule[1], rule[2]
        if not low <= value <= high:
            raise PolicyError(f"{where}: '{key}' must be between {low} and {high}; it is {value}.")
        return value
    if not isinstance(value, str):
        raise PolicyError(f"{where}: '{key}' must be text in quotes.")
    choices = rule[1]
    if choices is not None and value not in choices:
        allowed = " or ".join(f'"{c}"' for c in choices)
        raise PolicyError(f"{where}: '{key}' must be {allowed}.")
    if len(value) > 500:
        raise PolicyError(f"{where}: '{key}' is too long (500 characters at most).")
    return value


def parse_policy(text: str, where: str = "policy") -> dict[str, Any]:
    import tomllib

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{where} is not valid TOML ({exc}). Fix the file or remove it.") from None
    values = {key: _check(key, value, where) for key, value in raw.items()}
    if values.get("clock_warn_seconds", 15) > values.get("clock_error_seconds", 60):
        raise PolicyError(f"{where}: 'clock_warn_seconds' must not exceed 'clock_error_seconds'.")
    return values


def load_policy(path: Path | None = None) -> Policy:
    """Load ``path`` (must exist) or the system policy (may be absent)."""
    explicit = path is not None
    target = path if path is not None else default_policy_path()
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        if explicit:
            raise PolicyError(f"The policy file {target} does not exist.") from None
        return Policy()
    except OSError as exc:
        # An unreadable policy must not silently become the defaults.
        raise PolicyError(
            f"The policy file {target} cannot be read ({exc.strerror}). Ask your administrator."
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PolicyError(f"The policy file {target} is not UTF-8 text.") from None
    return Policy(**parse_policy(text, str(target)), source=str(target))
