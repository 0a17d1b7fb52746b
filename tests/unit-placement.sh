#!/bin/sh
# The placement test's verdicts: all pass with the series; without it
# only the congruence checks may fail; a test that crashed, did not run
# or failed otherwise fails; binaries missing from the guest are
# reported as absent.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/assert.sh"
pl=$TOP/rig/placement.sh
data=$TOP/tests/data
tab=$(printf '\t')

expect_status 0 "$pl" patched "$data/console-patched.log"
expect_output "^patched${tab}64-bit${tab}2${tab}4${tab}0${tab}0${tab}pass\$"
expect_output "^patched${tab}32-bit${tab}2${tab}4${tab}0${tab}0${tab}pass\$"
expect_status 0 "$pl" base "$data/console-base.log"
expect_output "^base${tab}64-bit${tab}2${tab}2${tab}2${tab}0${tab}2 congruence checks fail, as expected without the series\$"
expect_status 0 "$pl" mainline "$data/console-mainline.log"
expect_output "^mainline${tab}32-bit${tab}0${tab}0${tab}0${tab}0${tab}absent: not in the initramfs\$"

# With the series, a congruence check that fails is a failure, named.
expect_status 1 "$pl" mainline "$data/console-base.log"
expect_output "FAIL: 0000:01:00.0:placement.pmd_congruent 0000:02:00.0:placement.pmd_congruent\$"
expect_status 1 "$pl" patched-debug "$data/console-upstream.log"
expect_output 'FAIL: '

# Without it, any other failure is one too.
sed 's/^ok 2 placement.mmap_writes/not ok 2 placement.mmap_writes/' \
	"$data/console-base.log" >"$TMP/other.log"
expect_status 1 "$pl" base "$TMP/other.log"
expect_output "FAIL: .*0000:01:00.0:placement.mmap_writes"
expect_status 1 env CONGRUENCE_TESTS=mmap_writes "$pl" base "$data/console-base.log"

# A run that crashed (no totals, a signal's status) or never reported
# its status did not finish; a console without any placement line
# means the test did not run.
sed '/^# Totals: /d; s/ rc=0$/ rc=139/' "$data/console-patched.log" >"$TMP/crash.log"
expect_status 1 "$pl" patched "$TMP/crash.log"
expect_output 'FAIL: 2 of 2 runs did not finish'
sed '/^RIG-PLACEMENT /d' "$data/console-patched.log" >"$TMP/cut.log"
expect_status 1 "$pl" patched "$TMP/cut.log"
expect_output 'runs did not finish'
grep -v 'placement' "$data/console-mainline.log" >"$TMP/none.log"
expect_status 1 "$pl" mainline "$TMP/none.log"
expect_output 'FAIL: did not run'

# A skip is counted, not failed.
sed 's/^ok 2 placement.mmap_writes$/ok 2 placement.mmap_writes # SKIP no 32-bit mmap of a huge BAR/' \
	"$data/console-patched.log" >"$TMP/skip.log"
expect_status 0 "$pl" patched "$TMP/skip.log"
expect_output "^patched${tab}64-bit${tab}2${tab}2${tab}0${tab}2${tab}pass\$"

expect_status 2 "$pl" linus "$data/console-base.log"
expect_status 2 "$pl" base "$TMP/no-such.log"
echo "placement: ok"
