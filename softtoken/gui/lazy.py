"""A vault made on first use: the GUI paints before it loads the vault and crypto modules."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from softtoken.core.vault.vault import Vault


class LazyVault:
    """Holds a :class:`Vault` or a factory for one; ``get()`` makes it once."""

    def __init__(self, source: Vault | Callable[[], Vault]) -> None:
        self._source = source
        self._vault: Vault | None = None
        self._made = threading.Lock()  # the GUI thread and the vault worker may both ask first

    def get(self) -> Vault:
        with self._made:
            if self._vault is None:
                source = self._source
                is_factory = callable(source) and not hasattr(source, "unlock")
                self._vault = source() if is_factory else source  # type: ignore[operator,assignment]
            return self._vault  # type: ignore[return-value]
