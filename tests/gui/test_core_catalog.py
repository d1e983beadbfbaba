"""Every core message that can reach the GUI has a Spanish line in the catalog's "core" context.

The GUI shows core's errors through ``gui/errors.py`` (``core_message``/``core_text``), which
translate the message's *template* in the "core" context. A template without a catalog line
stays English in a Spanish app, so this test reads ``softtoken/core`` (and the few errors the
GUI raises itself) and finds every template:

- static: every ``SoftTokenError`` subclass called (raised or returned) with a literal
  template, a module constant, or a local name assigned literal templates in its function;
  every ``raise Something("…")`` with a literal first argument; every ``Words("…")``;
- composed at run time (the wrong-PIN and wait sentences, the clock check): made by
  calling the functions that make them, for every shape they take.

An f-string message cannot be translated (its numbers and names are baked in): it fails here;
use ``SomeError("… {name} …", params={"name": …})``.

Left out, each with the reason the GUI never shows it (checked below where it can be):
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from defusedxml import ElementTree as ET

from softtoken.core import errors

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "resources" / "i18n" / "softtoken_es.ts"
SCANNED = [ROOT / "softtoken" / "core", ROOT / "softtoken" / "gui"]

# Modules whose messages only softtoken-cli and softtoken-helpdesk print.
ONLY_CONSOLES = {
    "softtoken/core/hardtoken.py": (
        "hard-token serials and passcodes are typed only into softtoken-helpdesk; a PSKC file's odd "
        "serial is caught (SerialError) and kept as written"
    ),
    "softtoken/core/activation/base32check.py": (
        "only softtoken-helpdesk decodes a two-step activation code; the app only encodes one"
    ),
    "softtoken/core/textinput.py": (
        "standard input and secret files are the consoles'; the app reads only a handed-over link "
        "from standard input, and says a refusal on stderr (launch.link_from_stdin)"
    ),
    "softtoken/core/lifecycle.py": (
        "parse_reason reads a reason typed on the command line; the GUI passes Reason values"
    ),
}
# Modules whose templates are composed at run time: enumerated by composed_templates().
COMPOSED = {"softtoken/core/vault/lockout.py", "softtoken/core/clockcheck.py"}
INTERNAL = "internal:"  # a bug's message: the GUI shows its own "a bug" sentence for these


def catalog_sources(context: str) -> set[str]:
    root = ET.parse(CATALOG).getroot()
    return {
        m.findtext("source") or ""
        for c in root.iter("context")
        if (c.findtext("name") or "") == context
        for m in c.iter("message")
    }


def error_classes() -> set[str]:
    names = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, errors.SoftTokenError)
    }
    return names | {"MissingCatalog"}


def _literal(node: ast.AST) -> str | None:
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return None
    return value if isinstance(value, str) else None


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _assigned(function: ast.AST, name: str) -> list[str]:
    """The literal strings assigned to ``name`` in ``function`` (each branch of an ``a if c else b``)."""
    found: list[str] = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            values = (
                [node.value.body, node.value.orelse] if isinstance(node.value, ast.IfExp) else [node.value]
            )
            found += [text for value in values if (text := _literal(value)) is not None]
    return found


class Scan:
    def __init__(self) -> None:
        self.templates: dict[str, str] = {}  # template -> where
        self.problems: list[str] = []


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}


def _function(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.AST | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return node
    return None


def scan_module(path: Path, scan: Scan, classes: set[str]) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(ROOT).as_posix()
    constants = {
        target.id: text
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and (text := _literal(node.value)) is not None
    }
    parents = _parents(tree)
    raised = {id(node.exc) for node in ast.walk(tree) if isinstance(node, ast.Raise) and node.exc is not None}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = _name(node)
        line = f"{where}:{node.lineno}"
        if name == "Words":
            text = _literal(node.args[0])
            if text is None:
                scan.problems.append(f"{line}: Words() of something other than literal words")
            else:
                scan.templates[text] = line
        elif name in classes or (id(node) in raised and isinstance(node.func, ast.Call)):
            # an error class, or raise type(exc)("…")
            for text in _message_templates(node, line, constants, parents, scan):
                if not text.startswith(INTERNAL):
                    scan.templates[text] = line


def _message_templates(
    node: ast.Call, line: str, constants: dict[str, str], parents: dict[ast.AST, ast.AST], scan: Scan
) -> list[str]:
    """The templates an error call can have; a problem is noted when they cannot be told."""
    first = node.args[0]
    if isinstance(first, ast.JoinedStr):
        head = first.values[0] if first.values else None
        if not (isinstance(head, ast.Constant) and str(head.value).startswith(INTERNAL)):
            scan.problems.append(f"{line}: an f-string message cannot be translated; use a template")
        return []
    if isinstance(first, ast.Call) and _name(first) == "translate":
        return []  # translated already, in the GUI's own context (qr_scan)
    if (text := _literal(first)) is not None:
        return [text]
    texts: list[str] = []
    if isinstance(first, ast.Name):
        function = _function(node, parents)
        if first.id in constants:
            texts = [constants[first.id]]
        elif function is not None:
            texts = _assigned(function, first.id)
    if not texts:
        scan.problems.append(f"{line}: cannot tell the template of this error")
    return texts


def composed_templates() -> Iterator[tuple[str, str]]:
    """The wrong-PIN and wait sentences in every shape, and every clock-check sentence."""
    from softtoken.core import clockcheck
    from softtoken.core.policy import Policy
    from softtoken.core.vault import lockout

    for left in (0, 1, 2, 5):
        for wait in (0, 5, 60, 65):
            error = lockout.wrong_pin_error("ACME", 10 - left, 10, wait)
            yield error.template, "lockout.wrong_pin_error"
            if left:
                yield lockout.locked_out_error(wait or 5, left).template, "lockout.locked_out_error"
                yield lockout.attempts_left_sentence(left)[0], "lockout.attempts_left_sentence"
                yield lockout.incorrect_pin_sentence(left)[0], "lockout.incorrect_pin_sentence"
            yield lockout.try_again_sentence(wait)[0], "lockout.try_again_sentence"
    policy = Policy()
    for offset in (0.0, 42.0, -42.0, 600.0, -600.0):
        yield clockcheck.describe(offset, policy)[1], "clockcheck.describe"


def clock_check_templates(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    from softtoken.core import clockcheck
    from softtoken.core.clock import FixedClock
    from softtoken.core.policy import Policy

    yield clockcheck.check_clock(Policy(), FixedClock(0)).template, "clockcheck.check_clock"

    def no_answer(*_args: object) -> float:
        raise OSError("no answer")

    monkeypatch.setattr(clockcheck, "sntp_offset", no_answer)
    unknown = clockcheck.check_clock(Policy(ntp_server="time.example.org"), FixedClock(0))
    yield unknown.template, "clockcheck.check_clock"


def test_every_core_message_the_gui_can_show_has_a_spanish_line(monkeypatch: pytest.MonkeyPatch) -> None:
    scan = Scan()
    classes = error_classes()
    for folder in SCANNED:
        for path in sorted(folder.rglob("*.py")):
            where = path.relative_to(ROOT).as_posix()
            if where in ONLY_CONSOLES or where in COMPOSED:
                continue
            scan_module(path, scan, classes)
    for template, where in [*composed_templates(), *clock_check_templates(monkeypatch)]:
        scan.templates[template] = where
    assert not scan.problems, "\n".join(scan.problems)
    assert len(scan.templates) > 150  # the scan found core's messages (it is not looking elsewhere)
    known = catalog_sources("core")
    missing = sorted(
        f"{where}: {template}" for template, where in scan.templates.items() if template not in known
    )
    assert not missing, f"{len(missing)} core messages without a Spanish line:\n" + "\n".join(missing)


def test_the_left_out_modules_are_not_used_by_the_gui() -> None:
    """What ONLY_CONSOLES claims, as far as an import can tell."""
    gui = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in SCANNED[1].rglob("*.py")}
    for module in set(ONLY_CONSOLES) - {"softtoken/core/lifecycle.py"}:  # its Reason is the GUI's too
        dotted = module.removesuffix(".py").replace("/", ".")

        users = sorted(path for path, text in gui.items() if dotted in text)
        expected = ["softtoken/gui/launch.py"] if module.endswith("textinput.py") else []
        assert users == expected, (module, users)
    assert not any(re.search(r"\bparse_reason\b", text) for text in gui.values())
