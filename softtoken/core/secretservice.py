"""A kept connection to the Secret Service (Linux), for keyring's SecretService backend.

keyring opens a new D-Bus connection and a new encrypted Secret Service session
for every call, and the session's 1024-bit Diffie-Hellman exchange alone costs
~9 ms; an unlock makes two calls, so half its non-KDF time went to key
exchanges. This module keeps one connection and one session per process and
runs the two calls an unlock needs (read, write) on them with SecretStorage,
the library keyring itself uses, storing items exactly as keyring does
(same attributes and label), so either path reads what the other wrote.

Anything unexpected (the daemon restarted, the collection is locked, the
process forked) drops the kept connection and the caller falls back to
keyring's own path, which knows how to prompt for an unlock and maps errors.
Only reads and writes take this path; deletes are rare and go through keyring.

Kept state: the connection and the session's transport key, which lets this
process talk to the keyring it could open anyway. No device key is cached here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from typing import Any

log = logging.getLogger(__name__)


def is_secret_service(backend: Any) -> bool:
    return type(backend).__module__ == "keyring.backends.SecretService"


class SecretServiceLink:
    """One D-Bus connection and one session, reused for get/set; thread-safe."""

    def __init__(self, backend: Any) -> None:
        self._backend = backend
        self._lock = threading.Lock()
        self._collection: Any = None
        self._pid = 0

    def get(self, service: str, username: str) -> str | None:
        with self._lock:
            collection = self._collection_now()
            for item in collection.search_items(self._backend._query(service, username)):
                secret: bytes = item.get_secret()  # raises LockedException if the item is locked
                return secret.decode("utf-8")
            return None

    def set(self, service: str, username: str, value: str) -> None:
        with self._lock:
            collection = self._collection_now()
            attributes = self._backend._query(service, username, application=self._backend.appid)
            label = f"Password for '{username}' on '{service}'"  # keyring's own label
            collection.create_item(label, attributes, value.encode("utf-8"), replace=True)

    def drop(self) -> None:
        """Forget the connection (after an error); the next call opens a new one."""
        with self._lock:
            collection, self._collection = self._collection, None
            if collection is not None and self._pid == os.getpid():
                with contextlib.suppress(OSError):
                    collection.connection.close()

    def _collection_now(self) -> Any:
        if self._collection is None or self._pid != os.getpid():  # a forked child opens its own
            from secretstorage.util import open_session

            collection = self._backend.get_preferred_collection()  # unlocks or raises KeyringLocked
            collection.session = open_session(collection.connection)
            self._collection, self._pid = collection, os.getpid()
            log.debug("Secret Service connection opened")
        return self._collection


def link_errors() -> tuple[type[BaseException], ...]:
    """What a kept link may raise that a fresh keyring call could get past."""
    from jeepney.wrappers import DBusErrorResponse
    from keyring.errors import KeyringError
    from secretstorage.exceptions import SecretStorageException

    return (SecretStorageException, DBusErrorResponse, KeyringError, OSError, ValueError)
