#!/bin/sh
# A guest that never answers is killed at the timeout, reported as a
# failure with the console's tail, and leaves no QEMU and no BAR file;
# so does a guest, or the main job, stopped with SIGTERM.  BAR files
# that runs killed outright left behind are removed by the next boot.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"

kdir=$("$TOP/rig/build/build-kernel.sh" patched)
printf '#!/bin/sh\necho "RIG: this init hangs on purpose"\nexec /bin/busybox sleep 100000\n' >"$TMP/init"
GUEST_INIT=$TMP/init "$TOP/rig/build/make-initramfs.sh" "$TMP/initrd" /bin/busybox

# BAR files of runs killed outright before this test are swept by the
# next boot: one named for a dead boot-guest.sh, one named for a live
# process that is not boot-guest.sh (a reused pid), one unnamed that no
# process holds open.  One named for a live boot-guest.sh, and an
# unnamed one a process holds open, stay.
mkdir -p "$RIG_CACHE/run"
sh -c 'exit 0' &
dead=$!
wait "$dead"
printf 'sleep 600\n' >"$TMP/boot-guest.sh"
sh "$TMP/boot-guest.sh" &
maker=$!
stale="$RIG_CACHE/run/bar0.$dead.rigtest $RIG_CACHE/run/bar1.$$.rigtest"
stale="$stale $RIG_CACHE/run/bar7.rigtest"
live=$RIG_CACHE/run/bar0.$maker.rigtest
held=$RIG_CACHE/run/bar8.rigtest
pid='' holder=''
# On any exit, stop what this test started in the background.
stop_all() {
	for p in $pid $holder $maker; do
		pkill -TERM -P "$p" 2>/dev/null || :
		kill -TERM "$p" 2>/dev/null || :
		wait "$p" 2>/dev/null || :
	done
	rm -rf "$TMP" "$live" "$held"
}
trap stop_all EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
for f in $stale "$live" "$held"; do
	truncate -s 1G "$f"
done
sh -c 'exec sleep 600' <"$held" &
holder=$!
find "$RIG_CACHE/run" -name 'bar*' | sort >"$TMP/before"

# term_job NAME: send SIGTERM to the background job $pid; it exits 143.
term_job() {
	kill -TERM "$pid"
	st=0
	wait "$pid" || st=$?
	pid=
	[ "$st" -eq 143 ] || fail "$1 exited $st on SIGTERM, expected 143"
}

leftovers() {
	find "$RIG_CACHE/run" -name 'bar*' | sort | comm -13 "$TMP/before" - | grep . && return 0
	pgrep -f "initrd $TMP/" && return 0
	return 1
}

expect_status 2 env QUIET=1 GUEST_TIMEOUT=30 BAR_GIB=1 BAR_COUNT=1 REPS=1 ACCEL=tcg ALIGNS=pud \
	"$TOP/rig/boot/boot-guest.sh" "$kdir" "$TMP/initrd" "$TMP/console.log"
expect_output 'guest timed out after 30s'
expect_output 'this init hangs on purpose'
leftovers && fail "QEMU or a BAR file left behind after a timeout"
for f in $stale; do
	[ ! -e "$f" ] || fail "stale BAR file $f not removed"
done
expect_output "removing $RIG_CACHE/run/bar7.rigtest, left by a run that is gone"
[ -e "$live" ] || fail "BAR file of a live boot-guest.sh ($live) removed"
[ -e "$held" ] || fail "BAR file held open by a process ($held) removed"

QUIET=1 GUEST_TIMEOUT=300 BAR_GIB=1 BAR_COUNT=1 REPS=1 ACCEL=tcg ALIGNS=pud "$TOP/rig/boot/boot-guest.sh" "$kdir" \
	"$TMP/initrd" "$TMP/console2.log" >"$TMP/out" 2>&1 &
pid=$!
sleep 8
term_job boot-guest.sh
sleep 1
leftovers && fail "QEMU or a BAR file left behind after SIGTERM"

# SIGTERM to the main job while its guest runs stops the guest too.
GUEST_INIT=$TMP/init TEST_BINS=/bin/busybox KERNELS=patched BAR_GIB=1 \
	REPS=1 RIG_OUT=$TMP/run QUIET=1 GUEST_TIMEOUT=300 \
	"$TOP/rig/run.sh" >"$TMP/out" 2>&1 &
pid=$!
i=0
# The stub writes to the console (ttyS0): the kernel log.
until grep -q 'this init hangs on purpose' "$TMP/run/kernel-patched.log" 2>/dev/null; do
	i=$((i + 1))
	[ "$i" -le 120 ] || fail "run.sh's guest did not start in 120s"
	sleep 1
done
term_job run.sh
sleep 1
leftovers && fail "QEMU or a BAR file left behind after SIGTERM to run.sh"
echo "timeout: ok"
