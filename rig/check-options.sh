#!/bin/sh
# Check the rig's user options; print what is wrong and fail.
# Reads BAR_GIB, BAR_COUNT, REPS, ACCEL, ALIGNS, KERNELS, QEMUS from
# the environment; the kernels' names from rig/kernels.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

err=0
bad() {
	echo "rig: error: $*" >&2
	err=1
}

is_count() {
	case $1 in
	'' | *[!0-9]* | 0*) return 1 ;;
	esac
}

# Only what is set is checked: the entry scripts set their options
# from rig/options before they call this.
bar=${BAR_GIB:-}
count=${BAR_COUNT:-}
reps=${REPS:-}

if [ -n "$bar" ]; then
	if ! is_count "$bar"; then
		bad "BAR_GIB must be a positive whole number of GiB (got '$bar')"
	elif [ $((bar & (bar - 1))) -ne 0 ]; then
		bad "BAR_GIB must be a power of two, as PCI BAR sizes are (got $bar)"
	fi
fi
if [ -n "$count" ] && { ! is_count "$count" || [ "$count" -gt 8 ]; }; then
	bad "BAR_COUNT must be 1 to 8 (got '$count')"
fi
if [ -n "$reps" ] && { ! is_count "$reps" || [ "$reps" -gt 100 ]; }; then
	bad "REPS must be 1 to 100 (got '$reps')"
fi
# The guest has 40 physical address bits (1 TiB) under TCG, and the
# firmware aligns each BAR to its size: keep all of them under 512 GiB.
if [ "$err" = 0 ] && [ -n "$bar" ] && [ $((bar * ${count:-1})) -gt 512 ]; then
	bad "BAR_COUNT x BAR_GIB = $((bar * ${count:-1})) GiB is too large: the guest's 1 TiB physical address space takes at most 512 GiB of BARs"
fi
if [ "${ALIGNS+set}" = set ]; then
	for a in $(printf '%s' "$ALIGNS" | tr ',' ' '); do
		case $a in
		pud | pmd | pte | auto) ;;
		*) bad "ALIGNS takes a comma-separated list of pud, pmd, pte, auto (got '$a')" ;;
		esac
	done
	[ -n "$(printf '%s' "$ALIGNS" | tr -d ', ')" ] || bad "ALIGNS is empty"
fi
case ${ACCEL:-} in
'' | tcg | kvm | auto) ;;
*) bad "ACCEL must be tcg, kvm or auto (got '${ACCEL}')" ;;
esac
for k in ${KERNELS:-}; do
	case " $KERNEL_NAMES " in
	*" $k "*) ;;
	*) bad "KERNELS takes $KERNEL_NAMES (rig/kernels) (got '$k')" ;;
	esac
done
if [ "${QEMUS+set}" = set ]; then
	[ -n "$(printf '%s' "$QEMUS" | tr -d ' ')" ] || bad "QEMUS is empty"
	for q in $QEMUS; do
		case $q in
		bookworm | trixie) ;;
		*) bad "QEMUS takes bookworm (Debian 12's QEMU) and trixie (Debian 13's) (got '$q')" ;;
		esac
	done
fi
exit "$err"
