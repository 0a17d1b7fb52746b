#!/bin/sh
# The patched kernel boots, the kselftest passes in it with nothing
# skipped, the console has no splat, and the deterministic counts hold.
# A whole-BAR MAP of a fresh mmap resolves each PUD (PUD-aligned mmap)
# or PMD (PMD-aligned) leaf with two follow_pfnmap_start() calls: one
# finds the entry missing, the fault installs it, one reads it.  A plain
# mmap(NULL) of the BAR is placed for PUD leaves by vfio-pci.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/assert.sh"
bar=${CHECK_BAR_GIB:-32}

kdir=$("$TOP/rig/build-kernel.sh" patched)
bin=$("$TOP/rig/build-test.sh")
"$TOP/rig/make-initramfs.sh" "$bin" "$TMP/initrd"
log=$TOP/out/tests/guest-kselftest.console
mkdir -p "$(dirname "$log")"

st=0
QUIET=1 BAR_GIB=$bar REPS=1 COUNT_LOOKUPS=1 GUEST_TIMEOUT=1500 \
	"$TOP/rig/boot-guest.sh" "$kdir" "$TMP/initrd" "$log" || st=$?
tr -d '\r' <"$log" | grep -E '^(ok|not ok|# (Totals|SKIP|VFIO_PERF))' || true
[ "$st" -eq 0 ] || fail "the kselftest failed in the guest (status $st, console: $log)"
"$TOP/rig/scan-splats.sh" "$log" || fail "kernel splat in the guest"

# Every pass of the test (functional, timing, counting) ran, and none
# skipped or failed a test: the rig provides every device it needs,
# including a BAR device vfio-pci can reset (behind its own root port).
totals=$(tr -d '\r' <"$log" | grep -c '^# Totals: ' || true)
[ "$totals" -eq 3 ] || fail "expected 3 test passes in the guest, saw $totals"
bad=$(tr -d '\r' <"$log" | grep '^# Totals: ' |
	grep -v -E '^# Totals: pass:[1-9][0-9]* fail:0 xfail:0 xpass:0 skip:0 error:0$' || true)
[ -z "$bad" ] || fail "a guest pass failed or skipped tests: $bad"
skips=$(tr -d '\r' <"$log" | grep -E '^ok [0-9]+ .*# SKIP' || true)
[ -z "$skips" ] || fail "skipped in the guest: $skips"

"$TOP/rig/parse-console.sh" patched "$log" >"$TMP/raw.tsv"
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
grep -q "^patched${tab}unmap${tab}pud${tab}full" "$TMP/raw.tsv" || fail "no unmap measured"
echo "guest kselftest: ok (pud lookups $want_pud, pmd lookups $want_pmd)"
