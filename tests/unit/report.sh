#!/bin/sh
# The console parser and the report.  On trimmed real consoles
# (tests/data/real-*.log, see tests/data/README): exactly the expected
# rows, so that a parser that counts the functional pass's lines as
# timing rows, or that merges the lookups of one device into the rows
# of another, fails.  On consoles of the retired test's format and of
# vfio_dma_mapping_perf_test's (mode=): a column for each kernel that
# ran, the ratios of the pairs that ran, the lookups, the map-fixed
# test's results (a failure makes its kernel FAILED), skipped cases
# told from missing ones.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
# make exports REPS and BAR_COUNT: the report checks them; each call here
# says what it wants.
unset REPS BAR_COUNT
data=$TOP/tests/data
tab=$(printf '\t')

# expect_rows KERNEL LOG EXPECTED_TSV: parse-console.sh's rows of LOG
# are exactly those of EXPECTED_TSV.
expect_rows() {
	"$TOP/rig/analyze/parse-console.sh" "$1" "$2" >"$TMP/rows" ||
		fail "parse-console.sh $1 $2 failed"
	diff -u "$3" "$TMP/rows" >&2 || fail "rows of $(basename "$2") differ from $(basename "$3")"
}

# A passing patched console: 3 timing passes x 8 cases, lookups from
# the counting pass; the functional pass, which prints VFIO_PERF lines
# too, gives no row.
expect_rows patched "$data/real-patched.log" "$data/real-patched.tsv"
# Two devices; on the second, a timing test and a counting test fail:
# the failed timing test gives no row, and the rows of the test whose
# count failed have no lookups (not the first device's).
expect_rows upstream "$data/real-upstream-failing.log" "$data/real-upstream-failing.tsv"
# A guest that hung in the functional pass: its VFIO_PERF lines give no
# row.
"$TOP/rig/analyze/parse-console.sh" base "$data/real-base-hang.log" >"$TMP/hang.tsv"
[ "$(cat "$TMP/hang.tsv")" = "$(head -n 1 "$data/real-patched.tsv")" ] ||
	fail "rows from a console that never reached a timing pass (or no header row)"
# A guest that died in a timing test of the second timing pass, between
# its VFIO_PERF lines and its result: the rows of that test do not
# count; those of the first pass do, without lookups.
n=$(grep -n '^ok 1 bar.pud.map_unmap_full$' "$data/real-patched.log" | sed -n '3s/:.*//p')
head -n "$((n - 2))" "$data/real-patched.log" >"$TMP/died.log"
grep -q '^# VFIO_PERF op=unmap align=pud range=full' "$TMP/died.log" ||
	fail "the truncated console lacks the test's VFIO_PERF lines"
head -n 9 "$data/real-patched.tsv" | awk -F'\t' -v OFS='\t' 'NR > 1 { $7 = "" } { print }' >"$TMP/died.tsv"
expect_rows patched "$TMP/died.log" "$TMP/died.tsv"

# The four kernels, the retired test's format.
for k in base patched upstream mainline; do
	"$TOP/rig/analyze/parse-console.sh" "$k" "$data/console-$k.log" | tsv_append "$TMP/raw.tsv"
	"$TOP/rig/analyze/console-status.sh" "$k" "$data/console-$k.log" | tsv_append "$TMP/status.tsv"
	"$TOP/rig/analyze/map-fixed.sh" "$k" "$data/console-$k.log" | tsv_append "$TMP/mapfixed.tsv"
done
# Each table has one header row, and is read by it: a renamed column
# is an error, not a silent misreading.
[ "$(grep -c '^kernel' "$TMP/raw.tsv")" -eq 1 ] || fail "raw.tsv: not one header row"
[ "$(head -n 1 "$TMP/status.tsv")" = "kernel${tab}status${tab}detail" ] || fail "status header row"
[ "$(head -n 1 "$TMP/mapfixed.tsv")" = "kernel${tab}build${tab}runs${tab}pass${tab}fail${tab}skip${tab}result" ] ||
	fail "map-fixed header row"
