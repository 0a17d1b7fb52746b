#!/bin/sh
# /init of the rig's guest (busybox): bind the test devices to vfio-pci,
# run the VFIO selftests (upstream's and the series'), then the timed
# perf test, report its status on the console, power off.
# The status starts as "failed" and is overwritten only when the perf
# test really finished, so a killed or hung guest never reads as a
# pass.  The other selftests and the fixed-address mapping test (when
# the initramfs has them) end with their exit status; they are judged
# on the host (rig/analyze/compare-selftests.sh, rig/analyze/map-fixed.sh), as on some
# kernels some of their checks are expected to fail.
export PATH=/bin
# shellcheck source=rig/guest/lib.sh
. /lib/rig.sh
rig_start
# make shell (rig.shell=1) keeps the console for its shell.
shell=$(param shell)
if [ "$shell" = 1 ]; then
	rig_channel console
else
	rig_channel tests
fi
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null || true

# What the host asked for (rig/boot/boot-guest.sh passes every rig.NAME).
reps=$(param reps)
count=$(param count)
big=$(($(param bar_gib) << 30))
stress=$(param soak)
upstream=$(param upstream)
aligns=$(param aligns | tr ',' ' ')
mm_tests=$(param mmtests)
mm_limit=$(param mmtimeout)
# The BAR devices: every ivshmem function, each with a BAR2 of bar_gib.
all=$(bind_vfio 0x1af4 0x1110 | tr '\n' ' ')
bars=''
for bdf in $all; do
	if [ "$(bar2_bytes "$bdf")" = "$big" ]; then
		bars="$bars $bdf"
	else
		echo "RIG: $bdf: BAR2 of $(bar2_bytes "$bdf") bytes, not $big: not used"
	fi
done
dma=$(bind_vfio 0x1234 0x11e8 | head -n 1)
echo "RIG: kernel $(uname -r), BAR devices:${bars:- none}, DMA engine: ${dma:-none}"
if [ -z "$bars" ]; then
	echo "RIG: no ivshmem BAR device of $big bytes bound to vfio-pci"
	finish
fi
# shellcheck disable=SC2086 # one address per word
set -- $bars
first=$1
# upstream's vfio_dma_mapping_test maps 2 MiB hugetlb pages.
echo 64 >/proc/sys/vm/nr_hugepages 2>/dev/null ||
	echo "RIG: no hugetlb pages (no /proc/sys/vm/nr_hugepages)"
# make shell: the devices bound, a shell on the console instead of
# the tests; the guest powers off when it exits.
if [ "$shell" = 1 ]; then
	echo "RIG: shell: BAR devices:$bars, DMA engine: ${dma:-none}; the tests are in /bin (e.g. vfio_dma_mapping_mmio_test $first $dma); exit powers off"
	setsid cttyhack sh -l
	poweroff -f
fi

# selftest NAME BDF...: run one selftest; its result is the host's to
# judge (rig/selftests.sh), against the same test on the kernel
# without the series.
selftest() {
	name=$1
	shift
	if [ ! -x "/bin/$name" ]; then
		echo "RIG: selftest absent: no /bin/$name in the initramfs"
		return 0
	fi
	echo "RIG-PASS selftest name=$name device=$1 rep=1"
	st=0
	t0=$(date +%s)
	if [ "$1" = - ]; then
		# No device: an mm selftest, under a time limit; one that
		# outlasts it is killed and ends non-zero, never a pass.
		timeout -k 10 "$mm_limit" "/bin/$name" || st=$?
	else
		"/bin/$name" "$@" || st=$?
	fi
	echo "RIG-SELFTEST name=$name device=$1 rc=$st seconds=$(($(date +%s) - t0))"
}

