#!/bin/sh
# deps.sh - install the Debian packages Fagui needs when they are missing,
# saying what it installs. Safe to run repeatedly; does nothing when all is there.
set -e
PKGS="build-essential pkg-config libxapian-dev xapian-tools libmicrohttpd-dev libcmark-dev
libjson-c-dev libuchardet-dev libutf8proc-dev libyaml-dev libcmocka-dev curl python3 valgrind time"
[ -n "$FAGUI_DEPS_EXTRA" ] && PKGS="$PKGS $FAGUI_DEPS_EXTRA"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "fagui: installing missing Debian packages:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
