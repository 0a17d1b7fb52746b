#!/bin/sh
# Pack the guest's initramfs: busybox-static, the test, rig/guest-init.
# Usage: make-initramfs.sh TEST_BINARY OUTPUT.cpio
# GUEST_INIT (environment) replaces rig/guest-init, for the rig's tests.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

test=${1:?usage: make-initramfs.sh TEST_BINARY OUTPUT.cpio}
cpio_out=${2:?usage: make-initramfs.sh TEST_BINARY OUTPUT.cpio}
busybox=${BUSYBOX:-/bin/busybox}

[ -x "$test" ] || die "initramfs: no test binary at $test"
file -L "$busybox" 2>/dev/null | grep -q 'statically linked' ||
	die "initramfs: $busybox is not a static busybox (apt-get install busybox-static)"
file -L "$test" | grep -q 'statically linked' ||
	die "initramfs: $test is not statically linked"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT INT TERM
mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev"
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$test" "$root/bin/"
cp "${GUEST_INIT:-$RIG_DIR/guest-init}" "$root/init"
chmod 755 "$root/init"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$cpio_out.tmp"
mv "$cpio_out.tmp" "$cpio_out"
