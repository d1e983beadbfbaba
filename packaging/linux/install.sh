#!/bin/sh
# Install (or uninstall) the softtoken bundle and its desktop integration on Linux.
#
#   ./install.sh                 for this user: ~/.local/lib/softtoken, ~/.local/bin, ~/.local/share
#   sudo ./install.sh --system   for every user: /usr/local/lib/softtoken, /usr/local/bin, /usr/local/share
#   ./install.sh --uninstall     (add --system for a system install)
#
# Options:
#   --prefix DIR            install under DIR instead (DIR/lib/softtoken, DIR/bin; DIR/share with --system)
#   --bundle DIR            the onedir bundle to install (default: the folder this script is in when it
#                           holds the bundle, as in the release tarball; else the repository's dist/softtoken)
#   --no-default-handler    do not make softtoken the default handler of otpauth:// and pia:// links
#
# Environment: HOME, XDG_DATA_HOME (desktop file, icons, metainfo of a user install),
# XDG_CONFIG_HOME (the user's mimeapps.list), SOFTTOKEN_PREFIX (same as --prefix),
# SOFTTOKEN_XDG_CONFIG_DIR (where a system install writes mimeapps.list; default /etc/xdg).
#
# The vault (~/.local/share/softtoken, or $SOFTTOKEN_HOME) is never touched, not even by --uninstall.
set -eu

APP=softtoken
DESKTOP=softtoken.desktop
METAINFO=io.github.softtoken.metainfo.xml
SCHEMES="x-scheme-handler/otpauth x-scheme-handler/otpauth-migration x-scheme-handler/pia"
PROGRAMS="softtoken softtoken-cli softtoken-helpdesk"

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }

mode=install
scope=user
prefix="${SOFTTOKEN_PREFIX:-}"
bundle=""
default_handler=1
while [ $# -gt 0 ]; do
  case "$1" in
    --system) scope=system ;;
    --user) scope=user ;;
    --uninstall) mode=uninstall ;;
    --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; prefix="$2"; shift ;;
    --prefix=*) prefix="${1#--prefix=}" ;;
    --bundle) [ $# -ge 2 ] || die "--bundle needs a folder"; bundle="$2"; shift ;;
    --bundle=*) bundle="${1#--bundle=}" ;;
    --no-default-handler) default_handler=0 ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
  shift
done

