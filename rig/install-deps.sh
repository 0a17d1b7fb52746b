#!/bin/sh
# Install what the rig needs from Debian's packages, skipping what is
# already there.  Needs root (apt-get).
set -eu

# gcc-multilib: the placement test's 32-bit (-m32) build; uuid-dev: the
# static libuuid that 7.x's libvfio links, and its i386 build for -m32.
pkgs="qemu-system-x86 busybox-static ccache gcc gcc-multilib make bc bison
flex libelf-dev libssl-dev uuid-dev uuid-dev:i386 cpio xz-utils zstd file
git perl python3 rsync kmod gnuplot-nox shellcheck debian-archive-keyring
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
# uuid-dev:i386 needs the i386 architecture in dpkg (multiarch).
case $missing in
*:i386*)
	dpkg --print-foreign-architectures | grep -qx i386 ||
		dpkg --add-architecture i386
	;;
esac
log=${TMPDIR:-/tmp}/rig-apt.log
# shellcheck disable=SC2086 # one package name per word
if ! { apt-get update && apt-get install -y --no-install-recommends $missing; } >"$log" 2>&1; then
	tail -n 20 "$log" >&2
	echo "rig: error: apt-get could not install:$missing (log: $log)" >&2
	exit 1
fi
