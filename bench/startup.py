"""Start-up to first paint, and idle CPU while a passcode is shown (issue 4).

    python bench/startup.py [--runs 9] [--idle 60] [--platform offscreen|xcb]

Start-up is measured from outside, the way a user feels it: from spawning the
process to the line the app prints once its first paint has returned
(``--smoke-test``; only then do the pixels go to the window system), Python's
own start-up included. The baseline is a bare PySide6 window (a QLabel)
measured the same way. Idle: the token window shows a passcode (a
real vault, cheap KDF, in-memory keyring) and the process's CPU time and
event-loop wake-ups are counted for ``--idle`` seconds.

What a user sees on X11 (the first X DAMAGE) and the memory of a window left
open are measured from outside with the shared startup-bench tool; see
docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

BARE = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication(sys.argv[:1])
    class Label(QLabel):  # its own paintEvent, as softtoken's windows: no app-wide event filter
        painted = False
        def paintEvent(self, event):
            super().paintEvent(event)
            if not self.painted:
                self.painted = True
                QTimer.singleShot(0, report)  # once the paint has returned, as softtoken's reporter
    def report():
        print("first-paint", flush=True)
        QTimer.singleShot(0, app.quit)
    label = Label("123 456")
    label.show()
    app.exec()
    """
)


def spawn_to_paint(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None  # noqa: S101 - a broken bench must not print numbers
    for line in proc.stdout:
        if line.startswith("first-paint"):
            elapsed = time.perf_counter() - started
            break
    else:
        raise SystemExit(f"no first paint from {argv}")
    proc.wait(timeout=30)
    return elapsed * 1000


def make_vault_home(home: Path) -> None:
    """A vault with one token, made with the file keystore so the spawned app can open it."""
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from softtoken.core.activation.sources import tokens_from_text
        from softtoken.core.policy import Policy
        from softtoken.core.vault.crypto import KdfParams
        from softtoken.core.vault.vault import Vault
        v = Vault(Path({str(home)!r}), policy=Policy(device_key_store="file"),
                  kdf=KdfParams(memory_kib=64, iterations=1, parallelism=1))
        (t,) = tokens_from_text("otpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=A")
        v.activate(t, "Bench", "8642", "8642")
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def startup(runs: int, env: dict[str, str]) -> dict[str, float]:
    tmp = Path(tempfile.mkdtemp(prefix="softtoken-bench-"))
    policy = tmp / "policy.toml"
    policy.write_text('device_key_store = "file"\n')
    with_vault = tmp / "with-vault"
    make_vault_home(with_vault)
    cases = {
        "bare PySide6 window": [sys.executable, "-c", BARE],
        "softtoken, first run (wizard)": [sys.executable, "-m", "softtoken.gui", "--smoke-test"],
        "softtoken, token window": [
            sys.executable,
            "-m",
            "softtoken.gui",
            "--smoke-test",
            "--policy",
            str(policy),
        ],
    }
    homes = {"softtoken, token window": with_vault}
    results: dict[str, list[float]] = {name: [] for name in cases}
    for name, argv in cases.items():  # one warm-up run each
        spawn_to_paint(argv, dict(env, SOFTTOKEN_HOME=str(homes.get(name, tmp / "empty"))))
    for _ in range(runs):
        for name, argv in cases.items():
            home = homes.get(name, tmp / f"empty{len(results[name])}")
            results[name].append(spawn_to_paint(argv, dict(env, SOFTTOKEN_HOME=str(home))))
    return {name: statistics.median(times) for name, times in results.items()}


IDLE = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    import keyring
    from keyring.backend import KeyringBackend
    from PySide6.QtCore import QAbstractEventDispatcher, QTimer
    from PySide6.QtWidgets import QApplication
    class Mem(KeyringBackend):
        priority = 1
        def __init__(self): super().__init__(); self.d = {}
        def get_password(self, s, u): return self.d.get((s, u))
        def set_password(self, s, u, p): self.d[(s, u)] = p
        def delete_password(self, s, u): self.d.pop((s, u), None)
    keyring.set_keyring(Mem())
    from softtoken.core.activation.sources import tokens_from_text
    from softtoken.core.clock import SystemClock
    from softtoken.core.policy import Policy
    from softtoken.core.vault.crypto import KdfParams
    from softtoken.core.vault.vault import Vault
    from softtoken.gui.token_window import TokenWindow
    seconds = float(sys.argv[1]); home = Path(sys.argv[2])
    app = QApplication(sys.argv[:1])
    policy = Policy(idle_lock_seconds=3600)
    vault = Vault(home, policy=policy, clock=SystemClock(), kdf=KdfParams(64, 1, 1))
    (t,) = tokens_from_text("otpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=A&period=120")
    vault.activate(t, "Bench", "8642", "8642")
    window = TokenWindow(vault, policy, SystemClock())
    window.show(); window.reload()
    state = {"wakes": 0}
    def start():
        if window.stack.currentWidget() is not window.pin_page:
            QTimer.singleShot(20, start); return
        window.unlock("8642")
        QTimer.singleShot(2000, measure)
    def measure():
        dispatcher = QAbstractEventDispatcher.instance()
        dispatcher.awake.connect(lambda: state.__setitem__("wakes", state["wakes"] + 1))
        state["cpu0"] = resource.getrusage(resource.RUSAGE_SELF); state["t0"] = time.monotonic()
        QTimer.singleShot(int(seconds * 1000), done)
    def done():
        r = resource.getrusage(resource.RUSAGE_SELF); r0 = state["cpu0"]
        cpu = (r.ru_utime - r0.ru_utime) + (r.ru_stime - r0.ru_stime)
        wall = time.monotonic() - state["t0"]
        print(json.dumps({"cpu_s": cpu, "wall_s": wall, "cpu_percent": 100 * cpu / wall,
                          "wakeups": state["wakes"], "unlocked_at_end": window.unlocked}))
        app.quit()
    QTimer.singleShot(0, start)
    app.exec()
    """
)


def idle(seconds: float, env: dict[str, str]) -> dict[str, float]:
    home = Path(tempfile.mkdtemp(prefix="softtoken-idle-"))
    out = subprocess.run(
        [sys.executable, "-c", IDLE, str(seconds), str(home)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idle measurement (0: skip)")
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=args.platform)
    print(f"platform {args.platform}, median of {args.runs} warm runs, spawn to first paint:")
    times = startup(args.runs, env)
    for name, ms in times.items():
        print(f"  {name:34} {ms:7.1f} ms")
    base = times["bare PySide6 window"]
    for name, ms in times.items():
        if name != "bare PySide6 window":
            print(f"  {name:34} {ms - base:+7.1f} ms over the bare window")
    if args.idle > 0:
        result = idle(args.idle, env)
        print(
            f"idle with a passcode shown for {result['wall_s']:.0f} s: CPU {result['cpu_percent']:.2f} % "
            f"of one core, {result['wakeups']} event-loop wake-ups, "
            f"still unlocked: {result['unlocked_at_end']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
