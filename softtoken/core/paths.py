"""Where softtoken keeps its files, chosen once and passed down (never a global)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_HOME = "SOFTTOKEN_HOME"
VAULT_FILE = "vault.stv"
BACKUP_FILE = "vault.stv.bak"


def vault_present(home: Path) -> bool:
    """Cheap (no keystore, no crypto, no vault module): is there a vault on disk?"""
    return (home / VAULT_FILE).exists() or (home / BACKUP_FILE).exists()


def default_home() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("softtoken", appauthor=False, roaming=False))


def resolve_home(
    option: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """``--home DIR`` wins, then ``$SOFTTOKEN_HOME``, then the platform's data directory."""
    environ = os.environ if environ is None else environ
    if option:
        return Path(option).expanduser().absolute()
    if environ.get(ENV_HOME):
        return Path(environ[ENV_HOME]).expanduser().absolute()
    return default_home()
