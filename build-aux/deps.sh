# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2034  # the lists are used by the scripts that source this
# Sourced (bash) by build-aux/run, build-aux/test and build-aux/bench: the
# Debian packages each needs, installing the missing ones, and setting up a
# meson build directory.  Not meant to be run on its own.

# Building (and running: the CJK font for Chinese labels, the MIME type).
TL_BUILD_PACKAGES=(
  build-essential meson ninja-build pkg-config gettext python3
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libjson-glib-dev libsqlite3-dev libxml2-dev libcairo2-dev libpango1.0-dev
  fonts-noto-cjk shared-mime-info
)
# The test suite on top of that: a virtual display and session bus, the
# validators of the data suite, pdftotext for the export tests.
TL_TEST_PACKAGES=(
  xvfb xauth dbus dbus-x11
  desktop-file-utils appstream libxml2-utils sqlite3 flatpak-builder
  poppler-utils
)
# build-aux/bench only: the references it measures against, and its tools.
TL_BENCH_PACKAGES=(
  graphviz gnome-text-editor hyperfine x11-utils
)

tl_srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# tl_missing_packages PKG...: prints those not installed.
tl_missing_packages () {
  local pkg status
  for pkg in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
    case $status in
      ii*) ;;
      *) printf '%s\n' "$pkg" ;;
    esac
  done
}

# tl_ensure_packages PKG...: installs the missing ones when root (one
# apt-get update, then one apt-get install), else prints the one command to
# run and exits 1.  On a system without dpkg it only warns.
tl_ensure_packages () {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "Not a Debian-like system: make sure the equivalents of these are installed:" >&2
    echo "  $*" >&2
    return 0
  fi
  local missing
  missing=$(tl_missing_packages "$@" | tr '\n' ' ')
  missing=${missing% }
  [ -n "$missing" ] || return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Touchloop needs these packages, which are not installed:" >&2
    echo "  $missing" >&2
    echo "Install them with:" >&2
    echo "sudo apt-get install -y --no-install-recommends $missing"
    exit 1
  fi
  echo "Installing: $missing"
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "${TL_APT_UPDATED:-}" ]; then
    apt-get -q update </dev/null
    TL_APT_UPDATED=1
  fi
  # shellcheck disable=SC2086  # one word per package
  apt-get -q install -y --no-install-recommends $missing </dev/null
}

# tl_setup_build DIR [MESON_OPTION...]: meson setup when DIR is not a build
# directory yet (else apply the options with meson configure), then ninja.
tl_setup_build () {
  local dir=$1
  shift
  cd "$tl_srcdir" || return 1
  if [ ! -f "$dir/build.ninja" ]; then
    if [ -d "$dir/meson-private" ]; then
      # A set-up that broke half-way: start again.
      rm -rf "$dir"
    fi
    meson setup "$dir" "$@" || return 1
  elif [ $# -gt 0 ]; then
    meson configure "$dir" "$@" || return 1
  fi
  ninja -C "$dir" || return 1
}

# tl_binary BUILD NAME: the path of a built executable (src/, or the
# subdirectory of src/ that defines it).
tl_binary () {
  local dir
  for dir in "$1/src" "$1/src/ui" "$1/src/cli"; do
    if [ -x "$dir/$2" ] && [ -f "$dir/$2" ]; then
      printf '%s\n' "$dir/$2"
      return 0
    fi
  done
  printf '%s\n' "$1/src/$2"
}
