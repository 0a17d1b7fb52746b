#!/bin/sh
# The short soak: the patched kernel built with KASAN, lockdep,
# DEBUG_VM, DEBUG_LIST and friends runs the whole kselftest plus its
# randomized map/unmap/DMA soak; any test failure or kernel splat fails.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
mkdir -p "$TOP/out/tests"
RIG_OUT=$TOP/out/tests QUIET=1 SOAK_SECONDS=${CHECK_SOAK_SECONDS:-20} \
	BAR_GIB=${CHECK_SOAK_BAR_GIB:-4} "$TOP/rig/soak.sh"
