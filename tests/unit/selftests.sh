#!/bin/sh
# parse-selftests.sh and compare-selftests.sh: each case's result is
# read from the TAP of its program; a program that did not finish, a
# series test that fails with the series, and a case that passes
# without the series but not with it each fail the run; a failure that
# the kernel without the series shares does not.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
# The plan of these consoles (rig/plan's form).
plan() {
	printf 'group\tkernels\tprogram\tcase\texpect\treason\n'
	printf 'upstream\t*\tvfio_dma_mapping_test\t*\tpass\t-\n'
	printf 'series\t*\tvfio_dma_mapping_mmio_test\t*\tpass\t-\n'
	printf 'series\t*\tvfio_dma_mapping_mmio_test\t*.iommufd.*\tskip\tiommufd cannot map a pfnmap\n'
	printf 'series\t*\tvfio_pci_bar_split_test\t*\tpass\t-\n'
	printf 'mm\tseries\tmm-*\t*\tpeer\tas without the series\n'
	printf 'mm\tbare\tmm-*\t*\tany\tthe reference\n'
}
plan >"$TMP/plan"
PLAN=$TMP/plan
export PLAN

# console KERNEL MMIO_RESULT UPSTREAM_RESULT [unfinished]
console() {
	{
		echo "RIG-PASS selftest name=vfio_dma_mapping_test device=0000:00:04.0 rep=1"
		echo "TAP version 13"
		echo "1..2"
		echo "ok 1 vfio_dma_mapping_test.vfio_type1_iommu.anonymous.dma_map_unmap"
		echo "$3 2 vfio_dma_mapping_test.iommufd.anonymous_hugetlb_1gb.dma_map_unmap"
		echo "RIG-SELFTEST name=vfio_dma_mapping_test device=0000:00:04.0 rc=0 seconds=3"
		echo "RIG-PASS selftest name=vfio_dma_mapping_mmio_test device=0000:01:00.0 rep=1"
		echo "ok 1 vfio_dma_mapping_mmio_test.vfio_type1_iommu.map_full_bar"
		echo "ok 2 vfio_dma_mapping_mmio_test.iommufd.dma_verify # SKIP iommufd cannot map a pfnmap"
		echo "$2 3 vfio_dma_mapping_mmio_test.vfio_type1v2_iommu.dma_verify"
		if [ "${4:-}" != unfinished ]; then
			echo "RIG-SELFTEST name=vfio_dma_mapping_mmio_test device=0000:01:00.0 rc=0 seconds=9"
			echo "RIG-PASS selftest name=vfio_pci_bar_split_test device=0000:01:00.0 rep=1"
			echo "1..1"
			echo "ok 1 vfio_pci_bar_split_test.split.fork"
			echo "RIG-SELFTEST name=vfio_pci_bar_split_test device=0000:01:00.0 rc=0 seconds=1"
			echo "RIG-PASS timing device=0000:01:00.0 rep=1"
			echo "ok 1 vfio_dma_mapping_perf_test.vfio_type1v2_iommu_pud.map_unmap_full"
			echo "RIG-EXIT rc=0"
		fi
	} >"$TMP/console-$1.log"
}
# parse KERNEL...: the selftests table of these kernels' consoles, its
# header row once (as lib.sh's tsv_append appends them).
parse() {
	: >"$TMP/all.tsv"
	for k in "$@"; do
		"$TOP/rig/analyze/parse-selftests.sh" "$k" "$TMP/console-$k.log" >"$TMP/part.tsv"
		if [ -s "$TMP/all.tsv" ]; then
			sed 1d "$TMP/part.tsv" >>"$TMP/all.tsv"
		else
			cat "$TMP/part.tsv" >"$TMP/all.tsv"
		fi
	done
}

console base ok ok
parse base
tab=$(printf '\t')
[ "$(sed -n 1p "$TMP/all.tsv")" = "kernel${tab}program${tab}case${tab}result" ] ||
	fail "the selftests table does not start with its header row: $(cat "$TMP/all.tsv")"
[ "$(sed 1d "$TMP/all.tsv" | wc -l)" -eq 6 ] || fail "expected 6 rows, got: $(cat "$TMP/all.tsv")"
grep -q "^base${tab}vfio_dma_mapping_mmio_test${tab}vfio_dma_mapping_mmio_test.iommufd.dma_verify${tab}skip\$" "$TMP/all.tsv" ||
	fail "a SKIP line is not a skip: $(cat "$TMP/all.tsv")"
