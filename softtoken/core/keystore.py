"""Where device keys live: the operating system's keystore, or (by admin policy) a file.

softtoken refuses to create a vault without a secure keystore: no silent
fallback to keyrings.alt's plaintext store or keyring's fail backend. An
administrator may opt into :class:`FileKeystore` through the policy; the
support card then shows the weaker mode.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from .errors import KeystoreError, KeystoreUnavailable
from .secretservice import SecretServiceLink, is_secret_service, link_errors
from .storage import atomic_write, ensure_private_dir, remove_stale_temps

log = logging.getLogger(__name__)

SERVICE = "softtoken"

_NO_KEYSTORE = (
    "No secure keystore is available, so softtoken cannot protect your token. On Linux, install "
    "and unlock GNOME Keyring or KWallet (the Secret Service); on Windows and macOS sign in "
    "normally. If this workstation has none, ask your administrator."
)
_UNREACHABLE = (
    "The system keystore did not answer. Log out and back in (or restart the computer) and retry; "
    "if it keeps happening, ask your help desk."
)
_LOCKED = (
    "The system keystore refused access (it may be locked). Unlock your keyring or log in again, then retry."
)


def no_keystore() -> KeystoreUnavailable:
    """What a prescriber is told when this workstation has no keystore service at all."""
    return KeystoreUnavailable(_NO_KEYSTORE)


class Keystore(Protocol):
    name: str
    secure: bool  # False for the file store

    def get(self, entry: str) -> str | None: ...

    def set(self, entry: str, value: str) -> None: ...

    def delete(self, entry: str) -> None: ...


def _insecure(backend: Any) -> bool:
    from keyring.backends import fail, null

    module = type(backend).__module__
    return isinstance(backend, (fail.Keyring, null.Keyring)) or module.startswith("keyrings.alt")


_SS_BACKEND = "keyring.backends.SecretService.Keyring"  # the freedesktop Secret Service
_KWALLET_BACKEND = "keyring.backends.kwallet.DBusKeyring"
_LIBSECRET_BACKEND = "keyring.backends.libsecret.Keyring"


def _native_candidates() -> tuple[str, ...]:
    """The platform's own backends, best first, in keyring's order of priority.

    On Linux keyring ranks KWallet 5.1 on KDE (4.9 elsewhere), the Secret Service
    5 and libsecret 4.8; the first usable one in this order is the one keyring
    would pick, and the rest need not be probed (libsecret's probe alone imports
    GObject, ~14 ms).
    """
    if sys.platform.startswith("linux"):
        if "KDE" in os.environ.get("XDG_CURRENT_DESKTOP", "").split(":"):
            return (_KWALLET_BACKEND, _SS_BACKEND, _LIBSECRET_BACKEND)
        return (_SS_BACKEND, _KWALLET_BACKEND, _LIBSECRET_BACKEND)
    if sys.platform == "win32":
        return ("keyring.backends.Windows.WinVaultKeyring",)
    if sys.platform == "darwin":
        return ("keyring.backends.macOS.Keyring",)
    return ()


def _native_backend() -> Any | None:
    """The platform's own keystore, found without keyring's scan of every plugin.

    ``keyring.get_keyring()`` imports and ranks all backends, ~50 ms here (most of
    it the macOS backend looking for a C library even on Linux), which the CLI
    paid on every ``code``. A backend chosen by the user or administrator
    (PYTHON_KEYRING_BACKEND, keyringrc.cfg) or by :func:`keyring.set_keyring`
    still wins. Otherwise the platform's own backends are tried in keyring's
    order of priority (KWallet before the Secret Service on KDE); third-party
    keyring plugins are used only when configured (docs/vault-format.md). With
    no usable native backend the full scan stays the fallback.
    """
    from keyring import core

    if getattr(core, "_keyring_backend", None) is not None:
        return None  # already chosen in this process: keyring.get_keyring() answers at once
    configured = core.load_env() or core.load_config()
    if configured is not None:
        core.set_keyring(configured)
        return None
    for name in _native_candidates():
        try:
            backend_class = core._load_keyring_class(name)
            backend_class.priority  # noqa: B018 - keyring's availability probe: raises if not usable
        except Exception:  # noqa: BLE001 - a backend that cannot load or run is simply not this one
            log.debug("keyring backend %s not usable", name)
            continue
        return backend_class()
    return None


def secure_backend() -> Any | None:
    """The first secure keyring backend, or None (fail, null and keyrings.alt do not count)."""
    import keyring
    from keyring.backends import chainer

    native = _native_backend()
    if native is not None:
        return native
    current = keyring.get_keyring()
    candidates = current.backends if isinstance(current, chainer.ChainerBackend) else [current]
    for backend in candidates:
        if not _insecure(backend):
            return backend
    return None


def _backend_errors() -> tuple[type[BaseException], ...]:
    """What keyring's own path lets through besides KeyringError (a broken or missing D-Bus)."""
    errors: list[type[BaseException]] = [OSError]
    try:
        from jeepney.wrappers import DBusErrorResponse
        from secretstorage.exceptions import SecretStorageException
    except ImportError:  # not Linux
        pass
    else:
        errors += [SecretStorageException, DBusErrorResponse]
    return tuple(errors)


