#!/bin/sh
# A guest that never answers is killed at the timeout, reported as a
# failure with the console's tail, and leaves no QEMU and no BAR file;
# so does a run stopped with SIGTERM.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/assert.sh"
: "${RIG_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/vfio-bar}"

kdir=$("$TOP/rig/build-kernel.sh" patched)
printf '#!/bin/sh\necho "RIG: this init hangs on purpose"\nexec /bin/busybox sleep 100000\n' >"$TMP/init"
GUEST_INIT=$TMP/init "$TOP/rig/make-initramfs.sh" /bin/busybox "$TMP/initrd"

leftovers() {
	find "$RIG_CACHE/run" -name 'bar*' 2>/dev/null | grep . && return 0
	pgrep -f "initrd $TMP/initrd" && return 0
	return 1
}

expect_status 2 env QUIET=1 GUEST_TIMEOUT=30 BAR_GIB=1 \
	"$TOP/rig/boot-guest.sh" "$kdir" "$TMP/initrd" "$TMP/console.log"
expect_output 'guest timed out after 30s'
expect_output 'this init hangs on purpose'
leftovers && fail "QEMU or a BAR file left behind after a timeout"

QUIET=1 GUEST_TIMEOUT=300 BAR_GIB=1 "$TOP/rig/boot-guest.sh" "$kdir" \
	"$TMP/initrd" "$TMP/console2.log" >"$TMP/out" 2>&1 &
pid=$!
sleep 8
kill -TERM "$pid"
st=0
wait "$pid" || st=$?
[ "$st" -eq 143 ] || fail "boot-guest.sh exited $st on SIGTERM, expected 143"
sleep 1
leftovers && fail "QEMU or a BAR file left behind after SIGTERM"
echo "timeout: ok"
