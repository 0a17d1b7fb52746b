#!/bin/sh
# compare-anon.sh: a kernel with the series places a 1 GiB anonymous
# mmap at the same 2 MiB phase as the kernel without it; a different
# phase, or a console without the placement test's anon line, fails.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/assert.sh"

anon() {
	printf '# PLACEMENT anon len=1073741824 addr=0x7f0000%s mod_pmd=%s mod_pud=0x0 gap_above=0\n' "$2" "$2" >"$TMP/console-$1.log"
}
anon upstream 0x0
anon mainline 0x0
expect_status 0 "$TOP/rig/compare-anon.sh" "$TMP"
expect_output 'on mainline, 0x0 on upstream: same'

anon mainline 0x1000
expect_status 1 "$TOP/rig/compare-anon.sh" "$TMP"
expect_output 'DIFFERENT'

echo 'no placement test here' >"$TMP/console-mainline.log"
expect_status 1 "$TOP/rig/compare-anon.sh" "$TMP"
expect_output 'not measured'
echo "compare-anon: ok"
