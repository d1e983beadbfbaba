"""The screenshot script runs in CI (offscreen) so the help-desk guide's pictures cannot rot, and
writes the guide's "Common calls" section as it is committed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from PIL import Image

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "make_screenshots.py"
GUIDE = Path(__file__).resolve().parents[2] / "docs" / "helpdesk-guide.md"
EXPECTED = {
    "activate-1-empty",
    "activate-1-cut-short",
    "activate-1-link",
    "activate-1-repeated-seed",
    "activate-1-web-link",
    "activate-1-no-keystore",
    "activate-2-name",
    "activate-3-pin-too-easy",
    "activate-3-pin",
    "activate-4-done",
    "activate-4-passcode",
    "token-1-pin",
    "token-2-passcode",
    "token-3-copied",
    "token-4-wrong-pin",
    "token-5-wait",
    "token-5-wait-last-attempt",
    "token-6-disabled",
    "token-7-several",
    "token-8-clock-warning",
    "token-9-idle-locked",
    "replace-1-from-link",
    "replace-1-why-lost",
    "replace-2-new-activation",
    "replace-3-name",
    "replace-4-pin",
    "replace-5-done",
    "replace-new-workstation",
    "support-card",
    "support-clock-check",
    "register-1-confirm",
    "delivery-1-name",
    "token-10-sync-failed",
    "replace-move-qr",
}
SPANISH = {  # the main screens, also in Spanish: make_screenshots.SPANISH
    "activate-1-link",
    "activate-1-no-keystore",
    "activate-3-pin-too-easy",
    "activate-4-done",
    "token-2-passcode",
    "token-5-wait-last-attempt",
    "token-6-disabled",
    "replace-1-why-lost",
    "support-card",
    "register-1-confirm",
    "delivery-1-name",
}


def test_screenshot_script_makes_every_screen(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), TMPDIR=str(temp))
    guide = tmp_path / "helpdesk-guide.md"
    committed = GUIDE.read_text(encoding="utf-8")
    guide.write_text(committed.replace("### 8.1 ", "### 8.1 (stale) "), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--guide", str(guide), str(tmp_path / "shots")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert list(temp.iterdir()) == [], (
        proc.returncode,
        proc.stderr[-3000:],
    )  # the walk's data folders are gone once it is done
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert guide.read_text(encoding="utf-8") == committed  # the section rewritten, as committed
    made = {p.stem for p in (tmp_path / "shots").glob("*.png")}
    assert made == EXPECTED | {f"{name}-es" for name in SPANISH}
    for name in made:
        with Image.open(tmp_path / "shots" / f"{name}.png") as image:
            assert image.width >= 400 and image.height >= 300
            colours = image.convert("L").getcolors(maxcolors=1 << 16)
            assert colours is None or len(colours) > 8, f"{name} looks blank"


def test_every_variant_is_made_with_its_suffix(tmp_path: Path) -> None:
    """Dark, high contrast, 1024×768 and scale 2 (a process of its own) of two screens."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), TMPDIR=str(tmp_path))
    env.pop("QT_SCALE_FACTOR", None)
    screens = ["token-2-passcode", "activate-3-pin"]
    proc = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--variant",
            "light,dark,contrast,1024,scale2",
            "--only",
            ",".join(screens),
            str(tmp_path / "shots"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    made = {p.stem for p in (tmp_path / "shots").glob("*.png")}
    suffixes = ["", "-dark", "-contrast", "-1024", "-scale2"]
    assert made == {f"{name}{suffix}" for name in screens for suffix in suffixes}

    def size(name: str) -> tuple[int, int]:
        with Image.open(tmp_path / "shots" / f"{name}.png") as image:
            return image.size

    def mean(name: str) -> float:
        with Image.open(tmp_path / "shots" / f"{name}.png") as image:
            grey = image.convert("L")
            return sum(grey.getdata()) / (grey.width * grey.height)

    for name in screens:
        width, height = size(name)
        assert size(f"{name}-scale2") == (2 * width, 2 * height)
        assert size(f"{name}-1024") == (1024, 768)
        assert mean(f"{name}-dark") < mean(name) - 60  # a dark screen, not the light one again
        assert mean(f"{name}-contrast") < mean(f"{name}-dark")  # black, darker still


def test_the_gallery_shows_the_committed_pictures() -> None:
    """docs/screenshots/gallery.md is what gallery.py makes of the pictures committed beside it."""
    sys.path.insert(0, str(SCRIPT.parent))
    import gallery

    committed = (SCRIPT.parent / "gallery.md").read_text(encoding="utf-8")
    assert committed == gallery.gallery(), "run: python docs/screenshots/gallery.py"
    pictures = re.findall(r"\]\(([^)]+\.png)\)", committed)
    assert len(pictures) > 300
    assert all((SCRIPT.parent / picture).is_file() for picture in pictures)