class OsKeystore:
    """The OS keystore through ``keyring``: Secret Service, Keychain, Credential Locker."""

    secure = True

    def __init__(self, backend: Any | None = None) -> None:
        chosen = backend if backend is not None else secure_backend()
        if chosen is None:
            raise KeystoreUnavailable(_NO_KEYSTORE)
        self._backend: Any = chosen
        self.name = f"{type(chosen).__module__}.{type(chosen).__name__}"
        self._link = SecretServiceLink(chosen) if is_secret_service(chosen) else None

    def probe(self) -> None:
        """A viable backend can still fail on first use (locked collection): try a round trip."""
        entry = f"probe-{uuid.uuid4().hex}"
        self.set(entry, "x")
        try:
            if self.get(entry) != "x":
                raise KeystoreUnavailable(_NO_KEYSTORE)
        finally:
            self.delete(entry)

    def get(self, entry: str) -> str | None:
        if self._link is not None:
            answered, value = self._via_link("read", lambda link: link.get(SERVICE, entry))
            if answered:
                return str(value)
        with _mapped_errors("read"):
            found: str | None = self._backend.get_password(SERVICE, entry)
        return found

    def set(self, entry: str, value: str) -> None:
        if self._link is not None:
            answered, _ = self._via_link("write", lambda link: link.set(SERVICE, entry, value))
            if answered:
                return
        with _mapped_errors("write"):
            self._backend.set_password(SERVICE, entry, value)

    def delete(self, entry: str) -> None:
        from keyring.errors import PasswordDeleteError

        with _mapped_errors("delete"):
            try:
                self._backend.delete_password(SERVICE, entry)
            except PasswordDeleteError:
                return  # already gone

    def _via_link(self, action: str, call: Callable[[SecretServiceLink], Any]) -> tuple[bool, Any]:
        """The kept Secret Service connection first; (False, None) when keyring's own path must answer."""
        from keyring.errors import KeyringError

        assert self._link is not None  # noqa: S101 - callers check
        try:
            return True, call(self._link)
        except KeyringError as exc:  # locked and not unlocked at the prompt: do not ask twice
            log.warning("keystore %s failed: %s", action, type(exc).__name__)
            raise KeystoreError(_LOCKED) from None
        except link_errors() as exc:  # includes "not found here": keyring's own path confirms
            log.info("kept Secret Service connection: %s; asking keyring", type(exc).__name__)
            return False, None