grep -q "vfio_dma_mapping_perf_test" "$TMP/all.tsv" &&
	fail "the timed test's cases were read as a selftest's"

# Same results with and without the series: fine.
console patched ok ok
parse base patched
expect_status 0 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output '^selftests: patched: 5 ok, 1 skipped, 0 failed, 0 unfinished$'

# An upstream case failing with the series and without it: an error
# unless the plan expects it, with its reason; then listed, and a pass
# where the plan expects the failure is an error too.
console base ok "not ok"
console patched ok "not ok"
parse base patched
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: base: vfio_dma_mapping_test vfio_dma_mapping_test.iommufd.anonymous_hugetlb_1gb.dma_map_unmap is fail, the plan expects pass'
{ plan; printf 'upstream\tbase,patched\tvfio_dma_mapping_test\t*.iommufd.*\tfail\ta 6.12 errno\n'; } >"$TMP/plan"
expect_status 0 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'patched: not passed: vfio_dma_mapping_test:vfio_dma_mapping_test.iommufd'
console patched ok ok
parse base patched
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: patched: vfio_dma_mapping_test .*hugetlb_1gb.dma_map_unmap is ok, the plan expects fail \(plan line 8: a 6.12 errno\)'
plan >"$TMP/plan"
# A case that no line of the plan is for, and a plan without its
# header or with a line without a reason, are errors.
console base ok ok
parse base
awk -F'\t' '$3 != "vfio_dma_mapping_test"' "$TMP/plan" >"$TMP/plan2"
expect_status 1 env PLAN="$TMP/plan2" "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: base: vfio_dma_mapping_test vfio_dma_mapping_test.vfio_type1_iommu.anonymous.dma_map_unmap is ok, and no line of the plan is for it: declare it'
tail -n +2 "$TMP/plan" >"$TMP/plan2"
expect_status 2 env PLAN="$TMP/plan2" "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'no column group in its header row'
sed '1s/expect/expected/' "$TMP/plan" >"$TMP/plan2"
expect_status 2 env PLAN="$TMP/plan2" "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'no column expect in its header row'
{ printf '# a comment\n\n'; sed 's/^/#/' "$TMP/plan"; } >"$TMP/plan2"
expect_status 2 env PLAN="$TMP/plan2" "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'has no header row'
# The plan is read by column name: its columns in another order, with
# one more, judge the same.
expect_status 0 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
cp "$TMP/out" "$TMP/out.plan"
awk -F'\t' -v OFS='\t' '{ print $6, $5, "x", $4, $3, $2, $1 }' "$TMP/plan" >"$TMP/plan2"
expect_status 0 env PLAN="$TMP/plan2" "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
cmp -s "$TMP/out" "$TMP/out.plan" || fail "a plan in another column order judges otherwise: $(cat "$TMP/out")"
awk -F'\t' -v OFS='\t' '{ print $6, $5, "x", $4, $3, $2, $1 }' "$TMP/plan" |
	sed '/vfio_dma_mapping_test/d' >"$TMP/plan2"
expect_status 1 env PLAN="$TMP/plan2" "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: base: vfio_dma_mapping_test .* and no line of the plan is for it: declare it'
# So is the selftests table: without its header row, with a column
# renamed, with a second header row (tables appended as they are, not
# with tsv_append), or empty, it is an error.
sed 1d "$TMP/all.tsv" >"$TMP/all2.tsv"
expect_status 2 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all2.tsv"
expect_output 'no column kernel in its header row'
sed '1s/result/res/' "$TMP/all.tsv" >"$TMP/all2.tsv"
expect_status 2 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all2.tsv"
expect_output 'no column result in its header row'
cat "$TMP/all.tsv" "$TMP/all.tsv" >"$TMP/all2.tsv"
expect_status 2 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all2.tsv"
expect_output 'a second header row'
: >"$TMP/all2.tsv"
expect_status 2 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all2.tsv"
expect_output 'no header row'
# ... and a console without a selftest gives the header row alone.
printf 'RIG-EXIT rc=0\n' >"$TMP/console-none.log"
"$TOP/rig/analyze/parse-selftests.sh" none "$TMP/console-none.log" >"$TMP/all2.tsv"
[ "$(cat "$TMP/all2.tsv")" = "kernel${tab}program${tab}case${tab}result" ] ||
	fail "a console without a selftest is not the header row alone: $(cat "$TMP/all2.tsv")"
