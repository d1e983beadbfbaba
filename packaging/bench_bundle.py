"""Size and start-up of the built bundle (a benchmark: it reports, it does not pass or fail).

    python packaging/bench_bundle.py [--bundle dist/softtoken] [--runs 7] [--compare PYTHON] [--json]

- Size: every file of the onedir bundle (``du -s --apparent-size``) and the release tarball.
- Start-up to first paint, warm, offscreen: from spawning ``softtoken --smoke-test`` to the
  ``first-paint`` line it prints after its first window is painted (the bootloader, Python's
  start-up and every import included; bench/startup.py measures a venv the same way). Two
  warm-up runs first, then the median of ``--runs``. Each run gets an empty data directory,
  so it paints the first-run wizard.
- ``--compare PYTHON`` measures ``PYTHON -m softtoken.gui --smoke-test`` the same way, e.g. the
  dev venv's interpreter, to show what freezing costs or saves.

Goals (issue 7): bundle under 150 MB, first paint under 400 ms warm.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024


def tree_bytes(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def spawn_to_paint(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(ms to the first-paint line, the ms the app itself reported since main() started)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # noqa: S603
    assert proc.stdout is not None  # noqa: S101 - a broken bench must not print numbers
    for line in proc.stdout:
        if line.startswith("first-paint"):
            elapsed = (time.perf_counter() - started) * 1000
            reported = float(line.split()[1])
            break
    else:
        proc.wait(timeout=30)
        raise SystemExit(f"no first-paint line from {argv} (exit {proc.returncode})")
    if proc.wait(timeout=30) != 0:
        raise SystemExit(f"{argv} exited with {proc.returncode}")
    return elapsed, reported


def measure(argv: list[str], runs: int, warmups: int = 2) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="softtoken-bench-") as tmp:
        runtime = Path(tmp, "runtime")
        runtime.mkdir(mode=0o700)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "HOME": tmp,
            "XDG_RUNTIME_DIR": str(runtime),
            "QT_QPA_PLATFORM": "offscreen",
        }
        walls, reported = [], []
        for i in range(warmups + runs):
            env["SOFTTOKEN_HOME"] = str(Path(tmp, f"vault-{i}"))
            wall, own = spawn_to_paint(argv, env)
            if i >= warmups:
                walls.append(wall)
                reported.append(own)
    return {
        "median_ms": round(statistics.median(walls), 1),
        "min_ms": round(min(walls), 1),
        "max_ms": round(max(walls), 1),
        "app_reported_median_ms": round(statistics.median(reported), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "softtoken")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--compare", metavar="PYTHON", help="also measure PYTHON -m softtoken.gui")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    app = args.bundle / "softtoken"
    if not app.is_file():
        raise SystemExit(f"no bundle in {args.bundle}: build it with packaging/build.sh")

    tarballs = sorted(args.bundle.parent.glob("softtoken-*.tar.gz"))
    size = tree_bytes(args.bundle)
    results: dict[str, object] = {
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "bundle_mb": round(size / 1e6, 1),
        "bundle_mib": round(size / MIB, 1),
        "tarball_mib": round(tarballs[-1].stat().st_size / MIB, 1) if tarballs else None,
        "runs": args.runs,
        "bundle": measure([str(app), "--smoke-test"], args.runs),
    }
    if args.compare:
        results["venv"] = measure([args.compare, "-m", "softtoken.gui", "--smoke-test"], args.runs)

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    bundle = results["bundle"]
    assert isinstance(bundle, dict)  # noqa: S101 - for the type checker
    print(f"machine: {results['machine']}")
    print(
        f"bundle size: {results['bundle_mb']} MB = {results['bundle_mib']} MiB (goal < 150 MB); "
        f"tarball: {results['tarball_mib']} MiB"
    )
    print(
        f"first paint, warm, offscreen, median of {args.runs}: {bundle['median_ms']} ms "
        f"(min {bundle['min_ms']}, max {bundle['max_ms']}; goal < 400 ms); "
        f"of which after main() started: {bundle['app_reported_median_ms']} ms"
    )
    if args.compare:
        venv = results["venv"]
        assert isinstance(venv, dict)  # noqa: S101
        print(f"same from {args.compare}: {venv['median_ms']} ms", end=" ")
        print(f"(after main(): {venv['app_reported_median_ms']} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
