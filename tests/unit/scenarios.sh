#!/bin/sh
# Ways a run went wrong, or could have, that an earlier judge called OK:
# each is the real run of results/2026-12-01-selftests-tcg (four
# kernels, 16 GiB BAR) with one console edited, judged by the real
# chain (rig/judge-run.sh, as make run and make report do).  The
# unedited run, with its one cut TAP line mended, is OK; every
# scenario must make the kernel named NOT OK, with the reason given.
# Add a case here for every way a run goes wrong in practice.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
run=$TOP/results/2026-12-01-selftests-tcg
tab=$(printf '\t')

# The baseline: the saved consoles, what the run was asked for, and
# console-mainline.log:787 (a kernel message cut the line in two) mended.
base=$TMP/base
mkdir -p "$base"
cp "$run"/console-*.log "$run/report.md" "$base/"
cat >"$base/run.env" <<'ENV'
KERNELS='base patched upstream mainline'
ALIGNS='pud,pmd,pte,auto'
REPS='3'
BAR_COUNT='1'
PLAN_GROUPS='upstream series'
ENV
# The plan of that run (the plan of 2026-12-06 but for the mremap
# test, which came later).
cp "$TOP/tests/data/plan-2026-12-01.tsv" "$base/plan.tsv"
sed -i 's/^ok 23 vfio_dma_mapping_mmio_errn\[   14.054012\] vfio-pci 0000:01:00.0: resetting.*$/ok 23 vfio_dma_mapping_mmio_errno_test.vfio_type1_iommu.map_memory_disabled/' \
	"$base/console-mainline.log"
expect_status 0 "$TOP/rig/judge-run.sh" "$base" "$TMP/judged-base"
grep -q '^Kernels: OK' "$TMP/judged-base/report.md" || fail "the mended baseline is not OK"

n=0
# scenario NAME KERNEL REASON_REGEX: judge $TMP/s (the edited copy);
# KERNEL must be NOT OK in status.tsv, results.tsv and report.md, with
# REASON_REGEX in its status detail.
scenario() {
	n=$((n + 1))
	st=0
	"$TOP/rig/judge-run.sh" "$TMP/s" "$TMP/j$n" >"$TMP/out" 2>&1 || st=$?
	[ "$st" -eq 1 ] || { cat "$TMP/out"; fail "scenario '$1': judge-run.sh exited $st, expected 1"; }
	row=$(grep "^$2$tab" "$TMP/j$n/status.tsv" || true)
	case $row in
	"$2${tab}OK${tab}"* | '') fail "scenario '$1': $2 is judged '$row'" ;;
	esac
	printf '%s\n' "$row" | grep -q -E -e "$3" || fail "scenario '$1': $2's reason is not /$3/: $row"
	grep -q "^Kernels: NOT OK: .*$2 (" "$TMP/j$n/report.md" || fail "scenario '$1': report.md's headline does not name $2"
	grep -q "^$2$tab.*${tab}OK\$" "$TMP/j$n/results.tsv" && fail "scenario '$1': results.tsv says $2 OK"
	echo "scenario ok: $1"
}
# edit: a fresh copy of the baseline to edit.
edit() {
	rm -rf "$TMP/s"
	cp -r "$base" "$TMP/s"
}
m=$TMP/s/console-mainline.log

edit
sed -i '/^RIG-PASS selftest name=vfio_dma_mapping_test /,/^RIG-SELFTEST name=vfio_dma_mapping_test /{/^RIG-/!d}' "$m"
sed -i 's/^\(RIG-SELFTEST name=vfio_dma_mapping_test .*\) rc=0 /\1 rc=1 /' "$m"
scenario "upstream's vfio_dma_mapping_test dies before any TAP line (VFIO_ASSERT, exit 1)" mainline \
	'vfio_dma_mapping_test is fail as a whole, the plan expects pass'

