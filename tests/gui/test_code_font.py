"""Codes to be typed are shown in a font whose characters line up, whatever "monospace" maps to.

fontconfig decides what "monospace" is: on some machines a font Qt does not
take for fixed-pitch (Noto Sans Mono, with imagemagick or ghostscript
installed), on others a proportional one. The test makes the worst case on
purpose, in a fresh process (fontconfig is read once per process): a
configuration that maps "monospace" to the proportional DejaVu Sans. What is
checked is what the prescriber sees: every character of a code takes the
same width.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="fontconfig")

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <test qual="any" name="family"><string>monospace</string></test>
    <edit name="family" mode="assign" binding="strong"><string>DejaVu Sans</string></edit>
  </match>
</fontconfig>
"""

# The real Done page of the real wizard; the widths of every character a code can hold.
PROBE = textwrap.dedent(
    """
    import json
    from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetricsF
    from PySide6.QtWidgets import QApplication
    from softtoken.core.clock import FixedClock
    from softtoken.core.policy import Policy
    from softtoken.gui.wizard.activation import ActivationWizard

    app = QApplication([])
    wizard = ActivationWizard(policy=Policy(), existing_names=[], commit=None, clock=FixedClock(59))
    page = wizard.done_page
    codes = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ "
    def widths(label):
        metrics = QFontMetricsF(label.font())
        return sorted({metrics.horizontalAdvance(c) for c in codes})
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    print(json.dumps({
        "monospace_is": QFontInfo(system).family(),
        "two_step_code": widths(page.client_part_label),
        "passcode": widths(page.proof.code_label),
        "bigger": page.client_part_label.font().pointSizeF() > wizard.font().pointSizeF(),
    }))
    """
)


def test_codes_line_up_when_monospace_maps_to_a_proportional_font(tmp_path: Path) -> None:
    conf = tmp_path / "fonts.conf"
    conf.write_text(FONTS_CONF)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FONTCONFIG_FILE=str(conf), HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    if seen["monospace_is"] != "DejaVu Sans":
        pytest.skip(f"this machine's fontconfig ignored the test configuration ({seen['monospace_is']})")
    assert len(seen["two_step_code"]) == 1, seen  # one width for every character
    assert len(seen["passcode"]) == 1, seen
    assert seen["bigger"]
