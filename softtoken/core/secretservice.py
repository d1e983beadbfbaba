"""A kept connection to the Secret Service (Linux), for keyring's SecretService backend.

keyring opens a new D-Bus connection and a new encrypted Secret Service session
for every call, and the session's 1024-bit Diffie-Hellman exchange alone costs
~9 ms; an unlock makes two calls, so half its non-KDF time went to key
exchanges. This module keeps one connection and one session per process and
runs the two calls an unlock needs (read, write) on them with SecretStorage,
the library keyring itself uses, storing items exactly as keyring does
(same attributes and label), so either path reads what the other wrote.

Anything unexpected (the daemon restarted, an item is locked) drops the kept
connection, and the caller asks keyring's own path, which knows how to prompt
for an unlock and maps errors; a search that finds nothing keeps the
connection but is also asked again through keyring, which confirms that an
entry is really absent. A collection that stays locked after keyring's unlock
prompt is the final answer (no second prompt). A forked child opens its own
connection. Only reads and writes take this path; deletes are rare and go
through keyring.

Kept state: the connection and the session's transport key, which lets this
process talk to the keyring it could open anyway. No device key is cached here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import weakref
from typing import Any

log = logging.getLogger(__name__)


def is_secret_service(backend: Any) -> bool:
    return type(backend).__module__ == "keyring.backends.SecretService"


class NotFoundHere(Exception):
    """The kept connection found no such item: keyring's own path must confirm it.

    An empty search is not proof: KeePassXC's Secret Service answers a search on
    a locked database with nothing, and a missing device key disables a token.
    """


_LINKS: weakref.WeakSet[SecretServiceLink] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for link in list(_LINKS):
        link._forget_inherited()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


class SecretServiceLink:
    """One D-Bus connection and one session, reused for get/set; thread-safe."""

    def __init__(self, backend: Any) -> None:
        self._backend = backend
        self._lock = threading.Lock()
        self._collection: Any = None
        self._pid = 0
        _LINKS.add(self)

    def get(self, service: str, username: str) -> str:
        """The secret; raises :class:`NotFoundHere` when the search finds nothing."""
        with self._lock:
            collection = self._collection_now()
            try:
                for item in collection.search_items(self._backend._query(service, username)):
                    secret: bytes = item.get_secret()  # raises LockedException if the item is locked
                    return secret.decode("utf-8")
            except link_errors():
                self._drop(collection)
                raise
            raise NotFoundHere(username)

    def set(self, service: str, username: str, value: str) -> None:
        with self._lock:
            collection = self._collection_now()
            attributes = self._backend._query(service, username, application=self._backend.appid)
            label = f"Password for '{username}' on '{service}'"  # keyring's own label
            try:
                collection.create_item(label, attributes, value.encode("utf-8"), replace=True)
            except link_errors():
                self._drop(collection)
                raise

    def _drop(self, collection: Any) -> None:
        """Forget ``collection``'s connection after an error; the next call opens a new one."""
        if self._collection is collection:
            self._collection = None
        if collection is not None and self._pid == os.getpid():
            with contextlib.suppress(OSError):
                collection.connection.close()

    def _forget_inherited(self) -> None:
        """In a forked child: the parent's socket and lock are not ours to use."""
        self._lock = threading.Lock()
        self._collection = None

    def _collection_now(self) -> Any:
        if self._collection is None or self._pid != os.getpid():  # a forked child opens its own
            from secretstorage.util import open_session

            collection = self._backend.get_preferred_collection()  # unlocks, or raises KeyringLocked
            try:
                collection.session = open_session(collection.connection)
            except BaseException:
                with contextlib.suppress(OSError):
                    collection.connection.close()
                raise
            self._collection, self._pid = collection, os.getpid()
            log.debug("Secret Service connection opened")
        return self._collection


def link_errors() -> tuple[type[BaseException], ...]:
    """What a kept link may raise that keyring's own path could answer better."""
    from jeepney.wrappers import DBusErrorResponse
    from secretstorage.exceptions import SecretStorageException

    return (NotFoundHere, SecretStorageException, DBusErrorResponse, OSError, ValueError)