edit
awk '/^RIG-PASS selftest name=vfio_(dma_mapping_mmio|pci_bar_split)_test /{
	n = $3; sub(/^name=/, "", n); print "RIG: selftest absent: no /bin/" n " in the initramfs"; skip = 1; next }
	skip && /^RIG-SELFTEST /{ skip = 0; next } !skip' "$m" >"$m.new"
mv "$m.new" "$m"
scenario "the series' mmio and split tests are absent from the initramfs" mainline 'vfio_dma_mapping_mmio_test did not run'

edit
sed -i '/^RIG-PASS selftest name=vfio_dma_mapping_mmio_test /,/^RIG-SELFTEST name=vfio_dma_mapping_mmio_test /{/^RIG-/!d}' "$m"
sed -i 's/^\(RIG-SELFTEST name=vfio_dma_mapping_mmio_test .*\) rc=0 /\1 rc=4 /' "$m"
scenario "the series' mmio test exits KSFT_SKIP as a whole" mainline 'vfio_dma_mapping_mmio_test is skip as a whole, the plan expects pass'

edit
sed -i '/^ok [0-9]* vfio_dma_mapping_mmio_dma_test\./d' "$m"
scenario "all 60 DMA cases missing from the TAP, rc=0" mainline 'fewer cases than its TAP plan|is missing, on upstream ok'

edit
sed -i '0,/^ok \([0-9]*\) vfio_dma_mapping_mmio_dma_test\./s//not ok \1 vfio_dma_mapping_mmio_dma_test./' "$m"
scenario "a mainline mmio DMA case fails" mainline 'vfio_dma_mapping_mmio_dma_test.* is fail, the plan expects pass'

edit
cp "$run/console-mainline.log" "$m"
scenario "a kernel message cut a TAP line (the real console-mainline.log:787)" mainline \
	'cut by a kernel message: ok_23_vfio_dma_mapping_mmio_errn'

edit
sed -i '/^# VFIO_PERF .* align=pte /d' "$TMP"/s/console-*.log
scenario "every pte timing row missing on every kernel" mainline 'timing rows missing: vfio_type1v2_iommu map pte full'

edit
awk '/^#  RUN +vfio_dma_mapping_perf_test.iommufd_dmabuf\./{ d = 1 }
	d && /^# VFIO_PERF /{ next }
	d && /^ok [0-9]+ vfio_dma_mapping_perf_test.iommufd_dmabuf\./{ print $0 " # SKIP no dma-buf"; d = 0; next }
	{ print }' "$m" >"$m.new"
mv "$m.new" "$m"
scenario "mainline's dma-buf case skips while upstream measured it" mainline 'skipped, measured on upstream'

edit
rm "$m"
scenario "the mainline guest never booted" mainline 'INCOMPLETE.*no console'

edit
sed -i '/^RIG-PASS selftest name=vfio_pci_bar_split_test /q' "$m"
scenario "the guest died in a program (no RIG-EXIT)" mainline 'INCOMPLETE'

edit
printf '[  200.000001] WARNING: CPU: 1 PID: 312 at mm/mremap.c:840 move_page_tables+0x1f0/0x9a0\n' >>"$m"
scenario "a kernel splat beside a clean exit" mainline 'kernel splat: .*WARNING'

edit
sed -i 's/^ok 1 vfio_pci_bar_split_test\./not ok 1 vfio_pci_bar_split_test./' "$m"
scenario "the series' split test fails with the series" mainline 'vfio_pci_bar_split_test.* is fail, the plan expects pass'

edit
sed -i '0,/^ok \([0-9]*\) vfio_dma_map_limit_test\.\([^ ]*\)$/s//ok \1 vfio_dma_map_limit_test.\2 # SKIP no reason/' "$m"
scenario "a case of upstream's test that passes on upstream skips with the series" mainline 'is skip, the plan expects pass, on upstream ok'

edit
awk '/^RIG-PASS lookups /{ l = 1 } l && /^ok [0-9]+ / && !done { sub(/^ok/, "not ok"); done = 1 } { print }' "$m" >"$m.new"
mv "$m.new" "$m"
scenario "a case fails in the lookups pass" mainline 'FAILED'

