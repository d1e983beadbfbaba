"""docs/helpdesk-console.md offline: its examples are found, and each is a command line the console parses.

The examples are run for real against privacyIDEA in tests/e2e/test_doc_examples.py; this is the
quick check that a renamed option or a typo in the doc fails the ordinary suite too.
"""

from __future__ import annotations

import io
import shlex

from softtoken.helpdesk.__main__ import build_parser
from softtoken.helpdesk.context import HelpdeskContext
from tests.e2e.doc_examples import _match, blocks

MARKDOWN = """
Some prose.

<!-- doc-test: skip-ahead HW1 40 -->
```
$ softtoken-helpdesk check alice --otp-stdin <<< 000000  # exit 65
Rejected: nope.
$ softtoken-helpdesk status alice
Tokens of alice (realm e2e):
…
```

```
not an example
```
"""


def test_blocks_commands_exit_codes_and_directives_are_read() -> None:
    found = blocks(MARKDOWN)
    assert len(found) == 1
    block = found[0]
    assert block.directives == [["skip-ahead", "HW1", "40"]]
    assert [(s.line, s.code) for s in block.steps] == [
        ("softtoken-helpdesk check alice --otp-stdin <<< 000000", 65),
        ("softtoken-helpdesk status alice", 0),
    ]
    assert block.steps[1].expected == ["Tokens of alice (realm e2e):", "…"]


def test_every_example_in_the_doc_parses() -> None:
    steps = [step for block in blocks() for step in block.steps]
    assert len(steps) >= 40
    commands = set()
    for step in steps:
        words = shlex.split(step.line)
        argv = []
        rest = iter(words[1:])
        for word in rest:
            if word in ("<<<", "<"):
                next(rest)
            else:
                argv.append(word)
        ctx = HelpdeskContext(stdout=io.StringIO(), stderr=io.StringIO())
        args = build_parser(ctx).parse_args(argv)  # raises (exit 2) on an unknown option
        commands.add(args.command)
    wanted = {"check", "reset", "resync", "enable", "disable", "revoke", "unassign", "cancel"}
    assert (
        wanted
        | {
            "show-activation",
            "token",
            "stock",
            "history",
            "issue",
            "replace",
            "register-workstation",
            "setup",
        }
        <= commands
    )


def test_the_matcher_binds_serials_and_is_strict_about_the_rest() -> None:
    doc = ["Issued token TOTP0000EAD0 (TOTP) for alice.", "Sync until 2026-11-26 13:48 CET.", "…"]
    real = ["Issued token TOTP00012345 (TOTP) for alice.", "Sync until 2030-01-02 03:04 UTC.", "x", "y"]
    assert _match(doc, real, {}) == {"TOTP0000EAD0": "TOTP00012345"}
    assert _match(doc, real, {"TOTP0000EAD0": "TOTP0009999A"}) is None  # bound to another one
    assert _match(doc, ["Issued token TOTP00012345 (TOTP) for bob.", *real[1:]], {}) is None
    assert _match(["a", "b"], ["a"], {}) is None and _match(["a"], ["a", "b"], {}) is None
