#!/usr/bin/env bash
# Build the Linux onedir bundle from a clean, dedicated venv:
#
#   packaging/build.sh [--fresh]
#
# Output (nothing here is committed; build/ and dist/ are in .gitignore):
#   dist/softtoken/                               the bundle: softtoken, softtoken-cli, install.sh, _internal/
#   dist/softtoken-<version>-linux-<arch>.tar.gz  the same, packed for distribution
#   build/pkgvenv/                                the build venv (the app's dependencies + PyInstaller only)
#   build/pyinstaller/                            PyInstaller's work files
#
# --fresh deletes the build venv first (CI does this). $PYTHON picks the interpreter (needs a
# shared libpython; on Debian's python3 that is the libpython3.11 package). $SOFTTOKEN_BUILD_VENV
# moves the venv.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
VENV="${SOFTTOKEN_BUILD_VENV:-build/pkgvenv}"

fresh=0
for arg in "$@"; do
  case "$arg" in
    --fresh) fresh=1 ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: packaging/build.sh [--fresh]" >&2; exit 2 ;;
  esac
done

# The bundle takes the build host's copies of the libraries Qt's plugins link (xcb, xkbcommon,
# fontconfig, ...): they must be installed here. PyInstaller needs objdump (binutils).
ensure_debian_packages "${APP_DEBIAN_PACKAGES[@]}" binutils

if [ "$fresh" = 1 ]; then
  rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating the build venv $VENV"
  "${PYTHON:-python3}" -m venv "$VENV"
fi
echo "== installing softtoken's dependencies and PyInstaller into $VENV"
# Not editable: the venv gets the dependencies exactly as a user's install would; the spec
# freezes the source tree itself (pathex), so a stale copy in the venv cannot end up in the bundle.
pip_install -c "$LOCK" ".[packaging]"  # the locked versions (requirements/test.lock), as in the tests

if command -v git >/dev/null && [ -n "$(git status --porcelain -- softtoken resources packaging 2>/dev/null)" ]; then
  echo "note: building uncommitted changes (build release artefacts from a clean checkout)"
fi
version=$("$VENV/bin/python" -c 'import re, pathlib; print(re.search(r"^__version__ = \"([^\"]+)\"", pathlib.Path("softtoken/__init__.py").read_text(), re.M).group(1))')
echo "== building softtoken $version"
started=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/softtoken.spec
install -m 755 packaging/linux/install.sh dist/softtoken/install.sh

tarball="dist/softtoken-$version-linux-$(uname -m).tar.gz"
tar -C dist -czf "$tarball" softtoken
echo "== built in $(( $(date +%s) - started )) s: dist/softtoken ($(du -sh dist/softtoken | cut -f1)), $tarball ($(du -h "$tarball" | cut -f1))"
