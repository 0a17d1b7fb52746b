#!/bin/sh
# Bad rig options are refused with a clear message, before any work.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/assert.sh"
opts=$TOP/rig/check-options.sh

expect_status 0 env BAR_GIB=32 BAR_COUNT=4 REPS=3 ACCEL=tcg "$opts"
expect_status 0 env BAR_GIB=64 BAR_COUNT=4 KERNELS="patched upstream" "$opts"
expect_status 0 env KERNELS="base patched upstream mainline" "$opts"
expect_status 0 env ACCEL=auto "$opts"
expect_status 0 env ALIGNS=pud,auto "$opts"
expect_status 1 env ALIGNS=pud,huge "$opts"
expect_output "ALIGNS takes a comma-separated list of pud, pmd, pte, auto \\(got 'huge'\\)"
expect_status 1 env ALIGNS=, "$opts"
expect_output "ALIGNS is empty"
expect_status 1 env BAR_GIB=24 "$opts"
expect_output 'BAR_GIB must be a power of two'
expect_status 1 env BAR_GIB=abc "$opts"
expect_output 'BAR_GIB must be a positive whole number'
expect_status 1 env BAR_GIB=512 BAR_COUNT=2 "$opts"
expect_output 'too large'
expect_status 1 env BAR_COUNT=0 "$opts"
expect_output 'BAR_COUNT must be 1 to 8'
expect_status 1 env REPS=-1 "$opts"
expect_output 'REPS must be'
expect_status 1 env ACCEL=hvf "$opts"
expect_output 'ACCEL must be tcg, kvm or auto'
expect_status 1 env KERNELS="base linus" "$opts"
expect_output "KERNELS takes base patched upstream mainline \\(rig/kernels\\) \\(got 'linus'\\)"

# run.sh stops on a bad option before fetching or building anything.
expect_status 2 env RIG_CACHE="$TMP/fresh-cache" RIG_OUT="$TMP/out.d" BAR_GIB=3 \
	"$TOP/rig/run.sh"
expect_output 'power of two'
[ ! -e "$TMP/fresh-cache" ] || fail "run.sh created its cache despite a bad option"
# ... and on a patched kernel whose series is not there.
expect_status 1 env RIG_CACHE="$TMP/fresh-cache" RIG_OUT="$TMP/out.d" \
	KERNELS="upstream mainline" MAINLINE_SERIES="$TMP/no-series" "$TOP/rig/run.sh"
expect_output "mainline needs its series in $TMP/no-series, which does not exist"
[ ! -e "$TMP/fresh-cache" ] || fail "run.sh created its cache without the mainline series"
echo "options: all refused as expected"
