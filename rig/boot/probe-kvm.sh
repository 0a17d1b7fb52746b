#!/bin/sh
# Decide the accelerator: "kvm" if /dev/kvm is usable and a short probe
# boot of KERNEL_DIR under KVM reaches userspace, else "tcg".  (On some
# hosts /dev/kvm opens but a Linux guest hangs after the option ROM.)
# Usage: probe-kvm.sh KERNEL_DIR   Prints kvm or tcg on stdout.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

kdir=${1:?usage: probe-kvm.sh KERNEL_DIR}
if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
	say "probe: no usable /dev/kvm: using tcg"
	echo tcg
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#!/bin/sh\n/bin/busybox mount -t devtmpfs devtmpfs /dev\necho "RIG-EXIT rc=0" >/dev/ttyS1\nexec /bin/busybox poweroff -f\n' >"$tmp/init"
GUEST_INIT=$tmp/init "$RIG_DIR/build/make-initramfs.sh" "$tmp/initrd" /bin/busybox
if ACCEL=kvm QUIET=1 BAR_GIB=1 BAR_COUNT=1 REPS=1 ALIGNS=pud GUEST_TIMEOUT=$KVM_PROBE_TIMEOUT \
	"$RIG_DIR/boot/boot-guest.sh" "$kdir" "$tmp/initrd" "$tmp/console.log" \
	>"$tmp/out" 2>&1; then
	say "probe: a guest boots under KVM: using kvm"
	echo kvm
else
	say "probe: the KVM probe boot did not reach userspace: using tcg"
	echo tcg
fi
