#!/bin/sh
# Pack the guest's initramfs: busybox-static, the test, rig/guest-init,
# and any further test binaries (the placement test's two builds).
# Usage: make-initramfs.sh TEST_BINARY OUTPUT.cpio [BINARY...]
# GUEST_INIT (environment) replaces rig/guest-init, for the rig's tests.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

usage="usage: make-initramfs.sh TEST_BINARY OUTPUT.cpio [BINARY...]"
test=${1:?$usage}
cpio_out=${2:?$usage}
shift 2
busybox=${BUSYBOX:-/bin/busybox}

file -L "$busybox" 2>/dev/null | grep -q 'statically linked' ||
	die "initramfs: $busybox is not a static busybox (apt-get install busybox-static)"
for t in "$test" "$@"; do
	[ -x "$t" ] || die "initramfs: no test binary at $t"
	file -L "$t" | grep -q 'statically linked' ||
		die "initramfs: $t is not statically linked"
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT INT TERM
mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev"
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$test" "$@" "$root/bin/"
cp "${GUEST_INIT:-$RIG_DIR/guest-init}" "$root/init"
chmod 755 "$root/init"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$cpio_out.tmp"
mv "$cpio_out.tmp" "$cpio_out"
