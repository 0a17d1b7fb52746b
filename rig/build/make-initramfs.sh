#!/bin/sh
# Pack the guest's initramfs: busybox-static, rig/guest/init.sh and the
# test binaries, all into /bin.
# Usage: make-initramfs.sh OUTPUT.cpio BINARY...
# GUEST_INIT (environment) replaces rig/guest/init.sh, for the rig's tests.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

usage="usage: make-initramfs.sh OUTPUT.cpio BINARY..."
cpio_out=${1:?$usage}
shift
[ $# -gt 0 ] || die "$usage"
busybox=${BUSYBOX:?}

file -L "$busybox" 2>/dev/null | grep -q 'statically linked' ||
	die "initramfs: $busybox is not a static busybox (apt-get install busybox-static)"
for t in "$@"; do
	[ -x "$t" ] || die "initramfs: no test binary at $t"
	file -L "$t" | grep -q 'statically linked' ||
		die "initramfs: $t is not statically linked"
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT INT TERM
mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev"
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$@" "$root/bin/"
cp "$GUEST_INIT" "$root/init"
chmod 755 "$root/init"
# The guest's library, which every /init of the rig sources.
mkdir -p "$root/lib"
cp "$RIG_DIR/guest/lib.sh" "$root/lib/rig.sh"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$cpio_out.tmp"
mv "$cpio_out.tmp" "$cpio_out"
