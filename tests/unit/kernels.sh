#!/bin/sh
# The kernel matrix is data: a fifth row in a copy of rig/kernels (a
# kernel "next" from the 7.x source with the mainline series, peer
# upstream) is a kernel every script knows: the options take it, it
# has a source, series and fragments, the report gives it a column and
# a ratio against its peer, and its selftests are judged against the
# peer's.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"

cp "$TOP/rig/kernels" "$TMP/kernels"
printf 'next        upstream  patches/linux-7.3    vfio-bar,vfio-bar-7   upstream  upstream\n' >>"$TMP/kernels"
RIG_KERNELS=$TMP/kernels
export RIG_KERNELS

expect_status 0 env KERNELS="upstream next" "$TOP/rig/check-options.sh"
expect_status 1 env KERNELS="upstream next" RIG_KERNELS="$TOP/rig/kernels" "$TOP/rig/check-options.sh"
expect_output "KERNELS takes base patched upstream mainline \\(rig/kernels\\) \\(got 'next'\\)"

# shellcheck disable=SC2016 # expanded by the inner shell
row=$(sh -c '. "$0"; printf "%s|%s|%s|%s" "$(kernel_source next)" "$(kernel_series next)" "$(kernel_fragments next)" "$KERNEL_NAMES"' "$TOP/rig/lib.sh")
[ "$row" = "upstream|$TOP/patches/linux-7.3|$TOP/rig/build/configs/vfio-bar.config $TOP/rig/build/configs/vfio-bar-7.config |base patched upstream mainline next" ] ||
	fail "next's row as lib.sh reads it: $row"
# shellcheck disable=SC2016 # expanded by the inner shell
[ "$(sh -c '. "$0"; NEXT_SERIES=/elsewhere kernel_series next' "$TOP/rig/lib.sh")" = /elsewhere ] ||
	fail "NEXT_SERIES does not point next's series elsewhere"

# The report: a column for next and the ratio upstream/next.
printf 'kernel\tstatus\tdetail\n' >"$TMP/status.tsv"
for k in upstream next; do
	printf '%s\tOK\tRIG-EXIT rc=0\n' "$k" >>"$TMP/status.tsv"
done
s=2.0
printf 'kernel\top\talign\trange\tbytes\tseconds\tlookups\tmode\tdevice\n' >"$TMP/raw.tsv"
for k in upstream next; do
	printf '%s\tmap\tpud\tfull\t34359738368\t%s\t64\tvfio_type1v2_iommu\t0000:01:00.0\n' "$k" "$s" >>"$TMP/raw.tsv"
	s=0.5
done
expect_status 0 env REPS=1 BAR_COUNT=1 "$TOP/rig/analyze/report.sh" "$TMP/raw.tsv" "$TMP/status.tsv" "$TMP/o"
expect_output '^\| mode \| op \| align \| MiB \| upstream \| next \| upstream/next \| runs \|$'
expect_output '^\| vfio_type1v2_iommu \| map \| pud \| 32768 \| 2.00 s \| 500.0 ms \| 4x \| 1/1 \|$'

# The selftests: a case that passes on upstream and fails on next.
{
	printf 'kernel\tprogram\tcase\tresult\n'
	printf 'upstream\tvfio_dma_mapping_test\tcase_a\tok\n'
	printf 'next\tvfio_dma_mapping_test\tcase_a\tfail\n'
} >"$TMP/selftests.tsv"
printf 'group\tkernels\tprogram\tcase\texpect\treason\nupstream\t*\tvfio_dma_mapping_test\t*\tpass\t-\n' >"$TMP/plan"
expect_status 1 env PLAN="$TMP/plan" "$TOP/rig/analyze/compare-selftests.sh" "$TMP/selftests.tsv"
expect_output "error: next: vfio_dma_mapping_test case_a is fail, the plan expects pass, on upstream ok"
# The plan's "series" is every kernel with a series: next's too.
printf 'series\tseries\tvfio_new_test\t*\tpass\t-\n' >>"$TMP/plan"
expect_status 1 env PLAN="$TMP/plan" "$TOP/rig/analyze/compare-selftests.sh" "$TMP/selftests.tsv"
expect_output "error: next: vfio_new_test did not run"
echo "kernels: ok"
