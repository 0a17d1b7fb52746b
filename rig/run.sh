#!/bin/sh
# The main job: build the kernels, boot each with the kselftest, and
# report base vs patched vs upstream vs mainline.
# Environment: the options of targets run and guest in rig/options
#   (KERNELS, BAR_GIB, BAR_COUNT, REPS, ACCEL, ALIGNS, TEST_BINS, ...),
#   RIG_CACHE, RIG_OUT.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

option_defaults run guest

"$RIG_DIR/check-options.sh" || exit 2
# A patched kernel without its series would fail after the others were
# built: say so before any work.
for k in $KERNELS; do
	dir=$(kernel_series "$k")
	[ -z "$dir" ] || [ -d "$dir" ] ||
		die "$k needs its series in $dir, which does not exist (leave $k out of KERNELS)"
done
mkdir -p "$RIG_OUT"
rm -f "$RIG_OUT"/console-*.log "$RIG_OUT"/kernel-*.log "$RIG_OUT"/raw.tsv \
	"$RIG_OUT"/run.env "$RIG_OUT"/run-info.txt "$RIG_OUT"/judged-status.tsv "$RIG_OUT"/results.tsv \
	"$RIG_OUT"/mapfixed.tsv "$RIG_OUT"/selftests.tsv "$RIG_OUT"/status.tsv \
	"$RIG_OUT"/console-status.tsv "$RIG_OUT"/plan.tsv "$RIG_OUT"/report.*

for k in $KERNELS; do
	say "stage: building $k"
	"$RIG_DIR/build/build-kernel.sh" "$k" >"$RIG_OUT/kernel-$k.dir"
done

if [ -z "$TEST_BINS" ]; then
	say "stage: building the selftests"
	TEST_BINS=$("$RIG_DIR/build/build-test.sh")
fi
[ -n "$TEST_BINS" ] || die "no test binaries"
# shellcheck disable=SC2086 # one binary per word
"$RIG_DIR/build/make-initramfs.sh" "$RIG_OUT/initramfs.cpio" $TEST_BINS

if [ "$ACCEL" = auto ]; then
	# shellcheck disable=SC2086 # the first word of the list
	set -- $KERNELS
	ACCEL=$("$RIG_DIR/boot/probe-kvm.sh" "$(cat "$RIG_OUT/kernel-$1.dir")")
	export ACCEL
fi

# What the run was asked for, and the report's head: rig/judge-run.sh
# (and make report OUT=...) judge the run from these and the consoles.
# Every option of make run and of its guest (rig/options), and the
# plan's groups.
write_options "$RIG_OUT/run.env" run guest
echo "PLAN_GROUPS='upstream series mm'" >>"$RIG_OUT/run.env"
# The plan its selftests are judged against, as it is for this run.
cp "$RIG_DIR/plan" "$RIG_OUT/plan.tsv"
info="Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) x $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1),"
info="$info QEMU $(qemu-system-x86_64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p') accel=$ACCEL,"
info="$info $BAR_COUNT x $BAR_GIB GiB BAR, $REPS timing runs per case, aligns $ALIGNS."
for k in $KERNELS; do
	kdir=$(cat "$RIG_OUT/kernel-$k.dir")
	info="$info
- $k: $(sed -n 's/^source=//p' "$kdir/meta"), $(sed -n 's/^kernelrelease=//p' "$kdir/meta")"
done
printf '%s\n' "$info" >"$RIG_OUT/run-info.txt"

status=0
for k in $KERNELS; do
	kdir=$(cat "$RIG_OUT/kernel-$k.dir")
	log=$RIG_OUT/console-$k.log
	klog=$RIG_OUT/kernel-$k.log
	say "stage: booting $k"
	rc=0
	supervise "$RIG_DIR/boot/boot-guest.sh" "$kdir" "$RIG_OUT/initramfs.cpio" "$log" "$klog" || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "rig: error: $k: the kselftest failed (status $rc, console: $log)" >&2
		status=1
	fi
done

say "stage: report"
# Not OK unless every kernel ran to the end with every timing row asked
# for, no splat, its selftests as expected and the map-fixed test passed.
if ! "$RIG_DIR/judge-run.sh" "$RIG_OUT"; then
	echo "rig: error: not every kernel is OK (see $RIG_OUT/report.md)" >&2
	status=1
fi

# ---- make vmm's table, when make vmm ran (rig/vmm.sh) ----
# It carries its own date, kernels and accelerator in its first line.
if [ -f "$RIG_OUT/vmm.md" ]; then
	{
		printf "\n## VM start with Debian's QEMU as the VMM (make vmm)\n\n"
		cat "$RIG_OUT/vmm.md"
	} >>"$RIG_OUT/report.md"
fi
# ---- end of make vmm's part ----

say "wrote $RIG_OUT/results.tsv, $RIG_OUT/status.tsv, $RIG_OUT/mapfixed.tsv, $RIG_OUT/report.md, $RIG_OUT/report.svg"
exit "$status"
