"""The pins: requirements/test.lock fixes every tool and library the scripts install, within
pyproject.toml's ranges, and the build's setuptools floor is the one pyproject.toml needs.

Runs in the normal suite (nothing is installed or built here).
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "test.lock"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
TOOLS = ("pytest", "pytest-qt", "hypothesis", "ruff", "mypy", "pyinstaller")


def locked() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s;]+)", line.strip())
        assert match, f"not an exact pin: {line!r}"
        name = canonicalize_name(match.group(1))
        assert name not in pins, f"pinned twice: {name}"
        pins[name] = Version(match.group(2))
    return pins


def requirements() -> list[Requirement]:
    project = PYPROJECT["project"]
    listed = list(project["dependencies"])
    for extra in ("test", "packaging"):
        listed += project["optional-dependencies"][extra]
    return [Requirement(text) for text in listed]


def test_every_requirement_is_pinned_within_its_range() -> None:
    pins = locked()
    for requirement in requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in {LOCK.name}: run scripts/lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{LOCK.name} pins {name}=={pins[name]}, outside pyproject.toml's {requirement.specifier}"
        )


def test_the_test_and_lint_tools_are_pinned() -> None:
    pins = locked()
    assert set(TOOLS) <= set(pins)
    exact = {canonicalize_name(r.name): r for r in requirements() if str(r.specifier).startswith("==")}
    for name in ("ruff", "mypy"):  # pinned in pyproject.toml too: the two must agree
        assert str(exact[name].specifier) == f"=={pins[name]}"


@pytest.mark.parametrize("tool", TOOLS)
def test_the_running_tools_are_the_locked_ones(tool: str) -> None:
    """scripts/test really installs from the lock (a tool absent from this venv is not checked)."""
    try:
        installed = Version(importlib.metadata.version(tool))
    except importlib.metadata.PackageNotFoundError:
        pytest.skip(f"{tool} is not installed in this environment")
    assert installed == locked()[canonicalize_name(tool)]


def test_the_scripts_install_with_the_lock() -> None:
    lib = (ROOT / "scripts" / "lib.sh").read_text(encoding="utf-8")
    assert "LOCK=requirements/test.lock" in lib
    assert 'pip_install -c "$LOCK" -e "$1"' in lib
    assert 'pip_install -c "$LOCK" ".[packaging]"' in (ROOT / "packaging" / "build.sh").read_text()


def test_the_setuptools_floor_is_the_one_the_metadata_needs() -> None:
    """`license = "MIT"` (an SPDX expression) and `license-files` are read from setuptools 77 on."""
    assert isinstance(PYPROJECT["project"]["license"], str)
    (setuptools,) = (
        Requirement(r) for r in PYPROJECT["build-system"]["requires"] if Requirement(r).name == "setuptools"
    )
    assert not setuptools.specifier.contains("76.1.0")
    assert setuptools.specifier.contains("77.0.0")
