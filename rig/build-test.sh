#!/bin/sh
# Build the rig's test binaries statically, so that each runs on every
# kernel of the rig.
# Usage: build-test.sh [placement]
#   (none): the kselftest, vfio_dma_map_perf, from the patched tree.
#   placement: the placement test from the mainline tree, twice:
#     vfio_pci_bar_placement_test (64-bit) and, with -m32,
#     vfio_pci_bar_placement_test_32.  Without a mainline series, or
#     with one that does not add the test, it says so and builds none.
# Prints the path of each binary built on stdout, one a line.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

what=${1:-kselftest}
tdir=tools/testing/selftests/vfio
mkdir -p "$RIG_CACHE/logs"

# headers TREE DIR: install TREE's uapi headers into DIR.
headers() {
	mkdir -p "$2"
	run_logged "$log" make -C "$1" O="$2" ARCH=x86_64 headers ||
		die "test: installing the uapi headers of $1 failed"
}

case $what in
kselftest)
	tree=$("$RIG_DIR/apply-series.sh" patched)
	[ -f "$tree/$tdir/Makefile" ] ||
		die "test: $tree has no $tdir (does the series add the kselftest?)"
	log=$RIG_CACHE/logs/build-test.log
	: >"$log"
	hdr=$RIG_CACHE/build/test-headers
	out=$RIG_CACHE/build/test
	mkdir -p "$out"
	say "test: building the kselftest (log: $log)"
	headers "$tree" "$hdr"
	run_logged "$log" make -C "$tree/$tdir" OUTPUT="$out" \
		KHDR_INCLUDES="-isystem $hdr/usr/include" LDFLAGS=-static ||
		die "test: the kselftest does not build"
	bin=$(find "$out" -maxdepth 1 -type f -name 'vfio_*' -perm -u+x | head -n 1)
	[ -n "$bin" ] || die "test: no binary in $out"
	printf '%s\n' "$bin"
	;;
placement)
	name=vfio_pci_bar_placement_test
	dir=$(kernel_series mainline)
	if [ ! -e "$dir" ]; then
		say "test: no mainline series at $dir: $name is not built"
		exit 0
	fi
	tree=$("$RIG_DIR/apply-series.sh" mainline)
	if [ ! -f "$tree/$tdir/$name.c" ]; then
		say "test: the mainline tree has no $tdir/$name.c: $name is not built"
		exit 0
	fi
	log=$RIG_CACHE/logs/build-placement-test.log
	: >"$log"
	hdr=$RIG_CACHE/build/test-headers-mainline
	say "test: building $name, 64-bit and 32-bit (log: $log)"
	headers "$tree" "$hdr"
	for bits in 64 32; do
		out=$RIG_CACHE/build/test-mainline-$bits
		m=
		# libvfio and the harness print u64 with %lx and cast
		# pointers to u64: -m32 makes that hundreds of format
		# warnings, which -Werror would turn into errors.  They
		# only garble failure messages of a 32-bit run.
		[ "$bits" = 64 ] || m="-m32 -D_FILE_OFFSET_BITS=64 -Wno-error"
		rm -rf "$out"
		mkdir -p "$out"
		run_logged "$log" make -C "$tree/$tdir" OUTPUT="$out" \
			KHDR_INCLUDES="-isystem $hdr/usr/include" \
			EXTRA_CFLAGS="$m" LDFLAGS="-static $m" "$out/$name" ||
			die "test: the $bits-bit build of $name failed (log: $log)"
		bin=$out/$name
		file "$bin" | grep -q "ELF $bits-bit" ||
			die "test: $bin is not a $bits-bit program (does $tdir/Makefile pass EXTRA_CFLAGS to the compiler?)"
		if [ "$bits" = 32 ]; then
			mv "$bin" "$out/${name}_32"
			bin=$out/${name}_32
		fi
		printf '%s\n' "$bin"
	done
	;;
*) die "usage: build-test.sh [placement] (got '$what')" ;;
esac
