#!/bin/sh
# make shell: boot one kernel of the rig with its devices (the BAR
# devices bound to vfio-pci, the edu DMA engine) and the test binaries
# in /bin, and stop at a shell on this terminal instead of running the
# tests: for whoever has to debug a failure.  Exit the shell (or press
# Ctrl-A X) to power the guest off; its BAR files are removed.
# Usage: shell.sh KERNEL   (base, patched, upstream or mainline)
# Environment: the options of targets shell and guest in rig/options.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

option_defaults shell guest
kernel=${1:-}
kernel_source "${kernel:-none}" >/dev/null ||
	die "usage: shell.sh KERNEL, one of: $KERNEL_NAMES (got '$kernel')"
[ -t 0 ] || die "shell: needs a terminal on standard input"
kdir=$("$RIG_DIR/build/build-kernel.sh" "$kernel")
bins=$("$RIG_DIR/build/build-test.sh")
mkdir -p "$RIG_OUT"
# shellcheck disable=SC2086 # one binary per word
"$RIG_DIR/build/make-initramfs.sh" "$RIG_OUT/initramfs-shell.cpio" $bins
GUEST_SHELL=1 exec "$RIG_DIR/boot/boot-guest.sh" "$kdir" "$RIG_OUT/initramfs-shell.cpio" \
	"$RIG_OUT/shell-tests-$kernel.log"
