#!/bin/sh
# make vmm's path, short: one kernel with the series, one 1 GiB BAR,
# no run without a device.  Debian's QEMU in the rig's guest starts L2
# with the BAR assigned; L2 sees memory decode on, QEMU maps the whole
# BAR for DMA and unmaps it.  Where QEMU's mmap(NULL) of the BAR lands
# is shown, not asserted (the series does not place BAR mmaps; QEMU
# 7.2 does not align them).  No timing is checked.
# Usage: guest/vmm.sh [KERNEL]   (default mainline; or patched)
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
kernel=${1:-mainline}
case $kernel in
patched | mainline) ;;
*) fail "usage: guest/vmm.sh [patched|mainline] (got '$kernel')" ;;
esac

st=0
KERNELS=$kernel BAR_GIB=1 BAR_COUNT=1 VMM_FLOOR=0 RIG_OUT=$TMP/vmm \
	GUEST_TIMEOUT=1800 VMM_L2_TIMEOUT=1500 "$TOP/rig/vmm.sh" >"$TMP/log" 2>&1 || st=$?
cat "$TMP/log"
mkdir -p "$TOP/out/tests"
cp "$TMP/vmm/vmm-console-$kernel.log" "$TOP/out/tests/guest-vmm-$kernel.console" 2>/dev/null || :
[ "$st" -eq 0 ] || fail "make vmm's path failed on $kernel (status $st; console: out/tests/guest-vmm-$kernel.console)"

# The run with the BAR assigned, its columns read by name (vmm.tsv has
# a header row: rig/analyze/vmm-parse.sh) into the order read takes.
row=$(awk -F'\t' -v OFS='\t' "$RIG_AWK"'
	FNR == 1 { tsv_header("case devices status bar_maps bar_unmaps full_maps decode_on bar_lines align bad_calls offs"); next }
	col("case") == "assigned" {
		print col("devices"), col("status"), col("bar_maps"), col("bar_unmaps"), col("full_maps"),
			col("decode_on"), col("bar_lines"), col("align"), col("bad_calls"), col("offs")
	}' "$TMP/vmm/vmm.tsv")
[ -n "$row" ] || fail "no run with the BAR assigned in $TMP/vmm/vmm.tsv"
printf '%s\n' "$row" | {
	IFS=$(printf '\t') read -r devices status maps unmaps full decode lines align bad offs
	[ "$status" -eq 0 ] || fail "QEMU exited $status"
	if [ "$devices" -ne 1 ] || [ "$lines" -ne 1 ] || [ "$decode" -ne 1 ]; then
		fail "L2 saw decode on for $decode of $devices assigned BARs ($lines BAR lines)"
	fi
	[ "$full" -ge 1 ] || fail "no MAP of the whole 1 GiB BAR ($maps BAR MAPs)"
	[ "$offs" -ge 1 ] || fail "L2 never turned decode off (its kernel does while sizing the BAR)"
	[ "$unmaps" -ge 1 ] || fail "no UNMAP of the BAR though L2 turned decode off $offs times"
	[ "$bad" -eq 0 ] || fail "$bad BAR MAP/UNMAP calls failed"
	echo "NOTE: QEMU's mmap of the BAR is $align aligned"
	echo "guest vmm on $kernel: ok ($maps BAR MAPs, $full of the whole BAR, $unmaps UNMAPs, decode on)"
}
