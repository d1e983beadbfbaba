"""docs/helpdesk-guide.md: its "Common calls" are what the script writes, its commands parse, its
pictures are made by make_screenshots.py."""

from __future__ import annotations

import importlib.util
import io
import re
import shlex
import sys
from pathlib import Path
from types import ModuleType

import pytest

from softtoken.helpdesk.__main__ import build_parser
from softtoken.helpdesk.context import HelpdeskContext
from tests.gui.test_screenshots import EXPECTED, SPANISH

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "helpdesk-guide.md"
SCREENSHOTS = ROOT / "docs" / "screenshots"


def _common_calls() -> ModuleType:
    spec = importlib.util.spec_from_file_location("common_calls", SCREENSHOTS / "common_calls.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


CALLS = _common_calls()


def console_lines(markdown: str) -> list[str]:
    """Every ``softtoken-helpdesk …`` command line: in `code spans` (which may wrap) and in
    fenced or indented code blocks; whitespace made single."""
    found = [" ".join(m.group(1).split()) for m in re.finditer(r"`(softtoken-helpdesk\b[^`]*)`", markdown)]
    for line in markdown.splitlines():
        text = line.strip().removeprefix("$ ")
        if (line.startswith("    ") or "`" not in line) and text.startswith("softtoken-helpdesk "):
            found.append(" ".join(text.split("#")[0].split()))
    return list(dict.fromkeys(found))


LINES = console_lines(GUIDE.read_text(encoding="utf-8"))


def test_the_committed_guide_has_the_section_the_script_writes() -> None:
    """Edit docs/screenshots/common_calls.py, then run it (or make_screenshots.py)."""
    guide = GUIDE.read_text(encoding="utf-8")
    assert CALLS.BEGIN in guide and CALLS.END in guide
    assert CALLS.section(guide) == CALLS.render()
    assert CALLS.with_section(guide) == guide


def test_the_section_is_found_where_it_belongs() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    section = guide.partition("## 8. Common calls")[2]
    assert section.lstrip().startswith(CALLS.BEGIN) and section.rstrip().endswith(CALLS.END)


def test_the_calls_the_issue_names_each_have_commands_and_screens() -> None:
    titles = [call.title for call in CALLS.CALLS]
    assert titles == [
        "Passcode rejected",
        "Locked out",
        "Forgot PIN",
        "Lost workstation",
        "New workstation",
        "Clock wrong",
        "Hard token not linked",
    ]
    for call in CALLS.CALLS:
        assert call.steps and call.screens, call.title


def test_the_calls_keep_the_issuers_words() -> None:
    """The words a prescriber knows from the issuer's own help pages (/work/shared/seeds)."""
    section = " ".join(CALLS.render().replace("**", "").split())
    for words in (
        "token name",
        "four-digit PIN",
        "six-digit passcode",
        "serial number on the back, below the bar code",
        "may take up to 60 minutes",
    ):
        assert words in section


def test_every_picture_in_the_guide_is_made_by_the_script_and_committed() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    pictures = set(re.findall(r"\]\(screenshots/([a-z0-9-]+)\.png\)", guide))
    assert {name for call in CALLS.CALLS for name, _ in call.screens} <= pictures
    themes = ("-dark", "-contrast", "-1024", "-scale2")  # make_screenshots.py --variant all: every screen
    made = EXPECTED | {f"{name}-es" for name in SPANISH} | {f"{name}{v}" for name in EXPECTED for v in themes}
    assert pictures <= made, pictures - made
    missing = [name for name in sorted(pictures) if not (SCREENSHOTS / f"{name}.png").is_file()]
    assert not missing, f"run docs/screenshots/make_screenshots.py under Xvfb: {missing}"


def test_the_guide_commands_are_found() -> None:
    """The extraction itself: every command of the calls, the older sections' commands too."""
    expected = {CALLS.command_line(step) for call in CALLS.CALLS for step in call.steps}
    assert expected <= set(LINES)
    assert "softtoken-helpdesk import-pskc FILE --psk-file KEY" in LINES  # wrapped over two lines
    assert console_lines("`softtoken-helpdesk\n  stock`\n    $ softtoken-helpdesk token S  # why\n") == [
        "softtoken-helpdesk stock",
        "softtoken-helpdesk token S",
    ]


@pytest.mark.parametrize("line", LINES)
def test_every_console_command_in_the_guide_parses(line: str) -> None:
    """With the console's real parser: a renamed command or option fails here, by name."""
    out, err = io.StringIO(), io.StringIO()
    parser = build_parser(HelpdeskContext(stdin=io.StringIO(), stdout=out, stderr=err, environ={}))
    argv = shlex.split(line)[1:]
    try:
        args = parser.parse_args(argv)
    except Exception as exc:  # noqa: BLE001 - the console's parser ends with its own _Exit
        said = err.getvalue().strip().splitlines() or [repr(exc)]
        pytest.fail(f"{line!r} does not parse: {said[-1]}", pytrace=False)
    assert args.command == argv[0] and callable(args.run)
