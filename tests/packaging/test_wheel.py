"""A wheel is whole: built the way ``pip install .`` builds it, installed into a fresh venv, and
run with the source tree out of reach. Its Spanish catalog and its icons are found, and a missing
catalog is a loud error, not English.

Run by scripts/package-test (skipped unless SOFTTOKEN_PACKAGING_TEST=1), about 35 s: most of it
is pip installing the dependencies into the new venv (from pip's cache where it has them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(
        os.environ.get("SOFTTOKEN_PACKAGING_TEST") != "1",
        reason="wheel tests run in scripts/package-test (SOFTTOKEN_PACKAGING_TEST=1)",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "test.lock"
# pip runs with the environment the suite started with (read before any fixture gives a test its
# own HOME), so it reuses the machine's pip cache and configuration; the app never sees it.
PIP_ENV = dict(os.environ)

# Run by the venv's own python from an empty folder: what the installed package finds by itself.
FACTS = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication
    import softtoken
    from softtoken.gui import i18n, resources

    app = QGuiApplication(sys.argv[:1])
    package = Path(softtoken.__file__).resolve().parent
    icon = resources.find_resource("icons/softtoken.svg")
    print(json.dumps({
        "package": str(package),
        "checkout_beside": (package.parent / "resources").exists(),
        "catalog": i18n.install_translator(app, "es"),
        "spanish": QCoreApplication.translate("ActivationWizard", "Activate your token"),
        "qt_spanish": QCoreApplication.translate("QWizard", "&Next >"),
        "icon": str(icon) if icon else None,
        "icon_renders": not resources.app_icon().pixmap(32, 32).isNull(),
        "ui_icon": str(resources.find_resource("icons/ui/copy.svg")),
        "ui_licence": resources.find_resource("icons/ui/LICENSE") is not None,
    }))
    """
)


def run(
    argv: list[str | Path], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def app_env(tmp: Path, **extra: str) -> dict[str, str]:
    """Nothing of the checkout or the developer's session: no PYTHONPATH, a fresh HOME."""
    runtime = tmp / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": str(tmp / "home"),
        "XDG_RUNTIME_DIR": str(runtime),
        "SOFTTOKEN_HOME": str(tmp / "vault"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONNOUSERSITE": "1",
    }
    env.update(extra)
    return env


def clean_copy(dest: Path) -> Path:
    """The checkout's files as git sees them (committed or not, ignored ones left out): a wheel
    built from it cannot pick up catalogs an editable install compiled into the checkout."""
    listed = run(["git", "-C", ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT)
    assert listed.returncode == 0, listed.stderr
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the work tree is not copied
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """softtoken's wheel, built from this checkout, installed with its dependencies into a new venv."""
    work = tmp_path_factory.mktemp("wheel")
    source = clean_copy(work / "source")
    built = run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", work / "dist", source], work, PIP_ENV
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("softtoken-*.whl")
    venv = work / "venv"
    made = run([sys.executable, "-m", "venv", venv], work, PIP_ENV)
    assert made.returncode == 0, made.stderr
    constraints = ["-c", LOCK] if LOCK.is_file() else []
    installed = run(
        [venv / "bin" / "python", "-m", "pip", "install", "-q", *constraints, wheel], work, PIP_ENV
    )
    assert installed.returncode == 0, installed.stderr
    return venv


def test_the_installed_wheel_finds_its_spanish_catalog_and_icons(venv: Path, tmp_path: Path) -> None:
    result = run([venv / "bin" / "python", "-c", FACTS], tmp_path, app_env(tmp_path))
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    package = Path(facts["package"])
    assert package.is_relative_to(venv), f"softtoken was imported from {package}, not the venv"
    assert not facts["checkout_beside"]
    assert facts["catalog"] == str(package / "gui" / "i18n_catalogs" / "softtoken_es.qm")
    assert facts["spanish"] == "Active su token"
    assert facts["qt_spanish"] == "Siguie&nte >"  # Qt's own catalog, from PySide6-Essentials

    assert facts["icon"] == str(package / "gui" / "icons" / "softtoken.svg")
    assert facts["icon_renders"]
    assert facts["ui_icon"] == str(package / "gui" / "icons" / "ui" / "copy.svg")
    assert facts["ui_licence"]


def test_the_installed_app_starts_in_spanish(venv: Path, tmp_path: Path) -> None:
    result = run(
        [venv / "bin" / "softtoken", "--smoke-test"], tmp_path, app_env(tmp_path, LANG="es_ES.UTF-8")
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("first-paint ")


def test_a_missing_catalog_is_a_loud_error(venv: Path, tmp_path: Path) -> None:
    (catalog,) = venv.glob("lib/python*/site-packages/softtoken/gui/i18n_catalogs/softtoken_es.qm")
    aside = catalog.with_suffix(".aside")
    catalog.rename(aside)
    try:
        spanish = run(
            [venv / "bin" / "softtoken", "--smoke-test"], tmp_path, app_env(tmp_path, LANG="es_ES.UTF-8")
        )
    finally:
        aside.rename(catalog)
    assert spanish.returncode == 70
    assert spanish.stdout == ""
    assert spanish.stderr == (
        "softtoken: This copy of softtoken is incomplete: its translation file softtoken_es.qm is "
        "missing; reinstall softtoken or ask your help desk.\n"
    )
