#!/bin/sh
# Boot the patched kernel built with rig/configs/debug.config (KASAN,
# lockdep, DEBUG_VM, ...) and run the kselftest with its randomized
# map/unmap/DMA soak for SOAK_SECONDS; fail on any test failure or
# kernel splat in the console.
# Environment: SOAK_SECONDS (600), BAR_GIB (8), TEST_BIN, RIG_OUT.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

: "${SOAK_SECONDS:=600}" "${BAR_GIB:=8}" "${TEST_BIN:=}"
case $SOAK_SECONDS in
'' | *[!0-9]* | 0) die "SOAK_SECONDS must be a positive number of seconds (got '$SOAK_SECONDS')" ;;
esac
BAR_COUNT=1 REPS=1 "$RIG_DIR/check-options.sh" || exit 2
mkdir -p "$RIG_OUT"

say "stage: building patched (debug)"
kdir=$("$RIG_DIR/build-kernel.sh" patched debug)
if [ -z "$TEST_BIN" ]; then
	TEST_BIN=$("$RIG_DIR/build-test.sh")
fi
"$RIG_DIR/make-initramfs.sh" "$TEST_BIN" "$RIG_OUT/initramfs-soak.cpio"

log=$RIG_OUT/console-soak.log
say "stage: soaking for ${SOAK_SECONDS}s on the debug kernel"
rc=0
QUIET=${QUIET:-} BAR_GIB=$BAR_GIB REPS=1 COUNT_LOOKUPS=0 ALIGNS=pud \
	SOAK_SECONDS=$SOAK_SECONDS GUEST_TIMEOUT=$((SOAK_SECONDS * 4 + 1200)) \
	supervise "$RIG_DIR/boot-guest.sh" "$kdir" "$RIG_OUT/initramfs-soak.cpio" "$log" || rc=$?
"$RIG_DIR/scan-splats.sh" "$log" || rc=1
if [ "$rc" -ne 0 ]; then
	die "soak failed (console: $log)"
fi

# The soak really ran, for as long as asked (or to the test's cap,
# SOAK_MAX_OPS in vfio_dma_map_perf.c), and no test was skipped.
max_ops=1000000
con=$(tr -d '\r' <"$log")
skips=$(printf '%s\n' "$con" | grep -E '^ok [0-9]+ .*# SKIP' || true)
[ -z "$skips" ] || die "soak: skipped on the debug kernel: $skips"
tally=$(printf '%s\n' "$con" | sed -n 's/^# soak: \([0-9]*\) ops in \([0-9.]*\) s.*/\1 \2/p' | tail -n 1)
[ -n "$tally" ] || die "soak: soak.random_ops did not report (console: $log)"
ops=${tally% *} secs=${tally#* }
[ "${secs%.*}" -ge "$SOAK_SECONDS" ] || [ "$ops" -ge "$max_ops" ] ||
	die "soak: ran ${secs}s, asked for ${SOAK_SECONDS}s (console: $log)"
printf '%s\n' "$con" | grep -q '^ok [0-9]* soak\.random_ops$' ||
	die "soak: soak.random_ops did not pass (console: $log)"
tests=$(printf '%s\n' "$con" | grep -c '^ok [0-9]' || true)
say "soak: clean: $tests test results ok (functional and timing passes), $ops random ops in ${secs}s of guest time (console: $log)"
