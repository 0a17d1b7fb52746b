#!/bin/sh
# Boot one kernel in QEMU with an emulated IOMMU, BAR devices backed by
# sparse files and an edu DMA engine; the initramfs runs the kselftest.
# Two serial ports: the kernel's console (ttyS0) goes to KERNEL_LOG
# (default CONSOLE_LOG.kernel), the guest's /init writes the tests'
# output to ttyS1, CONSOLE_LOG: no kernel message can cut a test's line.
# Usage: boot-guest.sh KERNEL_DIR INITRAMFS CONSOLE_LOG [KERNEL_LOG]
# Environment: BAR_GIB, BAR_COUNT, REPS, ACCEL (tcg|kvm), ALIGNS (the
#   placements timed): required, from the entry script; the guest's own
#   knobs (target guest of rig/options): GUEST_TIMEOUT, GUEST_MEM_MB,
#   COUNT_LOOKUPS, SOAK_SECONDS, UPSTREAM_SELFTESTS, MM_SELFTESTS,
#   QUIET, GUEST_SHELL.
# Exit status: the test's (0 pass, 1 fail); 2 guest timed out or died.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

usage="usage: boot-guest.sh KERNEL_DIR INITRAMFS CONSOLE_LOG [KERNEL_LOG]"
kdir=${1:?$usage}
initrd=${2:?$usage}
log=${3:?$usage}
klog=${4:-$log.kernel}
# What the run asked for comes from its entry script; the guest's own
# knobs have their defaults in rig/options (target guest).
need_options BAR_GIB BAR_COUNT REPS ACCEL ALIGNS
option_defaults guest

[ -f "$kdir/bzImage" ] || die "boot: no bzImage in $kdir"
[ -f "$initrd" ] || die "boot: no initramfs at $initrd"
"$RIG_DIR/check-options.sh" || exit 2

case ${ACCEL:?} in
tcg) accel="-accel tcg -cpu max -machine q35" ;;
kvm) accel="-accel kvm -cpu host -machine q35,kernel-irqchip=split" ;;
*) die "boot: ACCEL must be tcg or kvm (got '$ACCEL')" ;;
esac

mkdir -p "$RIG_CACHE/run"
# A run killed outright (SIGKILL, power loss) leaves its BAR files.
# Each is named for the boot-guest.sh that made it; remove those whose
# maker is gone (its pid is not a boot-guest.sh any more), and unnamed
# ones (older rigs) that no process holds open.
for f in "$RIG_CACHE"/run/bar*; do
	[ -e "$f" ] || continue
	owner=$(basename "$f" | sed -n 's/^bar[0-9]*\.\([0-9][0-9]*\)\..*/\1/p')
	if [ -n "$owner" ]; then
		tr '\0' ' ' <"/proc/$owner/cmdline" 2>/dev/null |
			grep -q 'boot-guest\.sh' && continue
	elif find /proc/[0-9]*/fd -maxdepth 1 -type l -printf '%l\n' 2>/dev/null |
		grep -qxF -- "$(readlink -f "$f")"; then
		continue
	fi
	say "boot: removing $f, left by a run that is gone"
	rm -f "$f"
done

bars=
qpid=
# shellcheck disable=SC2317 # called from the traps
cleanup() {
	if [ -n "$qpid" ]; then
		kill "$qpid" 2>/dev/null || true
		wait "$qpid" 2>/dev/null || true
	fi
	for f in $bars; do
		rm -f "$f"
	done
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

devs=
i=0
# add_bar SIZE: one ivshmem-plain device whose BAR2 of SIZE (QEMU's
# notation: 32G, 64M) is a sparse file, alone behind a root port:
# vfio-pci can then reset it with a secondary bus reset, so
# VFIO_DEVICE_RESET works.
add_bar() {
	f=$(mktemp "$RIG_CACHE/run/bar$i.$$.XXXXXX")
	bars="$bars $f"
	truncate -s "$1" "$f"
	devs="$devs -device pcie-root-port,id=rp$i,chassis=$((i + 1)),hotplug=off"
	devs="$devs -object memory-backend-file,id=bar$i,mem-path=$f"
	devs="$devs,size=$1,share=on"
	devs="$devs -device ivshmem-plain,memdev=bar$i,bus=rp$i"
	i=$((i + 1))
}
while [ "$i" -lt "$BAR_COUNT" ]; do
	add_bar "${BAR_GIB}G"
done

: >"$log"
: >"$klog"
say "boot: $(basename "$kdir") with $BAR_COUNT x ${BAR_GIB} GiB BAR, $ACCEL"
# Every rig.NAME the guest reads (rig/guest/lib.sh's param: a missing
# one fails the guest).
shell=0
[ -z "$GUEST_SHELL" ] || shell=1
append="console=ttyS0 intel_iommu=on panic=-1 rig.reps=$REPS rig.count=$COUNT_LOOKUPS rig.soak=$SOAK_SECONDS rig.upstream=$UPSTREAM_SELFTESTS rig.mmtests=$MM_SELFTESTS rig.mmtimeout=$MM_TIMEOUT rig.aligns=$ALIGNS rig.bar_gib=$BAR_GIB rig.shell=$shell"
# QEMU's machine and devices, the same for every boot.
# shellcheck disable=SC2086 # $accel and $devs are lists of words
set -- $accel -smp 2 -m "$GUEST_MEM_MB" -display none -no-reboot \
	-device intel-iommu,intremap=on,aw-bits=48 $devs \
	-device edu,dma_mask=0xffffffffffff \
	-kernel "$kdir/bzImage" -initrd "$initrd"
if [ -n "$GUEST_SHELL" ]; then
	# make shell: the console on this terminal (Ctrl-A X quits QEMU);
	# the BAR files go when it exits, as after any boot.
	say "boot: a shell on the console; exit (or Ctrl-A X) ends it"
	qemu-system-x86_64 "$@" -append "$append" \
		-serial mon:stdio -serial "file:$log"
	exit 0
fi
timeout -k 10 "$GUEST_TIMEOUT" qemu-system-x86_64 "$@" -monitor none \
	-append "$append" -serial "file:$klog" -serial "file:$log" \
	</dev/null >"$log.qemu" 2>&1 &
qpid=$!
if [ -z "$QUIET" ]; then
	tail -n +1 -f --pid="$qpid" "$klog" "$log" &
fi
qst=0
wait "$qpid" || qst=$?
qpid=

rc=$(sed -n 's/^RIG-EXIT rc=\([0-9]*\).*/\1/p' "$log" | tail -n 1)
if [ -z "$rc" ]; then
	if [ "$qst" -eq 124 ] || [ "$qst" -eq 137 ]; then
		echo "rig: error: guest timed out after ${GUEST_TIMEOUT}s" >&2
	else
		echo "rig: error: guest stopped without reporting (QEMU status $qst)" >&2
		cat "$log.qemu" >&2
	fi
	show_log_tail "$klog"
	show_log_tail "$log"
	exit 2
fi
exit "$rc"