@contextmanager
def _mapped_errors(action: str) -> Iterator[None]:
    """keyring's errors as the messages a prescriber can act on (only the type is logged)."""
    from keyring.errors import KeyringError

    try:
        yield
    except KeyringError as exc:
        log.warning("keystore %s failed: %s", action, type(exc).__name__)
        raise KeystoreError(_LOCKED) from None
    except _backend_errors() as exc:
        log.warning("keystore %s failed: %s", action, type(exc).__name__)
        raise KeystoreError(_UNREACHABLE) from None


class FileKeystore:
    """Device keys in a 0600 JSON file in the data directory (admin opt-in, weaker)."""

    secure = False
    name = "file"

    def __init__(self, path: Path) -> None:
        self.path = path

    def remove_stale_temps(self) -> None:
        """Delete copies a crash left mid-write (each holds every key).

        Called by the vault under its lock only: outside it, the "stale" file may
        be another process's write in progress.
        """
        remove_stale_temps(self.path)

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            raise KeystoreError(
                "The key file {path} is unreadable or damaged. Ask your help desk.",
                params={"path": str(self.path)},
            ) from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise KeystoreError(
                "The key file {path} is damaged. Ask your help desk.", params={"path": str(self.path)}
            )

        return data

    def get(self, entry: str) -> str | None:
        return self._load().get(entry)

    def set(self, entry: str, value: str) -> None:
        data = self._load()
        data[entry] = value
        ensure_private_dir(self.path.parent)
        atomic_write(self.path, json.dumps(data, sort_keys=True).encode("ascii"))

    def delete(self, entry: str) -> None:
        data = self._load()
        if data.pop(entry, None) is not None:
            atomic_write(self.path, json.dumps(data, sort_keys=True).encode("ascii"))


_IN_WORDS = {
    _KWALLET_BACKEND: "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet",
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Manager",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
}
_SECRET_SERVICE_PROGRAMS = {  # /proc/PID/comm (at most 15 characters) of who answers as the Secret Service
    "gnome-keyring-d": "GNOME Keyring",
    "kwalletd5": "KWallet",
    "kwalletd6": "KWallet",
    "ksecretd": "KWallet",
    "keepassxc": "KeePassXC",
}


def keystore_in_words(name: str) -> str:
    """The keystore as a prescriber knows it: "GNOME Keyring", "macOS Keychain", "a file (weaker…)".

    ``name`` is a :class:`Keystore`'s ``name`` (the backend class). For the
    Secret Service the program that answers on the session bus is named when it
    is one softtoken knows; a backend softtoken does not know keeps its class name.
    """
    if name == FileKeystore.name:
        return "a file (weaker: admin policy)"
    if name in (_SS_BACKEND, _LIBSECRET_BACKEND):
        return secret_service_program() or "the Secret Service"
    return _IN_WORDS.get(name, name)


def secret_service_program() -> str | None:
    """Which program answers as the Secret Service (owns ``org.freedesktop.secrets``); None if unknown.

    Asks the bus daemon for the owner's process id (nothing is started) and reads
    its name from /proc. A second or so at most; any failure is "unknown".
    """
    try:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg
    except ImportError:  # not Linux
        return None
    bus = DBusAddress(
        "/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus"
    )
    call = new_method_call(bus, "GetConnectionUnixProcessID", "s", ("org.freedesktop.secrets",))
    try:
        with open_dbus_connection(bus="SESSION") as connection:
            (pid,) = unwrap_msg(connection.send_and_get_reply(call, timeout=1.0))
        program = Path(f"/proc/{int(pid)}/comm").read_text("utf-8").strip()
    except (OSError, KeyError, ValueError, TimeoutError, DBusErrorResponse):
        return None  # no session bus, nobody owns the name yet, no /proc
    return _SECRET_SERVICE_PROGRAMS.get(program)


def open_keystore(home: Path, file_mode: bool) -> Keystore:
    """The keystore the policy asks for; raises :class:`KeystoreUnavailable` if there is none."""
    if file_mode:
        return FileKeystore(home / "keystore.json")
    return OsKeystore()