sed '1s/seconds/secs/' "$TMP/raw.tsv" >"$TMP/renamed.tsv"
expect_status 2 env REPS=2 BAR_COUNT=1 "$TOP/rig/analyze/report.sh" "$TMP/renamed.tsv" "$TMP/status.tsv" "$TMP/or"
expect_output 'no column seconds in its header row'
rows "$TMP/raw.tsv" >"$TMP/headless.tsv"
expect_status 2 env REPS=2 BAR_COUNT=1 "$TOP/rig/analyze/report.sh" "$TMP/headless.tsv" "$TMP/status.tsv" "$TMP/or"
expect_output 'no column'
{ cat "$TMP/raw.tsv"; cat "$TMP/raw.tsv"; } >"$TMP/twice.tsv"
expect_status 2 env REPS=2 BAR_COUNT=1 "$TOP/rig/analyze/report.sh" "$TMP/twice.tsv" "$TMP/status.tsv" "$TMP/or"
expect_output 'a second header row'
printf 'kernel\tbad\n' | tsv_append "$TMP/raw.tsv" 2>"$TMP/err" && fail "a table of another header appended"
grep -q 'cannot append' "$TMP/err" || fail "no reason for refusing another header"

# Timing passes make rows; the counting pass only fills lookups; the
# map-fixed passes make none.
[ "$(grep -c "^base${tab}map${tab}pud${tab}full" "$TMP/raw.tsv")" -eq 2 ] ||
	fail "expected 2 base map pud rows"
grep -q "^base${tab}map${tab}pud${tab}full${tab}34359738368${tab}13.1[0-9]*${tab}8388608${tab}vfio_type1v2_iommu${tab}0000:01:00.0\$" \
	"$TMP/raw.tsv" || fail "base map row or its lookups wrong"
grep -q "^base${tab}map${tab}pud${tab}sub${tab}1073741824${tab}0.4[0-9]*${tab}${tab}" \
	"$TMP/raw.tsv" || fail "a row without a counted pass must leave lookups empty"
grep -q "^patched${tab}map${tab}pud${tab}full${tab}[0-9]*${tab}[0-9.]*${tab}32${tab}" \
	"$TMP/raw.tsv" || fail "patched lookups not merged"
[ "$(grep -c "^mainline${tab}" "$TMP/raw.tsv")" -eq 6 ] || fail "expected 6 mainline rows"

expect_status 0 env RUN_INFO="unit test" REPS=2 BAR_COUNT=1 "$TOP/rig/analyze/report.sh" \
	"$TMP/raw.tsv" "$TMP/status.tsv" "$TMP/o" "$TMP/mapfixed.tsv"
cp "$TMP/out" "$TMP/table"
[ "$(head -n 1 "$TMP/o/results.tsv")" = "kernel${tab}op${tab}align${tab}bar_bytes${tab}seconds${tab}lookups${tab}mode${tab}status" ] ||
	fail "results.tsv header"
[ "$(wc -l <"$TMP/o/results.tsv")" -eq 17 ] || fail "results.tsv: 16 full rows expected"
grep -q "^mainline${tab}map${tab}pud${tab}34359738368${tab}0.000011${tab}32${tab}vfio_type1v2_iommu${tab}OK\$" "$TMP/o/results.tsv" ||
	fail "results.tsv: no mainline row"

# expect_line TEXT: the printed tables have this line.
expect_line() {
	grep -qxF -- "$1" "$TMP/table" || { cat "$TMP/table"; fail "no line '$1' in the table"; }
}
expect_line 'Kernels: OK: every kernel ran to the end with every timing row asked for, no kernel splat, its selftests as the plan (plan.tsv) declares them, and the map-fixed test passed.'
expect_line '| patched | OK | RIG-EXIT rc=0 |'
expect_line '| mode | op | align | MiB | base | patched | upstream | mainline | base/patched | upstream/patched | upstream/mainline | runs |'
expect_line '| vfio_type1v2_iommu | map | pud | 32768 | 13.00 s | 12.0 us | 10.0 us | 11.0 us | 1.08e+06x | 0.833x | 0.909x | 2/2/2/2 |'
expect_line '| vfio_type1v2_iommu | unmap | pud | 32768 | 1.25 s | 12.0 us | 900.0 ms | 11.0 us | 1.04e+05x | 7.5e+04x | 8.18e+04x | 2/2/2/2 |'
expect_line '| mode | op | align | MiB | base | patched | upstream | mainline |'
expect_line '| vfio_type1v2_iommu | map | pud | 32768 | 8388608 | 32 | 32 | 32 |'
expect_line '| patched | 32-bit | 1 | 2 | 0 | 0 | pass |'
expect_line '| mainline | 64-bit | 1 | 2 | 0 | 0 | pass |'
grep -q 'unit test' "$TMP/o/report.md" || fail "RUN_INFO missing from report.md"
grep -q '^Sub-range of the BAR:' "$TMP/o/report.md" || fail "no sub-range table in report.md"
grep -qF '| vfio_type1v2_iommu | map | pud | 1024 | 400.0 ms | 0.4 us | 0.5 us | 0.4 us |' "$TMP/o/report.md" ||
	fail "sub-range row wrong in report.md"
