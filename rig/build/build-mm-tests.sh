#!/bin/sh
# Build the kernel's own mm selftests (tools/testing/selftests/mm of the
# upstream 7.x source, unpatched: the series does not touch them)
# statically, so that one build runs on every kernel of the rig, the
# way rig/build/build-test.sh builds the VFIO selftests.  Only the programs
# the guest runs (docs/mm-selftests.md says why these): each is
# renamed mm-NAME so that none can clash with another binary.  A
# program that cannot be linked statically here is left out, with the
# reason on stderr.
# Usage: build-mm-tests.sh
#   MM_TESTS  the programs (rig/options)
# Prints the path of each binary built on stdout, one a line.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

[ $# -eq 0 ] || die "usage: build-mm-tests.sh (got '$*')"
# The programs: MM_TESTS (rig/options, target mm-tests: mappings,
# placement and remapping first; docs/mm-selftests.md lists the
# programs left out and why).
option_defaults mm-tests
tdir=tools/testing/selftests/mm
tree=$("$RIG_DIR/build/fetch-source.sh" upstream)
mkdir -p "$RIG_CACHE/logs"
log=$RIG_CACHE/logs/build-mm-tests.log
: >"$log"
say "test: building the mm selftests of the upstream tree (log: $log)"
hdr=$(install_headers "$tree" upstream "$log")

build=$RIG_CACHE/build/mm-tests
mkdir -p "$build/bin"
for t in $MM_TESTS; do
	[ -f "$tree/$tdir/$t.c" ] || die "test: the upstream tree has no $tdir/$t.c"
	rm -f "$build/$t" "$build/bin/mm-$t"
	# One program at a time: one that does not link leaves the others.
	if ! make -C "$tree/$tdir" OUTPUT="$build" \
		KHDR_INCLUDES="-isystem $hdr/usr/include" LDFLAGS="-static" \
		"$build/$t" >"$build/$t.log" 2>&1; then
		cat "$build/$t.log" >>"$log"
		why=$(grep -m 1 -E 'error:|cannot find|undefined reference' "$build/$t.log" || true)
		echo "SKIP: mm-$t: does not build statically (${why:-see $log})" >&2
		continue
	fi
	cat "$build/$t.log" >>"$log"
	file "$build/$t" | grep -q 'statically linked' ||
		die "test: $build/$t is not statically linked (log: $log)"
	cp "$build/$t" "$build/bin/mm-$t"
	printf '%s\n' "$build/bin/mm-$t"
done