case "$prefix" in ""|/*) ;; *) prefix="$(pwd)/$prefix" ;; esac
if [ "$scope" = system ]; then
  prefix="${prefix:-/usr/local}"
  datadir="$prefix/share"
  mimeapps="${SOFTTOKEN_XDG_CONFIG_DIR:-/etc/xdg}/mimeapps.list"
  [ -w "$prefix" ] || { [ ! -e "$prefix" ] && [ -w "$(dirname "$prefix")" ]; } ||
    die "a system install needs root (sudo $0 --system)"
else
  [ -n "${HOME:-}" ] || die "HOME is not set"
  [ "$(id -u)" != 0 ] || [ -n "${XDG_DATA_HOME:-}" ] || [ -n "$prefix" ] ||
    say "note: installing for root only; use --system to install for every user"
  prefix="${prefix:-$HOME/.local}"
  datadir="${XDG_DATA_HOME:-$HOME/.local/share}"
  mimeapps="${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list"
fi
case "$datadir" in /*) ;; *) die "XDG_DATA_HOME must be an absolute path" ;; esac
libdir="$prefix/lib/$APP"
bindir="$prefix/bin"
# The path goes into the desktop file's Exec line: refuse the characters that would need escaping there.
case "$libdir" in *[\"\`\$\\%\|\&]*) die "the install folder must not contain any of \" \` \$ \\ % | &: $libdir" ;; esac

is_bundle() { [ -x "$1/softtoken" ] && [ -d "$1/_internal" ]; }

# Remove softtoken.desktop from the scheme keys of a mimeapps.list, leaving everything else as it was.
forget_handler() {
  [ -f "$1" ] || return 0
  tmp="$1.softtoken.$$"
  awk -v schemes="$SCHEMES" -v desktop="$DESKTOP" '
    BEGIN { n = split(schemes, list, " "); for (i = 1; i <= n; i++) ours[list[i]] = 1 }
    {
      eq = index($0, "=")
      if (eq > 0 && (substr($0, 1, eq - 1) in ours)) {
        count = split(substr($0, eq + 1), apps, ";"); kept = ""
        for (i = 1; i <= count; i++) if (apps[i] != "" && apps[i] != desktop) kept = kept apps[i] ";"
        if (kept == "") next
        print substr($0, 1, eq) kept; next
      }
      print
    }' "$1" >"$tmp" && mv "$tmp" "$1"
}

# Make softtoken.desktop the default for the schemes in a mimeapps.list (when xdg-mime cannot).
set_default_handler() {
  mkdir -p "$(dirname "$1")"
  forget_handler "$1"
  [ -f "$1" ] || : >"$1"
  tmp="$1.softtoken.$$"
  awk -v schemes="$SCHEMES" -v desktop="$DESKTOP" '
    BEGIN { n = split(schemes, list, " ") }
    function add() { for (i = 1; i <= n; i++) print list[i] "=" desktop }
    /^\[Default Applications\][ \t]*$/ { print; add(); done = 1; next }
    { print }
    END { if (!done) { print "[Default Applications]"; add() } }' "$1" >"$tmp" && mv "$tmp" "$1"
}

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$datadir/applications" || say "warning: update-desktop-database failed"
  fi
  if [ -d "$datadir/icons/hicolor" ]; then
    touch "$datadir/icons/hicolor"
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$datadir/icons/hicolor/index.theme" ]; then
      gtk-update-icon-cache -q -f "$datadir/icons/hicolor" || true
    fi
  fi
}

icon_files() {  # the icon paths this package owns, relative to $datadir/icons/hicolor
  echo "scalable/apps/$APP.svg"
  for size in 16 32 48 64 128 256 512; do echo "${size}x${size}/apps/$APP.png"; done
}

uninstall() {
  for program in $PROGRAMS; do
    link="$bindir/$program"
    if [ -L "$link" ] && [ "$(readlink "$link")" = "$libdir/$program" ]; then rm -f "$link"; fi
  done
  if [ -e "$libdir" ]; then
    is_bundle "$libdir" || die "$libdir does not look like a softtoken bundle; not removing it"
    rm -rf "$libdir"
  fi
  rm -f "$datadir/applications/$DESKTOP" "$datadir/metainfo/$METAINFO"
  for icon in $(icon_files); do rm -f "$datadir/icons/hicolor/$icon"; done
  forget_handler "$mimeapps"
  refresh_caches
  say "softtoken removed from $prefix (your tokens and settings were left in place)"
}

install_bundle() {
  if [ -z "$bundle" ]; then
    here="$(cd "$(dirname "$0")" && pwd)"
    if is_bundle "$here"; then bundle="$here"; else bundle="$here/../../dist/softtoken"; fi
  fi
  is_bundle "$bundle" || die "no softtoken bundle in '$bundle' (build one with packaging/build.sh, or pass --bundle)"
  bundle="$(cd "$bundle" && pwd)"
  share="$bundle/_internal/share"
  [ -f "$share/applications/$DESKTOP" ] || die "the bundle has no desktop file ($share/applications/$DESKTOP)"

  # The program files: copied next to the old ones, then swapped in, so a failed copy leaves the
  # old install working.
  if [ "$bundle" != "$libdir" ]; then
    if [ -e "$libdir" ] && ! is_bundle "$libdir"; then
      die "$libdir exists and is not a softtoken bundle; not replacing it"
    fi
    mkdir -p "$prefix/lib"
    rm -rf "$libdir.new" "$libdir.old"
    cp -RP "$bundle" "$libdir.new"  # -P: softtoken-cli is a link to softtoken, and stays one
    if [ -e "$libdir" ]; then mv "$libdir" "$libdir.old"; fi
    mv "$libdir.new" "$libdir"
    rm -rf "$libdir.old"
  fi
  mkdir -p "$bindir"
  for program in $PROGRAMS; do
    [ -x "$libdir/$program" ] || continue
    link="$bindir/$program"
    if [ -e "$link" ] && [ ! -L "$link" ]; then
      say "warning: $link exists and is not a link; leaving it"
      continue
    fi
    ln -sfn "$libdir/$program" "$link"
  done

  # Desktop integration. Exec gets the absolute path: ~/.local/bin is not always on a session's PATH.
  # Quoted only when it must be: the generic xdg-open (no desktop environment) cannot run a quoted Exec.
  exec_path="$libdir/softtoken"
  case "$exec_path" in *[!A-Za-z0-9/._+@:,=-]*) exec_path="\"$exec_path\"" ;; esac
  mkdir -p "$datadir/applications" "$datadir/metainfo"
  sed "s|^Exec=softtoken |Exec=$exec_path |; s|^TryExec=.*|TryExec=$libdir/softtoken|" \
    "$share/applications/$DESKTOP" >"$datadir/applications/$DESKTOP.tmp"
  chmod 644 "$datadir/applications/$DESKTOP.tmp"
  mv "$datadir/applications/$DESKTOP.tmp" "$datadir/applications/$DESKTOP"
  install -m 644 "$share/metainfo/$METAINFO" "$datadir/metainfo/$METAINFO"
  install -D -m 644 "$share/icons/hicolor/scalable/apps/$APP.svg" "$datadir/icons/hicolor/scalable/apps/$APP.svg"
  for size in 16 32 48 64 128 256 512; do
    install -D -m 644 "$share/icons/hicolor/${size}x${size}/apps/$APP-$size.png" \
      "$datadir/icons/hicolor/${size}x${size}/apps/$APP.png"
  done
  refresh_caches

  if [ "$default_handler" = 1 ]; then
    if [ "$scope" = user ] && command -v xdg-mime >/dev/null 2>&1; then
      for scheme in $SCHEMES; do xdg-mime default "$DESKTOP" "$scheme"; done
    else
      set_default_handler "$mimeapps"
    fi
  fi
  say "softtoken $("$libdir/softtoken-cli" --version | sed 's/^softtoken //') installed in $libdir"
  case ":${PATH:-}:" in *":$bindir:"*) ;; *) say "note: $bindir is not on your PATH" ;; esac
}

if [ "$mode" = uninstall ]; then uninstall; else install_bundle; fi