expect_status 1 env KERNELS=none "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all2.tsv"
expect_output 'error: none: no selftest result at all'
{ plan; printf 'series\t*\tvfio_pci_bar_split_test\t*\tfail\t-\n'; } >"$TMP/plan2"
expect_status 2 env PLAN="$TMP/plan2" "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'with a reason unless pass'

# Passing without the series, failing with it: a regression.
console base ok ok
console patched ok "not ok"
parse base patched
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: patched: vfio_dma_mapping_test .* is fail, the plan expects pass, on base ok'

# The series' own test fails with the series, even where the plan
# expects it to fail without it.
console base "not ok" ok
console patched "not ok" ok
{ plan; printf 'series\tbare\tvfio_dma_mapping_mmio_test\t*.vfio_type1v2_iommu.dma_verify\tfail\tthe bug the series fixes\n'; } >"$TMP/plan"
parse base patched
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: patched: vfio_dma_mapping_mmio_test .*dma_verify is fail, the plan expects pass'
# ... but not on the kernel without the series, where it is planned.
parse base
expect_status 0 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
plan >"$TMP/plan"

# A program that exited non-zero without a failing case fails.
console patched ok ok
sed -i 's/mmio_test device=0000:01:00.0 rc=0/mmio_test device=0000:01:00.0 rc=139/' "$TMP/console-patched.log"
parse patched
grep -q "${tab}vfio_dma_mapping_mmio_test${tab}-${tab}fail\$" "$TMP/all.tsv" ||
	fail "a crashed program is not a failure: $(cat "$TMP/all.tsv")"
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"

# A program that skipped as a whole (KSFT_SKIP) is a skip: an error
# wherever the plan does not expect it.
console patched ok ok
sed -i 's/mmio_test device=0000:01:00.0 rc=0/mmio_test device=0000:01:00.0 rc=4/' "$TMP/console-patched.log"
sed -i '/^ok 1 vfio_dma_mapping_mmio_test/,/^not ok\|^ok 3 /d' "$TMP/console-patched.log"
parse patched
grep -q "${tab}vfio_dma_mapping_mmio_test${tab}-${tab}skip\$" "$TMP/all.tsv" ||
	fail "a program that exited KSFT_SKIP is not a skip: $(cat "$TMP/all.tsv")"
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: patched: vfio_dma_mapping_mmio_test is skip as a whole, the plan expects pass'
cp "$TMP/console-patched.log" "$TMP/console-base.log"
parse base
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: base: vfio_dma_mapping_mmio_test is skip as a whole, the plan expects pass'
# ... unless the plan expects that skip there, with its reason.
{ plan; printf 'series\tbare\tvfio_dma_mapping_mmio_test\t-\tskip\tno DMA engine\n'; } >"$TMP/plan"
expect_status 0 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
plan >"$TMP/plan"

# The soak's debug kernel (patched-debug) is judged as patched, on the
# groups the soak runs: a failing case of the series fails it.
console patched-debug "not ok" ok
parse patched-debug
expect_status 1 env KERNELS=patched-debug PLAN_GROUPS=series "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: patched-debug: vfio_dma_mapping_mmio_test .*dma_verify is fail, the plan expects pass'

# The guest died in a program: unfinished fails on any kernel.
console upstream ok ok unfinished
parse upstream
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: upstream: vfio_dma_mapping_mmio_test did not finish'

