#!/bin/sh
# Install what the rig needs from Debian's packages, skipping what is
# already there.  Needs root (apt-get).
#
# Host architecture only: the rig never adds a foreign architecture to
# dpkg, and installs no package of one.  A system `apt-get update` that
# fails on some index (a mirror sync in progress, a foreign
# architecture's index that lags the amd64 one) is tried RIG_APT_TRIES
# times, RIG_APT_PAUSE seconds apart; then the install goes on from the
# lists apt has, with a warning that names the failing indexes.  Only a
# failed install fails, with the tail of its log.
set -eu

# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"
option_defaults deps

# gcc-multilib: the map-fixed test's 32-bit (-m32) build, which needs
# no foreign-architecture library; uuid-dev: the static libuuid that
# 7.x's libvfio links (64-bit only); python3-ply: checkpatch's SPDX
# check (spdxcheck.py), which is silently left out without it.
pkgs="qemu-system-x86 busybox-static ccache gcc gcc-multilib make bc bison
flex libelf-dev libssl-dev uuid-dev cpio xz-utils zstd file
git perl python3 python3-ply rsync kmod gnuplot-nox shellcheck debian-archive-keyring
ca-certificates coreutils strace"

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "rig: error: these packages are missing and installing them needs root:$missing" >&2
	exit 1
fi
echo "rig: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp "${TMPDIR:-/tmp}/rig-apt.XXXXXX")

# failed_indexes LOG: the indexes an `apt-get update` could not fetch.
failed_indexes() {
	sed -n -e 's/^Err:[0-9]* \(.*\)$/\1/p' \
		-e 's/^E: Failed to fetch \([^ ]*\).*$/\1/p' "$1" | sort -u
}

try=1
while :; do
	if apt-get update >"$log.update" 2>&1; then
		break
	fi
	if [ "$try" -ge "$RIG_APT_TRIES" ]; then
		echo "rig: warning: apt-get update failed $try times; going on with the lists apt has.  Failing:" >&2
		failed_indexes "$log.update" | sed 's/^/rig: warning:   /' >&2
		break
	fi
	echo "rig: apt-get update failed (try $try of $RIG_APT_TRIES); again in ${RIG_APT_PAUSE}s" >&2
	try=$((try + 1))
	sleep "$RIG_APT_PAUSE"
done
cat "$log.update" >>"$log"
rm -f "$log.update"

# shellcheck disable=SC2086 # one package name per word
if ! apt-get install -y --no-install-recommends $missing >>"$log" 2>&1; then
	tail -n 20 "$log" >&2
	echo "rig: error: apt-get could not install:$missing (log: $log)" >&2
	exit 1
fi
rm -f "$log"
