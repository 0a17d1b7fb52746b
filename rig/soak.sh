#!/bin/sh
# Boot the patched kernel built with rig/build/configs/debug.config (KASAN,
# lockdep, DEBUG_VM, ...) and run the series' selftests (not upstream's:
# some of their cases outlast the harness timeout on it), with the stress test
# (races and a soak) for SOAK_SECONDS; fail on any test failure or
# skip in the series' tests, or a kernel splat in the console.
# Environment: the options of target soak in rig/options (SOAK_SECONDS,
#   BAR_GIB, ...), RIG_OUT.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

option_defaults soak guest
case $SOAK_SECONDS in
'' | *[!0-9]* | 0) die "SOAK_SECONDS must be a positive number of seconds (got '$SOAK_SECONDS')" ;;
esac
REPS=1 "$RIG_DIR/check-options.sh" || exit 2
mkdir -p "$RIG_OUT"
# What the run was asked for: every option of make soak and its guest.
write_options "$RIG_OUT/soak.env" soak guest

say "stage: building patched (debug)"
kdir=$("$RIG_DIR/build/build-kernel.sh" patched debug)
if [ -z "$TEST_BINS" ]; then
	TEST_BINS=$("$RIG_DIR/build/build-test.sh")
fi
# shellcheck disable=SC2086 # one binary per word
"$RIG_DIR/build/make-initramfs.sh" "$RIG_OUT/initramfs-soak.cpio" $TEST_BINS

log=$RIG_OUT/console-soak.log
say "stage: soaking for ${SOAK_SECONDS}s on the debug kernel"
rc=0
QUIET=${QUIET:-} BAR_GIB=$BAR_GIB REPS=1 COUNT_LOOKUPS=0 ALIGNS=pud UPSTREAM_SELFTESTS=0 MM_SELFTESTS=0 \
	SOAK_SECONDS=$SOAK_SECONDS GUEST_TIMEOUT=$((SOAK_SECONDS * 16 + 1800)) \
	supervise "$RIG_DIR/boot/boot-guest.sh" "$kdir" "$RIG_OUT/initramfs-soak.cpio" "$log" || rc=$?
"$RIG_DIR/analyze/scan-splats.sh" "$log.kernel" patched-debug || rc=1
[ "$rc" -eq 0 ] || die "soak failed (console: $log)"

# The stress test ran to the end, for at least as long as asked, with
# every case passing and none skipped; the series' other tests passed.
"$RIG_DIR/analyze/parse-selftests.sh" patched-debug "$log" >"$RIG_OUT/selftests-soak.tsv"
KERNELS=patched-debug PLAN_GROUPS="series stress" \
	"$RIG_DIR/analyze/compare-selftests.sh" "$RIG_OUT/selftests-soak.tsv" ||
	die "soak: a selftest failed on the debug kernel (console: $log)"
stress=vfio_dma_mapping_stress_test
# stress_rows PROGRAM: run the awk PROGRAM on the stress test's rows of
# the selftests table (its columns read by name, col()).
stress_rows() {
	tsv_awk "$RIG_OUT/selftests-soak.tsv" "program result" 'col("program") != p { next }'"$1" -v p="$stress"
}
bad=$(stress_rows 'col("result") != "ok"')
[ -z "$bad" ] || die "soak: $stress did not pass every case: $bad"
cases=$(stress_rows '{ n++ } END { if (!TSV_FAILED) print n + 0 }')
[ "$cases" -gt 0 ] || die "soak: $stress did not run (console: $log)"
secs=$(tr -d '\r' <"$log" | sed -n "s/^RIG-SELFTEST name=$stress .*rc=0 seconds=\\([0-9]*\\)\$/\\1/p" | tail -n 1)
[ -n "$secs" ] || die "soak: $stress did not report its exit status (console: $log)"
[ "$secs" -ge "$SOAK_SECONDS" ] ||
	die "soak: $stress ran ${secs}s, asked for at least ${SOAK_SECONDS}s (console: $log)"
say "soak: clean: $stress passed $cases cases in ${secs}s of guest time, no splat (console: $log)"