# Each way a run went wrong that an earlier judge let through:
# upstream's program dies before any TAP line with the series (rc=1,
# libvfio's VFIO_ASSERT), where it ran on the peer.
console base ok ok
console patched ok ok
sed -i '/^RIG-PASS selftest name=vfio_dma_mapping_test/,/^RIG-SELFTEST name=vfio_dma_mapping_test/{/^RIG-/!d}' "$TMP/console-patched.log"
sed -i 's/^\(RIG-SELFTEST name=vfio_dma_mapping_test .*\) rc=0/\1 rc=1/' "$TMP/console-patched.log"
parse base patched
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: patched: vfio_dma_mapping_test is fail as a whole, the plan expects pass'
# The series' test is absent from the guest.
console patched ok ok
sed -i '/name=vfio_pci_bar_split_test/d; /split.fork/d' "$TMP/console-patched.log"
sed -i 's|^RIG-PASS timing|RIG: selftest absent: no /bin/vfio_pci_bar_split_test in the initramfs\nRIG-PASS timing|' "$TMP/console-patched.log"
parse base patched
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: patched: vfio_pci_bar_split_test did not run'
# Cases missing with rc=0: fewer than the TAP plan announced, and cases
# that pass on the peer are not there.
console patched ok ok
sed -i '/^ok 1 vfio_dma_mapping_test/d' "$TMP/console-patched.log"
parse base patched
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: patched: vfio_dma_mapping_test reported fewer cases than its TAP plan announced'
expect_output 'error: patched: vfio_dma_mapping_test vfio_dma_mapping_test.vfio_type1_iommu.anonymous.dma_map_unmap is missing, on base ok'
# A case that passes on the peer skips with the series.
console patched ok ok
sed -i 's/^ok 1 vfio_dma_mapping_test.vfio_type1_iommu.anonymous.dma_map_unmap$/& # SKIP no iommu/' "$TMP/console-patched.log"
parse base patched
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: patched: vfio_dma_mapping_test .*anonymous.dma_map_unmap is skip, the plan expects pass, on base ok'
# A kernel message cut a failing line (results/2026-12-01-selftests-tcg,
# console-mainline.log:787, a passing one): never read as a pass.
console patched ok ok
sed -i 's/^ok 3 vfio_dma_mapping_mmio_test.vfio_type1v2_iommu.dma_verify$/not ok 3 vfio_dma_mapping_mmio_errn[   14.054012] vfio-pci 0000:01:00.0: resetting/' "$TMP/console-patched.log"
parse base patched
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: patched: vfio_dma_mapping_mmio_test: a result line cut by a kernel message: not_ok_3_vfio_dma_mapping_mmio_errn'
# A kernel that was to run and never booted.
console patched ok ok
parse patched
expect_status 1 env KERNELS="patched mainline" "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: mainline: no selftest result at all'

# The kernel's own mm selftests (mm-*, kselftest.h TAP: case names of
# words that repeat): no case may differ from the peer in either way.
# mm_console KERNEL RESULT_OF_CASE_3: console() with an mm test at its end.
mm_console() {
	console "$1" ok ok
	sed -i '/^RIG-EXIT/d' "$TMP/console-$1.log"
	{
		echo "RIG-PASS selftest name=mm-mremap_test device=- rep=1"
		echo "TAP version 13"
		echo "1..4"
		echo "ok 1 Expected mremap failure"
		echo "ok 2 # SKIP no 1 GiB pages"
		echo "$2 3 Expected mremap failure"
		echo "ok 4 # SKIP mremap across PUDs"
		echo "RIG-SELFTEST name=mm-mremap_test device=- rc=0 seconds=4"
		echo "RIG-EXIT rc=0"
	} >>"$TMP/console-$1.log"
}
# The same failure with and without the series: listed, not judged.
mm_console upstream "not ok"
mm_console mainline "not ok"
parse upstream mainline
expect_status 0 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'mainline: not passed: mm-mremap_test:Expected@2'
# Failing on the peer, passing with the series: a difference, which
# the VFIO selftests' rule would let through.
mm_console mainline ok
parse upstream mainline
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: mainline: mm-mremap_test Expected@2 is ok, on upstream fail'
# A case skipped on the peer that is not there with the series.
sed -i '/^ok 4 /d; s/^1\.\.4$/1..3/' "$TMP/console-mainline.log"
mm_console upstream ok
parse upstream mainline
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
expect_output 'error: mainline: mm-mremap_test #@2 is not there, on upstream skip'
# Passing on the peer, failing with the series: one error, not two.
mm_console mainline "not ok"
parse upstream mainline
expect_status 1 "$TOP/rig/analyze/compare-selftests.sh" "$TMP/all.tsv"
[ "$(grep -c 'error: mainline: mm-mremap_test' "$TMP/out")" -eq 1 ] ||
	fail "a difference is reported other than once: $(cat "$TMP/out")"
echo "selftests: ok"
