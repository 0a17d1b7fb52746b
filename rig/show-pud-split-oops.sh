#!/bin/sh
# Show that a vma split that is not 2 MiB aligned inside a PUD-mapped
# vfio-pci BAR, mprotect(bar + 4K, 4K, PROT_READ), oopses the kernels
# without the series and not those with it: rig/guest/pud-split-oops.c on a
# 2 GiB ivshmem BAR bound to vfio-pci, one guest per kernel.
#
# Expected result:
#   base, upstream      (Debian's 6.12 and 7.3.4 as shipped) oops:
#                       split_huge_pmd_address()/mm_find_pmd() take the
#                       1 GiB PUD leaf for a PMD table and read
#                       __va(BAR physical address) as one.
#   patched, mainline   (with the series, which splits PUD leaves at a
#                       new vma boundary) survive: the program prints
#                       "PUD-SPLIT: survived" and exits 0, no splat.
# A guest that oopses may hang or die: its /init gives the program
# 120 s, and boot-guest.sh the guest GUEST_TIMEOUT; both count.
#
# Usage: show-pud-split-oops.sh [KERNEL...]  (default: base upstream
#   patched mainline; names as rig/build/build-kernel.sh takes them)
# Environment: OUTDIR (out/pud-split-oops), GUEST_TIMEOUT (600).
# Writes OUTDIR/console-KERNEL.log (the program's output),
# OUTDIR/kernel-KERNEL.log (the kernel's console), OUTDIR/summary.md.
# Exit status: 0 when every kernel run did as expected, 1 otherwise
# (what differed is said), 2 usage error.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

option_defaults oops
kernels=${*:-base upstream patched mainline}
for k in $kernels; do
	kernel_source "$k" >/dev/null || {
		echo "usage: show-pud-split-oops.sh [base|patched|upstream|mainline...] (got '$k')" >&2
		exit 2
	}
done

SPLAT='BUG:|Oops|general protection fault|kernel BUG|WARNING:'

# expected KERNEL: what KERNEL must do, oops or survive.
expected() {
	if [ -n "$(kernel_series "$1")" ]; then echo survive; else echo oops; fi
}

# write_init FILE: the guest's /init: bind every ivshmem function to
# vfio-pci, run the program on the first, report, power off.
write_init() {
	cat >"$1" <<'EOF'
#!/bin/sh
# /init of rig/show-pud-split-oops.sh's guest (busybox).
export PATH=/bin
. /lib/rig.sh
rig_start
rig_channel tests
first=$(bind_vfio 0x1af4 0x1110 | head -n 1)
echo "RIG: kernel $(uname -r), device: ${first:-none}"
if [ -z "$first" ]; then
	echo "RIG: no ivshmem device bound to vfio-pci"
	finish
fi
# An oops inside mprotect() kills the task with mmap_lock held, and
# its exit can then wait for that lock forever: give it 120 s, and
# report a task that is still there as hung (rc=124).
/bin/pud-split-oops "$first" &
pid=$!
n=0
state=
while [ "$n" -lt 120 ]; do
	state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
	case $state in
	'' | Z) break ;;
	esac
	sleep 1
	n=$((n + 1))
done
if [ "$n" -lt 120 ]; then
	wait "$pid"
	rc=$?
else
	echo "RIG: pud-split-oops still there after 120 s (state $state): hung"
	rc=124
fi
finish
EOF
}

# outcome CONSOLE KLOG: what the kernel did: survived, oopsed,
# skipped or unclear, with why.
outcome() {
	if tr -d '\r' <"$2" | grep -qE "$SPLAT"; then
		echo "oopsed"
	elif grep -q '^PUD-SPLIT: survived' "$1" &&
		grep -q '^RIG-EXIT rc=0' "$1"; then
		echo "survived"
	elif grep -q '^PUD-SPLIT: SKIP' "$1"; then
		echo "skipped ($(sed -n 's/^PUD-SPLIT: SKIP: //p' "$1" | head -n 1))"
	else
		echo "unclear (no splat, and the program did not say it survived)"
	fi
}

