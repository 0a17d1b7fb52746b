#!/bin/sh
# The fixed-address mapping test's verdicts: every kernel must pass
# both builds in full; a failing, skipped, crashed, unfinished or
# missing run fails, named; a 32-bit build that could not be made is a
# SKIP, said as such, and a missing 64-bit one fails.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
mf=$TOP/rig/analyze/map-fixed.sh
data=$TOP/tests/data
tab=$(printf '\t')

for k in base patched upstream mainline; do
	expect_status 0 "$mf" "$k" "$data/console-$k.log"
	expect_output "^$k${tab}64-bit${tab}1${tab}2${tab}0${tab}0${tab}pass\$"
	expect_output "^$k${tab}32-bit${tab}1${tab}2${tab}0${tab}0${tab}pass\$"
done

# A failing case fails on any kernel, with or without a series: the
# address MAP_FIXED returned at 0 is what the series once broke.
sed 's/^ok 2 low.len_2m.fixed_at_zero_privileged/not ok 2 low.len_2m.fixed_at_zero_privileged/' \
	"$data/console-base.log" >"$TMP/fail.log"
expect_status 1 "$mf" base "$TMP/fail.log"
expect_output "FAIL: low.len_2m.fixed_at_zero_privileged\$"

# A skipped case fails: the guest is root, nothing may be left out.
sed 's/^ok 1 fixed.len_2m.fixed_unaligned$/ok 1 fixed.len_2m.fixed_unaligned # SKIP needs root/' \
	"$data/console-patched.log" >"$TMP/skip.log"
expect_status 1 "$mf" patched "$TMP/skip.log"
expect_output "^patched${tab}64-bit${tab}1${tab}1${tab}0${tab}1${tab}FAIL: skipped: fixed.len_2m.fixed_unaligned\$"

# A run that crashed (no totals), never reported its status, or exited
# non-zero without a failing case; a console without the test.
sed '/^# Totals: /d; s/^RIG-MAPFIXED \(.*\) rc=0$/RIG-MAPFIXED \1 rc=139/' \
	"$data/console-patched.log" >"$TMP/crash.log"
expect_status 1 "$mf" patched "$TMP/crash.log"
expect_output 'FAIL: did not finish'
sed '/^RIG-MAPFIXED /d' "$data/console-patched.log" >"$TMP/cut.log"
expect_status 1 "$mf" patched "$TMP/cut.log"
expect_output 'FAIL: did not finish'
sed 's/^RIG-MAPFIXED build=map_fixed_test rc=0$/RIG-MAPFIXED build=map_fixed_test rc=1/' \
	"$data/console-patched.log" >"$TMP/died.log"
expect_status 1 "$mf" patched "$TMP/died.log"
expect_output 'FAIL: exited non-zero with no failing case'
grep -v -i 'mapfixed' "$data/console-mainline.log" >"$TMP/none.log"
expect_status 1 "$mf" mainline "$TMP/none.log"
expect_output "^mainline${tab}64-bit${tab}0${tab}0${tab}0${tab}0${tab}FAIL: did not run\$"

# Absent builds: the 32-bit one is a SKIP (no 32-bit toolchain), the
# 64-bit one a failure.
awk '/^RIG-PASS mapfixed build=map_fixed_test_32 /{ print "RIG: map-fixed test absent: no /bin/map_fixed_test_32 in the initramfs"; skip = 1 }
	skip && /^RIG-MAPFIXED /{ skip = 0; next } !skip' \
	"$data/console-mainline.log" >"$TMP/no32.log"
expect_status 0 "$mf" mainline "$TMP/no32.log"
expect_output "^mainline${tab}32-bit${tab}0${tab}0${tab}0${tab}0${tab}SKIP: not built"
awk '/^RIG-PASS mapfixed build=map_fixed_test /{ print "RIG: map-fixed test absent: no /bin/map_fixed_test in the initramfs"; skip = 1 }
	skip && /^RIG-MAPFIXED /{ skip = 0; next } !skip' \
	"$data/console-mainline.log" >"$TMP/no64.log"
expect_status 1 "$mf" mainline "$TMP/no64.log"
expect_output "^mainline${tab}64-bit${tab}0${tab}0${tab}0${tab}0${tab}FAIL: not in the initramfs\$"

expect_status 2 "$mf" base "$TMP/no-such.log"
echo "map-fixed: ok"