grep -q '^Fixed-address mappings' "$TMP/o/report.md" || fail "no map-fixed section in report.md"
if command -v gnuplot >/dev/null; then
	grep -q '<svg' "$TMP/o/report.svg" || fail "no svg plot"
	for k in base patched upstream mainline; do
		grep -q ">$k<" "$TMP/o/report.svg" || fail "no $k in the plot's key"
	done
fi

# A timing pass too few: every kernel is INCOMPLETE, with what it lacks.
expect_status 1 env REPS=3 BAR_COUNT=1 "$TOP/rig/analyze/report.sh" "$TMP/raw.tsv" "$TMP/status.tsv" "$TMP/o3"
expect_output '^\| base \| INCOMPLETE \| RIG-EXIT rc=0; timing rows missing: vfio_type1v2_iommu map pud full \(2 of 3\), '

# Columns only for the kernels that ran, ratios only for pairs that did.
grep -v "^base${tab}\|^patched${tab}" "$TMP/raw.tsv" >"$TMP/raw2.tsv"
grep -v "^base${tab}\|^patched${tab}" "$TMP/status.tsv" >"$TMP/status2.tsv"
"$TOP/rig/analyze/report.sh" "$TMP/raw2.tsv" "$TMP/status2.tsv" "$TMP/o2" >"$TMP/table"
expect_line '| mode | op | align | MiB | upstream | mainline | upstream/mainline | runs |'
expect_line '| vfio_type1v2_iommu | map | pud | 32768 | 10.0 us | 11.0 us | 0.909x | 2/2 |'
grep -q 'Fixed-address' "$TMP/o2/report.md" && fail "a map-fixed section without its results"

# A map-fixed failure makes the kernel FAILED: rig/judge-run.sh
# decides it (tests/unit/scenarios.sh); report.sh shows the status it
# is given.

# vfio_dma_mapping_perf_test's format: a row per mode; lookups of the
# same mode; a case skipped on one kernel (no dma-buf on base) is no
# missing case.
for k in base mainline; do
	"$TOP/rig/analyze/parse-console.sh" "$k" "$data/console-perf-$k.log" | tsv_append "$TMP/raw4.tsv"
	"$TOP/rig/analyze/console-status.sh" "$k" "$data/console-perf-$k.log" | tsv_append "$TMP/status4.tsv"
done
grep -q "^mainline${tab}map${tab}pud${tab}full${tab}34359738368${tab}0.000300001${tab}66${tab}iommufd${tab}0000:01:00.0\$" \
	"$TMP/raw4.tsv" || fail "no iommufd row with its own lookups"
grep -q "^mainline${tab}map${tab}dmabuf${tab}full${tab}34359738368${tab}0.000400001${tab}0${tab}iommufd_dmabuf${tab}" \
	"$TMP/raw4.tsv" || fail "no dma-buf row"
grep -q "^base${tab}-${tab}dmabuf${tab}full${tab}-${tab}skip${tab}${tab}iommufd_dmabuf${tab}" \
	"$TMP/raw4.tsv" || fail "no skip row for base's dma-buf case"
expect_status 0 env REPS=2 BAR_COUNT=1 "$TOP/rig/analyze/report.sh" "$TMP/raw4.tsv" "$TMP/status4.tsv" "$TMP/o4"
cp "$TMP/out" "$TMP/table"
expect_line '| iommufd | map | pud | 32768 | 300.0 ms | 300.0 us | 2/2 |'
expect_line '| iommufd_dmabuf | map | dmabuf | 32768 | - | 400.0 us | 0/2 |'
expect_line '| vfio_type1v2_iommu | map | pud | 32768 | 8388608 | 64 |'

# A log without any measurement gives no rows, not an error.
printf 'RIG-EXIT rc=1\n' >"$TMP/empty.log"
[ -z "$("$TOP/rig/analyze/parse-console.sh" base "$TMP/empty.log" | sed 1d)" ] || fail "rows from nothing"
echo "report: ok"