# guest_end CONSOLE STATUS: how the guest ended.
guest_end() {
	rc=$(sed -n 's/^RIG-EXIT rc=\([0-9]*\).*/\1/p' "$1" | tail -n 1)
	if [ -n "$rc" ]; then
		echo "program rc=$rc"
	elif [ "$2" = 2 ]; then
		echo "no RIG-EXIT: guest died or timed out"
	else
		echo "no RIG-EXIT (boot-guest.sh status $2)"
	fi
}

mkdir -p "$OUTDIR"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

say "pud-split-oops: building the program and the initramfs"
gcc -Wall -Werror -O2 -static -o "$work/pud-split-oops" \
	"$RIG_DIR/guest/pud-split-oops.c"
write_init "$work/init"
GUEST_INIT=$work/init "$RIG_DIR/build/make-initramfs.sh" "$work/initramfs.cpio" \
	"$work/pud-split-oops"

summary=$OUTDIR/summary.md
rows=$work/rows
details=$work/details
: >"$rows"
: >"$details"
bad=
for k in $kernels; do
	console=$OUTDIR/console-$k.log
	klog=$OUTDIR/kernel-$k.log
	want=$(expected "$k")
	if ! kdir=$(supervise "$RIG_DIR/build/build-kernel.sh" "$k"); then
		printf '| %s | %s | not built | - |\n' "$k" "$want" >>"$rows"
		bad="$bad $k:not-built"
		continue
	fi
	st=0
	QUIET=1 BAR_GIB=2 BAR_COUNT=1 REPS=1 ALIGNS=pud ACCEL=tcg GUEST_TIMEOUT=$GUEST_TIMEOUT supervise \
		"$RIG_DIR/boot/boot-guest.sh" "$kdir" "$work/initramfs.cpio" \
		"$console" "$klog" || st=$?
	[ -s "$console.qemu" ] || rm -f "$console.qemu"
	got=$(outcome "$console" "$klog")
	end=$(guest_end "$console" "$st")
	say "pud-split-oops: $k: $got ($end)"
	printf '| %s | %s | %s | %s |\n' "$k" "$want" "$got" "$end" >>"$rows"
	case $want:$got in
	oops:oopsed | survive:survived) ;;
	*) bad="$bad $k:$(echo "$got" | cut -d' ' -f1)" ;;
	esac
	{
		printf '\n## %s (%s)\n\n' "$k" "$(sed -n 's/^kernelrelease=//p' "$kdir/meta")"
		grep '^PUD-SPLIT:\|^RIG' "$console" | sed 's/^/    /' || true
		if [ "$got" = oopsed ]; then
			printf '\nFirst splat in kernel-%s.log:\n\n' "$k"
			tr -d '\r' <"$klog" | grep -E -A6 "$SPLAT" | head -n 14 |
				sed 's/^/    /'
		fi
	} >>"$details"
done

{
	echo "# vma split inside a PUD-mapped vfio-pci BAR"
	echo
	echo "mprotect(bar + 4K, 4K, PROT_READ) on a 2 GiB ivshmem BAR mapped"
	echo "by a 1 GiB PUD leaf (rig/guest/pud-split-oops.c, rig/show-pud-split-oops.sh)."
	echo "Expected: base and upstream oops, patched and mainline survive."
	echo
	echo "| kernel | expected | outcome | guest |"
	echo "|---|---|---|---|"
	cat "$rows"
	cat "$details"
	echo
	if [ -z "$bad" ]; then
		echo "Verdict: as expected."
	else
		echo "Verdict: NOT as expected:$bad"
	fi
} >"$summary"
say "pud-split-oops: summary in $summary"
if [ -n "$bad" ]; then
	echo "rig: error: not as expected:$bad (see $summary)" >&2
	exit 1
fi
