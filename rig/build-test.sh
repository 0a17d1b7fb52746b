#!/bin/sh
# Build the kselftest statically from the patched tree, so that the one
# binary runs on every kernel of the rig.
# Usage: build-test.sh
# Prints the path of the binary on stdout.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

tree=$("$RIG_DIR/apply-series.sh" patched)
tdir=tools/testing/selftests/vfio
[ -f "$tree/$tdir/Makefile" ] ||
	die "test: $tree has no $tdir (does the series add the kselftest?)"

log=$RIG_CACHE/logs/build-test.log
: >"$log"
hdr=$RIG_CACHE/build/test-headers
out=$RIG_CACHE/build/test
mkdir -p "$hdr" "$out"
say "test: building the kselftest (log: $log)"
run_logged "$log" make -C "$tree" O="$hdr" ARCH=x86_64 headers ||
	die "test: installing the uapi headers failed"
run_logged "$log" make -C "$tree/$tdir" OUTPUT="$out" \
	KHDR_INCLUDES="-isystem $hdr/usr/include" LDFLAGS=-static ||
	die "test: the kselftest does not build"
bin=$(find "$out" -maxdepth 1 -type f -name 'vfio_*' -perm -u+x | head -n 1)
[ -n "$bin" ] || die "test: no binary in $out"
printf '%s\n' "$bin"
