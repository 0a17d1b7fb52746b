#!/bin/sh
# A pinned version that the archive no longer has is refused with the
# versions it does have; the pinned one resolves to an unpacked tree.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"

expect_status 1 env BASE_VERSION=6.12.0-0~bogus "$TOP/rig/build/fetch-source.sh" base
expect_output "linux-source-6.12 version '6.12.0-0~bogus' is not in the archive; available: .*6\\.12\\."
expect_status 1 "$TOP/rig/build/fetch-source.sh" linus
expect_output 'usage: fetch-source.sh base\|upstream'

expect_status 0 "$TOP/rig/build/fetch-source.sh" base
tree=$(tail -n 1 "$TMP/out")
[ -f "$tree/Makefile" ] || fail "no unpacked tree at $tree"
[ -f "$tree/.rig-unpacked" ] || fail "$tree is not marked unpacked"
echo "fetch: ok"
