#!/bin/sh
# A kernel with the series boots, the VFIO selftests pass in it (the
# series' in full, upstream's but for known failures), the perf test
# passes with nothing skipped, the console has no splat, the
# deterministic counts hold, and the fixed-address mapping test passes
# in full, 64-bit and 32-bit.
# Usage: guest/kselftest.sh [KERNEL]   (default patched; mainline too)
# A whole-BAR MAP of a fresh mmap resolves each PUD (PUD-aligned mmap)
# or PMD (PMD-aligned) leaf with two follow_pfnmap_start() calls: one
# finds the entry missing, the fault installs it, one reads it.  A plain
# mmap(NULL) of the BAR (auto) lands where mm puts it: it is timed and
# counted, not asserted.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
kernel=${1:-patched}
case $kernel in
patched | mainline) ;;
*) fail "usage: guest/kselftest.sh [patched|mainline] (got '$kernel')" ;;
esac
# 8 GiB: enough for 1 GiB leaves and crossings, short enough for CI.
bar=${CHECK_BAR_GIB:-8}
# table FILE PROGRAM [AWK_ARGS...]: run the awk PROGRAM on the rows of
# the table FILE (a header row, then rows), its columns read by name
# (col(); rig/analyze/lib.awk).
table() {
	_f=$1 _p=$2
	shift 2
	awk -F'\t' "$@" "$RIG_AWK"'FNR == 1 { tsv_header(""); next }'"$_p" "$_f"
}
# has_rows FILE: the table FILE has a row besides its header row.
has_rows() {
	[ "$(sed 1d "$1" | wc -l)" -gt 0 ]
}

kdir=$("$TOP/rig/build/build-kernel.sh" "$kernel")
bins=$("$TOP/rig/build/build-test.sh")
# shellcheck disable=SC2086 # one binary per word
"$TOP/rig/build/make-initramfs.sh" "$TMP/initrd" $bins
log=$TOP/out/tests/guest-kselftest-$kernel.console
mkdir -p "$(dirname "$log")"

st=0
QUIET=1 BAR_GIB=$bar BAR_COUNT=1 REPS=1 ACCEL=tcg ALIGNS=pud,pmd,pte,auto COUNT_LOOKUPS=1 GUEST_TIMEOUT=1800 \
	"$TOP/rig/boot/boot-guest.sh" "$kdir" "$TMP/initrd" "$log" || st=$?
tr -d '\r' <"$log" | grep -E '^(RIG|ok|not ok|# (Totals|SKIP|VFIO_PERF|map: |unmap: ))' || true
[ "$st" -eq 0 ] || fail "the perf test failed in the $kernel guest (status $st, console: $log)"
"$TOP/rig/analyze/scan-splats.sh" "$log.kernel" "$kernel" || fail "kernel splat in the $kernel guest"

# The selftests, judged against the plan (rig/plan): every program
# finished, each case gave what the plan declares for this kernel
# (expected failures with their reasons there).  The kernel's mm
# selftests are judged against the kernel without the series, which
# make run boots and this does not: compare-selftests says so (NOTE),
# and their failures are listed.
"$TOP/rig/analyze/parse-selftests.sh" "$kernel" "$log" >"$TMP/selftests.tsv"
has_rows "$TMP/selftests.tsv" || fail "no selftest ran in the $kernel guest"
KERNELS=$kernel "$TOP/rig/analyze/compare-selftests.sh" "$TMP/selftests.tsv" >"$TMP/judged" ||
	{ cat "$TMP/judged"; fail "the selftests are not as planned in the $kernel guest"; }
grep -v ': not passed:' "$TMP/judged"
# shellcheck disable=SC2016 # $0: awk's, the row
table "$TMP/selftests.tsv" 'col("program") ~ /^mm-/ && col("result") == "fail" {
	print "NOTE: mm selftest failure, judged by make run against the peer: " $0 }'
table "$TMP/selftests.tsv" 'col("result") == "skip" && col("program") !~ /^mm-/ { print "SKIP: " col("program") " " col("case") }
	col("result") == "skip" && col("program") ~ /^mm-/ { n[col("program")]++ }
	END { for (p in n) print "SKIP: " p ": " n[p] " cases (the kernel'"'"'s own mm selftest)" }'
for p in vfio_dma_mapping_mmio_test vfio_pci_bar_split_test vfio_pci_bar_mremap_test; do
	table "$TMP/selftests.tsv" 'col("program") == p && col("result") == "ok" { f = 1 }
	END { if (TSV_FAILED) exit 2; exit !f }' -v p="$p" ||
		fail "$p passed no case in the $kernel guest"
done

# The timed test: every case of the type1v2 placements passed in both
# passes (timing, counting), none skipped.
perf=$(tr -d '\r' <"$log" | awk '/^RIG-PASS / { p = $2 } p == "timing" || p == "lookups"')
skips=$(printf '%s\n' "$perf" | grep -E '^ok [0-9]+ .*vfio_type1v2.*# SKIP' || true)
[ -z "$skips" ] || fail "perf cases skipped in the $kernel guest: $skips"
printf '%s\n' "$perf" | grep -E '^ok [0-9]+ .*iommufd_dmabuf.*# SKIP' | sed 's/^/SKIP: /' || true
"$TOP/rig/analyze/parse-console.sh" "$kernel" "$log" >"$TMP/raw.tsv"
lookups() {
	table "$TMP/raw.tsv" 'col("op") == "map" && col("align") == a && col("range") == "full" { print col("lookups"); exit }' -v a="$1"
}
# timed OP ALIGN: the timing table has a row of KERNEL's OP (map,
# unmap) of the whole BAR (range full) at ALIGN.
timed() {
	table "$TMP/raw.tsv" 'col("kernel") == k && col("op") == op && col("align") == a && col("range") == "full" { f = 1 }
	END { if (TSV_FAILED) exit 2; exit !f }' -v k="$kernel" -v op="$1" -v a="$2"
}
has_rows "$TMP/raw.tsv" || fail "no timing row in the $kernel guest's console"
if [ "$kernel" = mainline ]; then
	timed map dmabuf || fail "no iommufd dma-buf map timed on $kernel"
fi
want_pud=$((bar * 2))
want_pmd=$((bar * 512 * 2))
[ "$(lookups pud)" = "$want_pud" ] ||
	fail "PUD-aligned map of $bar GiB: $(lookups pud) lookups, expected $want_pud"
[ "$(lookups pmd)" = "$want_pmd" ] ||
	fail "PMD-aligned map of $bar GiB: $(lookups pmd) lookups, expected $want_pmd"
timed unmap pud || fail "no unmap measured"

# The fixed-address mapping test: both builds, every case passed (a
# 32-bit build that could not be made is a SKIP, named).
rows=$("$TOP/rig/analyze/map-fixed.sh" "$kernel" "$log") ||
	fail "the map-fixed test failed on $kernel: $rows"
printf '%s\n' "$rows"
printf '%s\n' "$rows" >"$TMP/mapfixed.tsv"
table "$TMP/mapfixed.tsv" 'col("result") ~ /^SKIP/ { print "SKIP: map-fixed " col("build") ": " col("result") }'
echo "guest kselftest on $kernel: ok (pud lookups $want_pud, pmd lookups $want_pmd; map-fixed test passes)"