edit
p=$TMP/s/console-patched.log
sed -i 's/^ok 1 vfio_pci_bar_split_test\./not ok 1 vfio_pci_bar_split_test./' "$p"
scenario "the series' split test fails on the 6.12 series" patched 'is fail, the plan expects pass'

# The run of 2026-12-06 (results/2026-12-06-tcg: four kernels, the
# mremap test, the kernel's mm selftests, the map-fixed test, its own
# plan.tsv), unedited, is OK; each edit below makes it NOT OK.
base=$TMP/base2
mkdir -p "$base"
run=$TOP/results/2026-12-06-tcg
cp "$run"/console-*.log "$run"/kernel-*.log "$run/run.env" "$run/run-info.txt" "$run/plan.tsv" "$base/"
expect_status 0 "$TOP/rig/judge-run.sh" "$base" "$TMP/judged-base2"
grep -q '^Kernels: OK' "$TMP/judged-base2/report.md" || fail "the run of 2026-12-06 is not OK"
m=$TMP/s/console-mainline.log

edit
sed -i 's/^ok \([0-9]*\) low.len_2m.fixed_at_zero_privileged/not ok \1 low.len_2m.fixed_at_zero_privileged/' "$m"
scenario "MAP_FIXED at 0 returns another address with the series (the regression of the placing series)" mainline \
	'map-fixed test 64-bit: FAIL: low.len_2m.fixed_at_zero_privileged'

edit
sed -i 's/^not ok \([0-9]*\) vfio_pci_bar_split_test.dontfork_tail_not_inherited/ok \1 vfio_pci_bar_split_test.dontfork_tail_not_inherited/' \
	"$TMP/s/console-upstream.log"
sed -i 's/^\(RIG-SELFTEST name=vfio_pci_bar_split_test .*\) rc=1 /\1 rc=0 /' "$TMP/s/console-upstream.log"
scenario "the split test passes on upstream, where the plan expects the bug" upstream \
	'is ok, the plan expects fail .plan line [0-9]+: without 23e570927421'

edit
sed -i '0,/^RIG-PASS selftest name=vfio_pci_bar_split_test /s//RIG-PASS selftest name=vfio_undeclared_test device=0000:01:00.0 rep=1\nok 1 vfio_undeclared_test.a\nRIG-SELFTEST name=vfio_undeclared_test device=0000:01:00.0 rc=0 seconds=1\n&/' "$m"
scenario "a program the plan does not declare" mainline 'vfio_undeclared_test vfio_undeclared_test.a is ok, and no line of the plan is for it'

edit
sed -i 's/^ok 3 mremap_dontunmap_simple_fixed/not ok 3 mremap_dontunmap_simple_fixed/' "$m"
scenario "an mm selftest case passes on upstream and fails with the series" mainline \
	'mm-mremap_dontunmap mremap_dontunmap_simple_fixed is fail, on upstream ok'

edit
sed -i '$a[  300.000001] mm/pgtable-generic.c:42: bad pud 00000000deadbeef(80000004000002f7)' "$TMP/s/kernel-mainline.log"
scenario "a bad pud with the series, where the mremap fix should have moved the leaf" mainline 'kernel splat: .*bad pud'

edit
rm "$TMP/s/plan.tsv"
sed -i 's/^ok 1 vfio_pci_bar_mremap_test.whole_leaf.move/not ok 1 vfio_pci_bar_mremap_test.whole_leaf.move/' "$m"
scenario "a run without its plan is judged against today's" mainline 'selftests: '
grep -q 'error: mainline: vfio_pci_bar_mremap_test vfio_pci_bar_mremap_test.whole_leaf.move is fail, the plan expects pass' \
	"$TMP/j$n/selftests.txt" || fail "the failing mremap case is not named: $(cat "$TMP/j$n/selftests.txt")"
grep -q "NOTE: .* has no plan.tsv" "$TMP/out" || fail "no NOTE that the run had no plan of its own"
echo "scenarios: $n, each judged NOT OK"
