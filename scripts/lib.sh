# Shared by scripts/run and scripts/test. Sourced, not executed.
# The Debian package lists are the verified minimum for PySide6 on a bare
# Debian 12/13 (see docs/development.md).

VENV="${SOFTTOKEN_VENV:-.venv}"
LOCK=requirements/test.lock  # exact versions of the test and lint tools and the libraries (scripts/lock)

APP_DEBIAN_PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3 libgssapi-krb5-2
  fonts-dejavu-core libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-shape0
)
TEST_DEBIAN_PACKAGES=(
  "${APP_DEBIAN_PACKAGES[@]}"
  xvfb xauth          # real-window tests and screenshots
  oathtool            # independent OTP oracle
  gnome-keyring dbus-daemon  # a real Secret Service (dbus-run-session) for keystore tests
  dbus-x11            # dbus-launch: the session-bus autolaunch the app must not trigger (a desktop has it)
  swtpm swtpm-tools tpm2-tools  # a TPM 2.0 simulator for the tpm tier (tests/tpm), and its tools
  libtss2-dev pkg-config        # tpm2-pytss (softtoken[tpm]) builds against tpm2-tss
  openbox at-spi2-core python3-pyatspi gir1.2-atspi-2.0 libatk-adaptor xdotool  # the atspi tier (tests/atspi)
  orca speech-dispatcher speech-dispatcher-audio-plugins  # the orca tier (tests/orca): no font package
)

missing_debian_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

ensure_debian_packages() {
  command -v dpkg-query >/dev/null || { echo "note: not a Debian system; install the Qt libraries yourself" >&2; return 0; }
  local missing
  missing=$(missing_debian_packages "$@" | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "error: please install these Debian packages: $missing" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "== installing Debian packages: $missing"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

ensure_venv() {
  local python="${PYTHON:-python3}"
  if [ ! -x "$VENV/bin/python" ]; then
    if ! "$python" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      ensure_debian_packages python3-venv
      "$python" -m venv "$VENV"
    fi
  fi
  echo "== installing softtoken into $VENV (versions from $LOCK)"
  pip_install -c "$LOCK" -e "$1"  # its build (setup.py) compiles the translation catalogs in place
}

# Run a command inside a private D-Bus session with an unlocked gnome-keyring,
# under a throw-away HOME, so the user's real keyring is never touched.
run_in_keyring_session() {
  local tmp_home runtime
  tmp_home=$(mktemp -d)
  runtime=$(mktemp -d)
  chmod 700 "$runtime"
  local status=0
  HOME="$tmp_home" XDG_RUNTIME_DIR="$runtime" SOFTTOKEN_REAL_KEYSTORE=1 \
    dbus-run-session -- sh -c 'printf %s ci-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@" \
    || status=$?
  rm -rf "$tmp_home" "$runtime"
  return $status
}

pip_install() {
  local log
  log=$(mktemp)
  if ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$@" >"$log" 2>&1; then
    grep -v "is ignored" "$log" >&2 || true
    rm -f "$log"
    echo "error: pip install $* failed" >&2
    exit 1
  fi
  rm -f "$log"
}
