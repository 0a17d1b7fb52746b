#!/bin/sh
# make vmm: VM start time with Debian's own QEMU as the VMM.  For each
# kernel, boot the rig's guest (L1) with BAR_COUNT BAR devices of
# BAR_GIB; inside it, Debian's QEMU starts a small Linux guest (L2,
# the same kernel with a busybox init) once without a device (the
# floor) and once with every BAR device assigned through vfio-pci.
# Measures L2's start time, QEMU's VFIO_IOMMU_MAP_DMA/UNMAP_DMA calls
# on the BARs and the time in them, and where QEMU's BAR mmaps landed;
# writes out/vmm.tsv (rig/analyze/vmm-parse.sh's table, with one header
# row for all kernels) and out/vmm.md and prints the table.
# Environment: the options of target vmm in rig/options (KERNELS,
#   BAR_GIB, BAR_COUNT, GUEST_TIMEOUT, KERNEL_DIRS, L2_KERNEL, QEMUS,
#   VMM_*), RIG_CACHE, RIG_OUT.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

option_defaults vmm guest
"$RIG_DIR/check-options.sh" || exit 2
case " $KERNEL_NAMES " in
*" $L2_KERNEL "*) ;;
*) [ -z "$L2_KERNEL" ] ||
	die "L2_KERNEL takes one of $KERNEL_NAMES, or nothing for L1's own kernel (got '$L2_KERNEL')" ;;
esac

# kernel_dir NAME: the directory of kernel NAME, from KERNEL_DIRS or
# built (cached) by build-kernel.sh.
kernel_dir() {
	for kd in $KERNEL_DIRS; do
		case $kd in
		"$1="*) printf '%s\n' "${kd#*=}"; return ;;
		esac
	done
	"$RIG_DIR/build/build-kernel.sh" "$1"
}

mkdir -p "$RIG_OUT"
rm -f "$RIG_OUT"/vmm-console-*.log "$RIG_OUT"/vmm-console-*.log.kernel "$RIG_OUT"/vmm.tsv "$RIG_OUT"/vmm.md
# What the run was asked for: every option of make vmm and its guest.
write_options "$RIG_OUT/vmm.env" vmm guest
l2dir=
if [ -n "$L2_KERNEL" ]; then
	l2dir=$(kernel_dir "$L2_KERNEL")
	[ -f "$l2dir/bzImage" ] || die "vmm: no bzImage in $l2dir for L2 ($L2_KERNEL)"
fi
for k in $KERNELS; do
	say "vmm: kernel $k"
	kernel_dir "$k" >"$RIG_OUT/vmm-kernel-$k.dir"
	[ -f "$(cat "$RIG_OUT/vmm-kernel-$k.dir")/bzImage" ] ||
		die "vmm: no bzImage in $(cat "$RIG_OUT/vmm-kernel-$k.dir") for $k"
done

status=0
: >"$RIG_OUT/vmm.tsv"
info="Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) x $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1),"
info="$info accel=tcg for the rig's guest (L1, host QEMU $(qemu-system-x86_64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p')) and tcg for L2 inside it,"
info="$info $BAR_COUNT x $BAR_GIB GiB BARs assigned, L2 $VMM_L2_MEM_MB MiB"
if [ -n "$L2_KERNEL" ]; then
	info="$info running $L2_KERNEL ($(basename "$l2dir")) under every kernel."
else
	info="$info running the same kernel as L1."
fi
for k in $KERNELS; do
	kdir=$(cat "$RIG_OUT/vmm-kernel-$k.dir")
	info="$info
- $k: $(sed -n 's/^source=//p' "$kdir/meta" 2>/dev/null), $(basename "$kdir")"
	initrd=$RIG_OUT/vmm-initramfs-$k.cpio
	"$RIG_DIR/build/make-vmm-initramfs.sh" "${l2dir:-$kdir}" "$initrd"
	log=$RIG_OUT/vmm-console-$k.log
	say "vmm: booting $k (per QEMU, L2 without a device unless VMM_FLOOR=0, then with $BAR_COUNT x $BAR_GIB GiB assigned)"
	rc=0
	ACCEL=tcg QUIET=1 supervise "$RIG_DIR/boot/boot-guest.sh" "$kdir" "$initrd" "$log" || rc=$?
	rm -f "$initrd"
	if [ "$rc" -ne 0 ]; then
		echo "rig: error: vmm: $k: a run failed (status $rc, console: $log)" >&2
		tr -d '\r' <"$log" | grep -E '^VMM-(ERROR|L2-CONSOLE|QEMU-STDERR)' >&2 || show_log_tail "$log"
		status=1
	fi
	"$RIG_DIR/analyze/scan-splats.sh" "$log.kernel" "$k" || status=1
	# Each kernel's table has its header row; vmm.tsv keeps the first.
	# A parse that fails stops the run (set -e).
	append_table "$RIG_OUT/vmm.tsv" "$RIG_DIR/analyze/vmm-parse.sh" "$k" "$log" $((BAR_GIB << 30))
done

say "vmm: report"
RUN_INFO=$info "$RIG_DIR/analyze/vmm-report.sh" "$RIG_OUT/vmm.tsv" "$RIG_OUT/vmm.md" || status=1
cat "$RIG_OUT/vmm.md"
say "wrote $RIG_OUT/vmm.tsv, $RIG_OUT/vmm.md"
exit "$status"