# Upstream's selftests, unchanged, on the device each needs: edu has a
# libvfio driver (DMA) and MSI, the BAR devices the large BARs.  Not on
# the debug kernel's soak (rig.upstream=0): there some of their cases
# outlast the harness's 30 s, and a case killed by the harness leaves
# the device busy for every test after it.
if [ -n "$dma" ] && [ "$upstream" = 1 ]; then
	selftest vfio_dma_mapping_test "$dma"
	selftest vfio_iommufd_setup_test "$dma"
	selftest vfio_pci_device_test "$dma"
	# vfio_pci_driver_test's fixture maps a 1 GiB MAP_SHARED |
	# MAP_ANONYMOUS region for each case: 262144 faults and pins of
	# 4 KiB shmem pages, which under TCG outlast the harness's 30 s
	# (a case killed on timeout keeps the device busy for every later
	# one).  With shmem THP the region is 512 huge pages; only for
	# this test, so that the mm selftests see the kernel's default.
	thp=/sys/kernel/mm/transparent_hugepage/shmem_enabled
	shmem=$(sed -n 's/.*\[\(.*\)\].*/\1/p' "$thp" 2>/dev/null || true)
	[ -n "$shmem" ] && echo always >"$thp"
	selftest vfio_pci_driver_test "$dma"
	[ -n "$shmem" ] && echo "$shmem" >"$thp"
	selftest vfio_pci_sriov_uapi_test "$dma"
	# shellcheck disable=SC2086 # one address per word
	selftest vfio_pci_device_init_perf_test "$dma" $bars
fi
# The series' functional tests, on the first big BAR device, with edu
# as the DMA engine of the mmio test.
# shellcheck disable=SC2086 # $dma is one address or none
selftest vfio_dma_mapping_mmio_test "$first" $dma
selftest vfio_pci_bar_split_test "$first"
selftest vfio_pci_bar_mremap_test "$first"
if [ "$stress" -gt 0 ]; then
	VFIO_SELFTESTS_STRESS_SECONDS=$stress
	export VFIO_SELFTESTS_STRESS_SECONDS
	selftest vfio_dma_mapping_stress_test "$first"
fi

# The timed test, for the placements asked for (rig.aligns=pud,auto),
# through type1v2 as VMMs map BARs, and on kernels that can, through
# iommufd from a dma-buf of the BAR.  Its status is the guest's.
test=/bin/vfio_dma_mapping_perf_test
perf=
for a in $aligns; do
	perf="$perf -v vfio_type1v2_iommu_$a"
done
perf="$perf -v iommufd_dmabuf"
status=0
for bdf in $bars; do
	i=1
	while [ "$i" -le "$reps" ]; do
		echo "RIG-PASS timing device=$bdf rep=$i"
		# shellcheck disable=SC2086 # $perf is a list of options
		"$test" $perf "$bdf" || status=1
		i=$((i + 1))
	done
	if [ "$count" = 1 ]; then
		echo "RIG-PASS lookups device=$bdf rep=1"
		# shellcheck disable=SC2086 # $perf is a list of options
		VFIO_SELFTESTS_COUNT_LOOKUPS=1 "$test" $perf "$bdf" || status=1
	fi
done
# The fixed-address mapping test, 64-bit and 32-bit (compat): it needs
# no device.  Each run ends with its exit status; the host judges it
# (rig/analyze/map-fixed.sh).  A build that could not be made is named absent.
for t in map_fixed_test map_fixed_test_32; do
	if [ ! -x "/bin/$t" ]; then
		echo "RIG: map-fixed test absent: no /bin/$t in the initramfs"
		continue
	fi
	echo "RIG-PASS mapfixed build=$t rep=1"
	st=0
	"/bin/$t" || st=$?
	echo "RIG-MAPFIXED build=$t rc=$st"
done
# The kernel's own mm selftests, unchanged (rig/build/build-mm-tests.sh,
# docs/mm-selftests.md), after the timing so that they cannot disturb
# it; judged on the host, case by case, against the peer kernel.  Not
# with rig.mmtests=0 (the soak).
if [ "$mm_tests" = 1 ]; then
	mkdir -p /tmp
	# No address randomisation: where mmap places what is then the
	# kernel's alone, the same on every boot (mremap_test's preamble
	# case fails or not by where its source landed).
	echo 0 >/proc/sys/kernel/randomize_va_space
	for t in /bin/mm-*; do
		[ -x "$t" ] && selftest "${t#/bin/}" -
	done
fi
echo "RIG-PASS end"
rc=$status
finish
