#!/bin/sh
# A kernel with the series boots, the kselftest passes in it with nothing
# skipped, the console has no splat, the deterministic counts hold, and
# the placement test passes in full on every BAR device.
# Usage: guest-kselftest.sh [KERNEL]   (default patched; mainline too)
# A whole-BAR MAP of a fresh mmap resolves each PUD (PUD-aligned mmap)
# or PMD (PMD-aligned) leaf with two follow_pfnmap_start() calls: one
# finds the entry missing, the fault installs it, one reads it.  A plain
# mmap(NULL) of the BAR is placed for PUD leaves by vfio-pci.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/assert.sh"
kernel=${1:-patched}
case $kernel in
patched | mainline) ;;
*) fail "usage: guest-kselftest.sh [patched|mainline] (got '$kernel')" ;;
esac
bar=${CHECK_BAR_GIB:-32}

kdir=$("$TOP/rig/build-kernel.sh" "$kernel")
bin=$("$TOP/rig/build-test.sh")
placement=$("$TOP/rig/build-test.sh" placement)
# shellcheck disable=SC2086 # one binary per word
"$TOP/rig/make-initramfs.sh" "$bin" "$TMP/initrd" $placement
log=$TOP/out/tests/guest-kselftest-$kernel.console
mkdir -p "$(dirname "$log")"

st=0
QUIET=1 BAR_GIB=$bar REPS=1 COUNT_LOOKUPS=1 GUEST_TIMEOUT=1500 \
	"$TOP/rig/boot-guest.sh" "$kdir" "$TMP/initrd" "$log" || st=$?
# The kselftest's passes, without the placement test's.
tr -d '\r' <"$log" | awk '/^RIG-PASS / { pass = $2 } pass != "placement"' >"$TMP/kselftest"
grep -E '^(ok|not ok|# (Totals|SKIP|VFIO_PERF))' "$TMP/kselftest" || true
[ "$st" -eq 0 ] || fail "the kselftest failed in the $kernel guest (status $st, console: $log)"
"$TOP/rig/scan-splats.sh" "$log" || fail "kernel splat in the $kernel guest"

# Every pass of the test (functional, timing, counting) ran, and none
# skipped or failed a test: the rig provides every device it needs,
# including a BAR device vfio-pci can reset (behind its own root port).
totals=$(grep -c '^# Totals: ' "$TMP/kselftest" || true)
[ "$totals" -eq 3 ] || fail "expected 3 test passes in the $kernel guest, saw $totals"
bad=$(grep '^# Totals: ' "$TMP/kselftest" |
	grep -v -E '^# Totals: pass:[1-9][0-9]* fail:0 xfail:0 xpass:0 skip:0 error:0$' || true)
[ -z "$bad" ] || fail "a $kernel guest pass failed or skipped tests: $bad"
skips=$(grep -E '^ok [0-9]+ .*# SKIP' "$TMP/kselftest" || true)
[ -z "$skips" ] || fail "skipped in the $kernel guest: $skips"

"$TOP/rig/parse-console.sh" "$kernel" "$log" >"$TMP/raw.tsv"
tab=$(printf '\t')
lookups() {
	awk -F'\t' -v a="$1" '$2 == "map" && $3 == a && $4 == "full" { print $7; exit }' "$TMP/raw.tsv"
}
want_pud=$((bar * 2))
want_pmd=$((bar * 512 * 2))
[ "$(lookups pud)" = "$want_pud" ] ||
	fail "PUD-aligned map of $bar GiB: $(lookups pud) lookups, expected $want_pud"
[ "$(lookups pmd)" = "$want_pmd" ] ||
	fail "PMD-aligned map of $bar GiB: $(lookups pmd) lookups, expected $want_pmd"
[ "$(lookups auto)" = "$want_pud" ] ||
	fail "mmap(NULL) map of $bar GiB: $(lookups auto) lookups, expected $want_pud (PUD placement)"
grep -q "^$kernel${tab}unmap${tab}pud${tab}full" "$TMP/raw.tsv" || fail "no unmap measured"

# The placement test: both builds, on the big BAR device and the small
# one, every run finished and no test failed.  Its skips are by design
# (each build skips what the other checks, a variant skips a BAR too
# small for it): they are counted, not failed.
if [ -z "$placement" ]; then
	echo "NOTE: the placement test was not built (no such test in the mainline tree?): not checked on $kernel"
	echo "guest kselftest on $kernel: ok (pud lookups $want_pud, pmd lookups $want_pmd; no placement test)"
	exit 0
fi
rows=$("$TOP/rig/placement.sh" "$kernel" "$log") ||
	fail "the placement test failed on $kernel: $rows"
printf '%s\n' "$rows"
devices=$((${BAR_COUNT:-1} + 1))
printf '%s\n' "$rows" | while IFS="$tab" read -r _ build runs passed failed skipped result; do
	if [ "$result" != pass ] || [ "$runs" -ne "$devices" ] ||
		[ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
		fail "placement test, $build build, on $kernel: $runs runs, $passed passed, $failed failed, $skipped skipped: $result (expected a pass on $devices BAR devices)"
	fi
done
echo "guest kselftest on $kernel: ok (pud lookups $want_pud, pmd lookups $want_pmd; placement test passes, both builds)"
