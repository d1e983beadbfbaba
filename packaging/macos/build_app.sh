#!/usr/bin/env bash
# Build softtoken.app and a .dmg on macOS. NOT RUN IN CI (no macOS machine); see docs/packaging.md.
#
#   packaging/macos/build_app.sh
#
# Needs: Python 3.11+ (python.org's universal2 build for a universal app), Xcode command-line tools
# (hdiutil, codesign, plutil). Output: dist/softtoken.app and dist/softtoken-<version>-macos-<arch>.dmg.
# Signing: set SOFTTOKEN_CODESIGN_IDENTITY="Developer ID Application: …" to sign with the hardened
# runtime; notarize the .dmg afterwards (xcrun notarytool submit … --wait; xcrun stapler staple …).
# Unsigned, Gatekeeper blocks the app on other Macs.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname -s)" = Darwin ] || { echo "build_app.sh runs on macOS only" >&2; exit 1; }

VENV=build/pkgvenv-macos
rm -rf "$VENV"
"${PYTHON:-python3}" -m venv "$VENV"
"$VENV/bin/python" -m pip install --disable-pip-version-check -q ".[packaging]"

version=$("$VENV/bin/python" -c 'import re, pathlib; print(re.search(r"^__version__ = \"([^\"]+)\"", pathlib.Path("softtoken/__init__.py").read_text(), re.M).group(1))')
echo "== building softtoken $version"
# On macOS the spec adds a BUNDLE step: dist/softtoken.app, with the Info.plist filled from
# packaging/macos/Info.plist.
"$VENV/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/softtoken.spec

app=dist/softtoken.app
plutil -lint "$app/Contents/Info.plist"
plist_version=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$app/Contents/Info.plist")
[ "$plist_version" = "$version" ] || { echo "error: Info.plist says $plist_version, the source $version" >&2; exit 1; }
cli_version=$("$app/Contents/MacOS/softtoken-cli" --version)
[ "$cli_version" = "softtoken $version" ] || { echo "error: softtoken-cli says '$cli_version'" >&2; exit 1; }
QT_QPA_PLATFORM=offscreen SOFTTOKEN_HOME="$(mktemp -d)" "$app/Contents/MacOS/softtoken" --smoke-test

if [ -n "${SOFTTOKEN_CODESIGN_IDENTITY:-}" ]; then
  echo "== signing with $SOFTTOKEN_CODESIGN_IDENTITY"
  codesign --force --deep --options runtime --timestamp --sign "$SOFTTOKEN_CODESIGN_IDENTITY" "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
fi

echo "== making the disk image"
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
dmg="dist/softtoken-$version-macos-$(uname -m).dmg"
rm -f "$dmg"
hdiutil create -volname "softtoken $version" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"
if [ -n "${SOFTTOKEN_CODESIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$SOFTTOKEN_CODESIGN_IDENTITY" "$dmg"
fi
echo "== built $app and $dmg"
