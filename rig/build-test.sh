#!/bin/sh
# Build the rig's test binaries statically from the mainline tree (7.x
# with the mainline series), so that one build runs on every kernel of
# the rig: upstream's VFIO selftests and the series' (the extended
# vfio_dma_mapping_mmio_test, the perf, stress, split and placement
# tests), 64-bit, plus the placement test built with -m32 as
# vfio_pci_bar_placement_test_32.
# Usage: build-test.sh
# Prints the path of each binary built on stdout, one a line.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 0 ] || die "usage: build-test.sh (got '$*')"
tdir=tools/testing/selftests/vfio
dir=$(kernel_series mainline)
[ -d "$dir" ] ||
	die "test: the selftests are built from the mainline series, and there is none at $dir"
tree=$("$RIG_DIR/apply-series.sh" mainline)
# The programs the rig runs; the build must give every one.
need="vfio_dma_mapping_perf_test vfio_dma_mapping_mmio_test vfio_pci_bar_placement_test"
for t in $need; do
	[ -f "$tree/$tdir/$t.c" ] ||
		die "test: the mainline tree has no $tdir/$t.c (is the series in $dir complete?)"
done
mkdir -p "$RIG_CACHE/logs"
log=$RIG_CACHE/logs/build-test.log
: >"$log"
hdr=$RIG_CACHE/build/test-headers-mainline
mkdir -p "$hdr"
say "test: building the VFIO selftests of the mainline tree (log: $log)"
run_logged "$log" make -C "$tree" O="$hdr" ARCH=x86_64 headers ||
	die "test: installing the uapi headers of $tree failed (log: $log)"

for bits in 64 32; do
	out=$RIG_CACHE/build/test-mainline-$bits
	m='' target=''
	if [ "$bits" = 32 ]; then
		# libvfio and the harness print u64 with %lx and cast
		# pointers to u64: -m32 makes that hundreds of format
		# warnings, which -Werror would turn into errors.  They
		# only garble failure messages of a 32-bit run.
		m="-m32 -D_FILE_OFFSET_BITS=64 -Wno-error"
		target=$out/vfio_pci_bar_placement_test
		rm -rf "$out"
	fi
	mkdir -p "$out"
	# shellcheck disable=SC2086 # $target is one word or none
	run_logged "$log" make -C "$tree/$tdir" OUTPUT="$out" \
		KHDR_INCLUDES="-isystem $hdr/usr/include" \
		EXTRA_CFLAGS="$m" LDFLAGS="-static $m" $target ||
		die "test: the $bits-bit build of the selftests failed (log: $log)"
done

out=$RIG_CACHE/build/test-mainline-64
for t in $need; do
	[ -x "$out/$t" ] || die "test: the build gave no $out/$t (log: $log)"
done
find "$out" -maxdepth 1 -type f -name 'vfio_*_test' -perm -u+x | LC_ALL=C sort
bin=$RIG_CACHE/build/test-mainline-32/vfio_pci_bar_placement_test
file "$bin" | grep -q 'ELF 32-bit' ||
	die "test: $bin is not a 32-bit program (does $tdir/Makefile pass EXTRA_CFLAGS to the compiler?)"
cp "$bin" "${bin}_32"
printf '%s\n' "${bin}_32"
