"""Where softtoken keeps its files, chosen once and passed down (never a global).

Every front end takes its data folder from :func:`resolve_home` (``--home``,
then ``$SOFTTOKEN_HOME``, then the platform's folder) and, before it uses the
vault, :func:`prepare_home`. Both refuse an unusable folder with one
:class:`~softtoken.core.errors.DataDirectoryError`: an empty ``--home``
(never silently the default), a file or device (/dev/null), a folder that
cannot be made or written (/proc).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path

from .errors import DataDirectoryError, Words

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
    """``--home DIR`` wins, then ``$SOFTTOKEN_HOME``, then the platform's data directory.

    An empty ``$SOFTTOKEN_HOME`` counts as unset (as for any variable); an
    empty ``--home`` is refused. The path is checked without writing anything.
    """
    environ = os.environ if environ is None else environ
    if option is not None:
        if not os.fspath(option).strip():
            raise DataDirectoryError(
                "--home is empty: give the data folder after it, or leave --home out to use the default."
            )
        return check_home(Path(option).expanduser().absolute(), "--home")
    if environ.get(ENV_HOME):
        if not environ[ENV_HOME].strip():
            raise DataDirectoryError(
                "{variable} holds only spaces: set it to the data folder, or unset it to use the default.",
                params={"variable": f"${ENV_HOME}"},
            )
        return check_home(Path(environ[ENV_HOME]).expanduser().absolute(), f"${ENV_HOME}")
    return check_home(default_home(), Words("the default"))


def check_home(path: Path, source: str) -> Path:
    """``path`` if it is a folder, or could be made as one; ``source`` says who chose it."""
    named: dict[str, object] = {"path": str(path), "source": source}
    try:
        existing = path
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        is_folder = existing.is_dir()
    except OSError:  # a folder on the way that we may not look into
        raise DataDirectoryError(
            "The data folder {path} (from {source}) cannot be reached; "
            "give a folder softtoken may write in (--home DIR).",
            params=named,
        ) from None
    if existing == path and not is_folder:
        raise DataDirectoryError(
            "The data folder {path} (from {source}) is not a folder; "
            "give a folder softtoken may write in (--home DIR).",
            params=named,
        )
    if not is_folder:
        raise DataDirectoryError(
            "The data folder {path} (from {source}) cannot be made: {existing} is not a folder; "
            "give a folder softtoken may write in (--home DIR).",
            params={**named, "existing": str(existing)},
        )
    return path


def prepare_home(path: Path) -> Path:
    """Make the data folder (0700) if needed and check that softtoken can write in it.

    Plain ``os`` calls only: the GUI calls this before its first paint, when the
    storage module (``secrets``, ``hashlib``) is not loaded yet; the vault
    tightens an existing folder's mode when it first uses it.
    """
    named = {"path": str(path)}
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:
        raise DataDirectoryError(
            "The data folder {path} is not a folder; give a folder softtoken may write in (--home DIR).",
            params=named,
        ) from None
    except OSError:
        raise DataDirectoryError(
            "The data folder {path} cannot be made; give a folder softtoken may write in (--home DIR).",
            params=named,
        ) from None
    if not _can_write(path):
        raise DataDirectoryError(
            "softtoken cannot write in the data folder {path}; give a folder softtoken may write in "
            "(--home DIR).",
            params=named,
        )
    return path


def _can_write(folder: Path) -> bool:
    """Whether a file can be made in ``folder``: tried, since the mode bits do not tell root or /proc."""
    tmpfile = getattr(os, "O_TMPFILE", 0)
    if tmpfile:  # Linux: an unnamed file that vanishes when closed
        try:
            os.close(os.open(folder, os.O_WRONLY | tmpfile, 0o600))
        except OSError:
            pass  # refused, or not supported on this file system: try a named one
        else:
            return True
    probe = folder / f".softtoken-write-test-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        return True  # left by a crashed process with our id: the folder took a file then
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return True
