#!/bin/sh
# The splat scanner catches kernel warnings and honours the allowlist.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
scan=$TOP/rig/analyze/scan-splats.sh

expect_status 0 "$scan" "$TOP/tests/data/console-base.log"
for s in 'WARNING: CPU: 0 PID: 1 at mm/memory.c:6400 follow_pfnmap_start+0x1/0x2' \
	'BUG: KASAN: slab-out-of-bounds in vfio_pin_pages_remote' \
	'Oops: general protection fault, probably for non-canonical address' \
	'WARNING: possible circular locking dependency detected' \
	'INFO: task vfio_dma_map_pe:80 blocked for more than 120 seconds.' \
	'watchdog: BUG: soft lockup - CPU#0 stuck for 26s!'; do
	printf '[    1.0] boot\r\n[    2.0] %s\r\nRIG-EXIT rc=0\r\n' "$s" >"$TMP/log"
	expect_status 1 "$scan" "$TMP/log"
	expect_output 'kernel splat'
done

# Debug kernels announce their checkers at boot: that is no splat.
printf '[    0.0] kasan: KernelAddressSanitizer initialized\n[    0.0] rcu: \tRCU lockdep checking is enabled.\n' >"$TMP/log"
expect_status 0 "$scan" "$TMP/log"

printf 'BUG: harmless test line\n' >"$TMP/log"
printf '# a comment\nregex\tkernels\treason\nharmless test line\t*\tonly in this test\n' >"$TMP/allow"
expect_status 0 env SPLAT_ALLOWLIST="$TMP/allow" "$scan" "$TMP/log"
# Its columns are read by name: in another order, the same.
printf 'reason\tregex\tkernels\nonly in this test\tharmless test line\t*\n' >"$TMP/allow"
expect_status 0 env SPLAT_ALLOWLIST="$TMP/allow" "$scan" "$TMP/log"
# refused ALLOWLIST REASON: an allowlist (printf's format) that the
# scanner refuses (status 2), saying REASON.
refused() {
	# shellcheck disable=SC2059 # the allowlist is the format
	printf "$1" >"$TMP/allow"
	expect_status 2 env SPLAT_ALLOWLIST="$TMP/allow" "$scan" "$TMP/log"
	expect_output "$2"
}
# An entry without its kernels or its reason is refused.
refused 'regex\tkernels\treason\nharmless test line\tonly in this test\n' 'allow:2: not regex, kernels, reason'
# So is an allowlist without its header row, or with a column renamed.
refused '# a comment\nharmless test line\t*\tonly in this test\n' 'no column regex in its header row'
refused 'regex\tkernel\treason\nharmless test line\t*\tonly in this test\n' 'no column kernels in its header row'
refused '# only a comment\n' 'has no header row'

# A pud that mremap() took for a bad table (the bug the series fixes):
# allowed on the kernels without the series, where the plan expects
# the mremap test to fail, a splat on any kernel with it (flavours
# too), and when the kernel is not named.
printf '[   93.2] mm/pgtable-generic.c:42: bad pud 000000000723fa0d(80000004000002b7)\nRIG-EXIT rc=0\n' >"$TMP/log"
expect_status 0 "$scan" "$TMP/log" base
expect_status 0 "$scan" "$TMP/log" upstream
for k in patched mainline patched-debug ''; do
	expect_status 1 "$scan" "$TMP/log" $k
	expect_output 'bad pud'
done
expect_status 2 "$scan" "$TMP/no-such-log"
echo "splats: ok"
