#!/bin/sh
# Build the rig's test binaries statically from the mainline tree (7.x
# with the mainline series), so that one build runs on every kernel of
# the rig: upstream's VFIO selftests and the series' (the extended
# vfio_dma_mapping_mmio_test, the perf, stress, split and mremap tests),
# 64-bit, and the rig's fixed-address mapping test (rig/guest/map-fixed-test.c)
# as map_fixed_test and, with -m32, map_fixed_test_32 (skipped, with
# the reason on stderr, where gcc cannot link a 32-bit program).
# Usage: build-test.sh
# Prints the path of each binary built on stdout, one a line.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

[ $# -eq 0 ] || die "usage: build-test.sh (got '$*')"
tdir=tools/testing/selftests/vfio
dir=$(kernel_series mainline)
[ -d "$dir" ] ||
	die "test: the selftests are built from the mainline series, and there is none at $dir"
tree=$("$RIG_DIR/build/apply-series.sh" mainline)
# The programs the rig runs; the build must give every one.
need="vfio_dma_mapping_perf_test vfio_dma_mapping_mmio_test vfio_pci_bar_split_test vfio_pci_bar_mremap_test"
for t in $need; do
	[ -f "$tree/$tdir/$t.c" ] ||
		die "test: the mainline tree has no $tdir/$t.c (is the series in $dir complete?)"
done
mkdir -p "$RIG_CACHE/logs"
log=$RIG_CACHE/logs/build-test.log
: >"$log"
say "test: building the VFIO selftests of the mainline tree (log: $log)"
hdr=$(install_headers "$tree" mainline "$log")

out=$RIG_CACHE/build/test-mainline-64
mkdir -p "$out"
run_logged "$log" make -C "$tree/$tdir" OUTPUT="$out" \
	KHDR_INCLUDES="-isystem $hdr/usr/include" LDFLAGS="-static" ||
	die "test: the build of the selftests failed (log: $log)"
for t in $need; do
	[ -x "$out/$t" ] || die "test: the build gave no $out/$t (log: $log)"
done
find "$out" -maxdepth 1 -type f -name 'vfio_*_test' -perm -u+x | LC_ALL=C sort

# The fixed-address mapping test: the kernel tree's harness and libc
# only, as a 64-bit and a 32-bit (compat) program.
mf=$RIG_CACHE/build/map-fixed
mkdir -p "$mf"
build_map_fixed() {
	run_logged "$log" gcc "$@" -static -O2 -Wall -Werror \
		-I"$tree/tools/testing/selftests" -isystem "$hdr/usr/include" \
		"$RIG_DIR/guest/map-fixed-test.c" -o "$mf/$bin.tmp" ||
		die "test: the build of $bin failed (log: $log)"
	mv "$mf/$bin.tmp" "$mf/$bin"
	printf '%s\n' "$mf/$bin"
}
bin=map_fixed_test
build_map_fixed -m64
# The 32-bit build needs gcc-multilib (no foreign-architecture
# package): where a static 32-bit program cannot be linked at all, the
# check is skipped, loudly, and the guest says it is absent.
bin=map_fixed_test_32
rm -f "$mf/$bin"
if probe=$(printf 'int main(void) { return 0; }\n' |
	gcc -m32 -static -x c - -o "$mf/probe32" 2>&1); then
	rm -f "$mf/probe32"
	build_map_fixed -m32
	file "$mf/$bin" | grep -q 'ELF 32-bit' ||
		die "test: $mf/$bin is not a 32-bit program"
else
	echo "SKIP: map_fixed_test_32: gcc cannot link a static 32-bit program here ($(printf '%s\n' "$probe" | head -n 1)); install gcc-multilib" >&2
fi

# The kernel's own mm selftests, from the upstream tree (unpatched),
# as mm-NAME: rig/guest/init.sh runs every /bin/mm-* it finds.
"$RIG_DIR/build/build-mm-tests.sh"
