#!/usr/bin/env bash
# Build the Linux onedir bundle from a clean, dedicated venv:
#
#   packaging/build.sh [--fresh] [--no-tpm]
#
# Output (nothing here is committed; build/ and dist/ are in .gitignore):
#   dist/softtoken/                               the bundle: softtoken, softtoken-cli, install.sh, _internal/
#   dist/softtoken-<version>-linux-<arch>.tar.gz  the same, packed for distribution
#   build/pkgvenv/                                the build venv (the app's dependencies + PyInstaller only)
#   build/pyinstaller/                            PyInstaller's work files
#
# TPM support (softtoken[tpm], issue 14) is built in by default: tpm2-pytss, compiled here against
# Debian's libtss2-dev without its Feature API (FAPI: softtoken does not use it, and it would bring
# about 10 MB of libcurl, GnuTLS and LDAP), and the TCTI libraries the spec adds. --no-tpm builds
# without it (tpm2-pytss is removed from a reused venv): every token then gets the software level.
# The spec says which in the build output ("WITH TPM support" / "WITHOUT TPM support").
#
# --fresh deletes the build venv first (CI does this). $PYTHON picks the interpreter (needs a
# shared libpython; on Debian's python3 that is the libpython3.11 package). $SOFTTOKEN_BUILD_VENV
# moves the venv.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
VENV="${SOFTTOKEN_BUILD_VENV:-build/pkgvenv}"

fresh=0
tpm=1
for arg in "$@"; do
  case "$arg" in
    --fresh) fresh=1 ;;
    --no-tpm) tpm=0 ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: packaging/build.sh [--fresh] [--no-tpm]" >&2; exit 2 ;;
  esac
done

# The bundle takes the build host's copies of the libraries Qt's plugins link (xcb, xkbcommon,
# fontconfig, ...): they must be installed here. PyInstaller needs objdump (binutils).
ensure_debian_packages "${APP_DEBIAN_PACKAGES[@]}" binutils
if [ "$tpm" = 1 ]; then
  ensure_debian_packages libtss2-dev pkg-config  # tpm2-pytss compiles against tpm2-tss
fi

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
without_fapi() {  # tpm2-pytss is installed, built without FAPI (its FAPI module then refuses to load)
  "$VENV/bin/python" -c 'import tpm2_pytss' 2>/dev/null && ! "$VENV/bin/python" -c 'import tpm2_pytss.FAPI' 2>/dev/null
}
if [ "$tpm" = 1 ] && without_fapi; then
  echo "== tpm2-pytss (softtoken[tpm]) is in $VENV already, built without FAPI"
elif [ "$tpm" = 1 ]; then
  echo "== building tpm2-pytss (softtoken[tpm]) against tpm2-tss, without FAPI"
  # tpm2-pytss's build binds FAPI when pkg-config finds tss2-fapi: hide that one .pc file from it.
  # --no-cache-dir: pip's wheel cache may hold a build with FAPI (the dev venv's).
  pcdir="build/pkgconfig-without-fapi"
  rm -rf "$pcdir" && mkdir -p "$pcdir"
  for dir in $(pkg-config --variable pc_path pkg-config | tr ':' ' '); do
    for pc in "$dir"/*.pc; do
      name=$(basename "$pc")
      if [ -e "$pc" ] && [ "$name" != tss2-fapi.pc ] && [ ! -e "$pcdir/$name" ]; then
        ln -s "$pc" "$pcdir/$name"
      fi
    done
  done
  PKG_CONFIG_LIBDIR="$PWD/$pcdir" pip_install --no-cache-dir --force-reinstall --no-deps -c "$LOCK" "tpm2-pytss"
  without_fapi || { echo "error: tpm2-pytss was built with FAPI after all" >&2; exit 1; }
fi
if [ "$tpm" = 1 ]; then
  pip_install -c "$LOCK" ".[packaging,tpm]"  # its dependencies (cffi, packaging), locked
elif "$VENV/bin/python" -c 'import tpm2_pytss' 2>/dev/null; then
  echo "== removing tpm2-pytss from $VENV (--no-tpm)"
  "$VENV/bin/python" -m pip uninstall -q -y tpm2-pytss
fi

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
if [ -d dist/softtoken/_internal/tpm2_pytss ]; then level="with TPM support"; else level="WITHOUT TPM support (software level only)"; fi
echo "== built in $(( $(date +%s) - started )) s, $level: dist/softtoken ($(du -sh dist/softtoken | cut -f1)), $tarball ($(du -h "$tarball" | cut -f1))"
