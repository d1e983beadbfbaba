"""Writes docs/screenshots/gallery.md: every screen in every variant, before and after issue 16.

    python docs/screenshots/gallery.py

``before/`` holds the pictures of the stock-Qt screens (made at commit 32b545b
with this folder's make_screenshots.py); the pictures beside this script are
the current screens (``make_screenshots.py --variant all``). The gallery puts
them side by side, one table per variant.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_screenshots import VARIANTS  # noqa: E402

TITLES = {
    "light": "Light (the platform's palette)",
    "dark": "Dark",
    "contrast": "High contrast",
    "es": "Spanish",
    "1024": "1024×768, maximised",
    "scale2": "Scale 2 (high DPI)",
}


def screens() -> list[str]:
    names = {p.stem for p in HERE.glob("*.png")}
    return sorted(n for n in names if not any(n.endswith(s) for s in VARIANTS.values() if s))


def gallery() -> str:
    lines = [
        "# Every screen, before and after (issue 16)",
        "",
        "Made by `docs/screenshots/gallery.py` from the pictures beside it "
        "(`make_screenshots.py --variant all`) and those in `before/` (the stock-Qt screens).",
        "",
    ]
    for variant, suffix in VARIANTS.items():
        rows = [n for n in screens() if (HERE / f"{n}{suffix}.png").exists()]
        if not rows:
            continue
        lines += [f"## {TITLES[variant]}", "", "| Screen | Before | After |", "| --- | --- | --- |"]
        for name in rows:
            file = f"{name}{suffix}.png"
            before = f"![before](before/{file})" if (HERE / "before" / file).exists() else "(new)"
            lines.append(f"| {name} | {before} | ![after]({file}) |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    (HERE / "gallery.md").write_text(gallery(), encoding="utf-8")
    print(HERE / "gallery.md")
