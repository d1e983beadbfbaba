"""Secret bytes that never show themselves.

A :class:`Secret` keeps its bytes in a ``bytearray`` so they can be
overwritten after use (:meth:`wipe`). Python may still have copied them
elsewhere (a ``bytes`` returned by a library, the base32 text of a link);
SECURITY.md says what can and cannot be erased.
"""

from __future__ import annotations

from types import TracebackType


class Secret:
    """Mutable secret bytes with a repr that shows only their length."""

    __slots__ = ("_buf",)

    def __init__(self, data: bytes | bytearray | memoryview) -> None:
        self._buf = bytearray(data)

    def __len__(self) -> int:
        return len(self._buf)

    @property
    def bits(self) -> int:
        return len(self._buf) * 8

    @property
    def buffer(self) -> bytearray:
        """The live buffer (not a copy). Callers must not keep it beyond use."""
        return self._buf

    def reveal(self) -> bytes:
        """An immutable copy, for APIs that insist on ``bytes``. Cannot be wiped."""
        return bytes(self._buf)

    def copy(self) -> Secret:
        return Secret(self._buf)

    def wipe(self) -> None:
        """Overwrite the buffer with zeros and empty it."""
        for i in range(len(self._buf)):
            self._buf[i] = 0
        self._buf.clear()

    @property
    def wiped(self) -> bool:
        return not self._buf

    def equals(self, other: Secret) -> bool:
        """Constant-time comparison."""
        from .digest import compare_digest  # not hmac's: it loads OpenSSL (core/digest.py)

        return compare_digest(self._buf, other._buf)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and self.equals(other)

    __hash__ = None  # type: ignore[assignment]  # secrets are not dictionary keys

    def __repr__(self) -> str:
        return f"<Secret {self.bits} bits>"

    __str__ = __repr__

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("Secret cannot be pickled")

    def __enter__(self) -> Secret:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.wipe()
