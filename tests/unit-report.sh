#!/bin/sh
# The console parser and the report on recorded console logs of the
# four kernels: a column for each kernel that ran, the ratios of the
# pairs that ran, the lookups, the placement test's results.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/assert.sh"
data=$TOP/tests/data

for k in base patched upstream mainline; do
	"$TOP/rig/parse-console.sh" "$k" "$data/console-$k.log" >>"$TMP/raw.tsv"
	"$TOP/rig/placement.sh" "$k" "$data/console-$k.log" >>"$TMP/placement.tsv"
done
tab=$(printf '\t')

# Timing passes make rows; the counting pass only fills lookups; the
# placement passes make none.
[ "$(grep -c "^base${tab}map${tab}pud${tab}full" "$TMP/raw.tsv")" -eq 2 ] ||
	fail "expected 2 base map pud rows"
grep -q "^base${tab}map${tab}pud${tab}full${tab}34359738368${tab}13.1[0-9]*${tab}8388608\$" \
	"$TMP/raw.tsv" || fail "base map row or its lookups wrong"
grep -q "^base${tab}map${tab}pud${tab}sub${tab}1073741824${tab}0.4[0-9]*${tab}\$" \
	"$TMP/raw.tsv" || fail "a row without a counted pass must leave lookups empty"
grep -q "^patched${tab}map${tab}pud${tab}full${tab}[0-9]*${tab}[0-9.]*${tab}32\$" \
	"$TMP/raw.tsv" || fail "patched lookups not merged"
[ "$(grep -c "^mainline${tab}" "$TMP/raw.tsv")" -eq 5 ] || fail "expected 5 mainline rows"

RUN_INFO="unit test" "$TOP/rig/report.sh" "$TMP/raw.tsv" "$TMP/o" "$TMP/placement.tsv" >"$TMP/table"
[ "$(head -n 1 "$TMP/o/results.tsv")" = "kernel${tab}op${tab}align${tab}bar_bytes${tab}seconds${tab}lookups" ] ||
	fail "results.tsv header"
[ "$(wc -l <"$TMP/o/results.tsv")" -eq 17 ] || fail "results.tsv: 16 full rows expected"
grep -q "^mainline${tab}map${tab}pud${tab}34359738368${tab}0.000011${tab}32\$" "$TMP/o/results.tsv" ||
	fail "results.tsv: no mainline row"

# expect_line TEXT: the printed tables have this line.
expect_line() {
	grep -qxF -- "$1" "$TMP/table" || { cat "$TMP/table"; fail "no line '$1' in the table"; }
}
expect_line '| op | align | MiB | base | patched | upstream | mainline | base/patched | upstream/patched | upstream/mainline | runs |'
expect_line '| map | pud | 32768 | 13.00 s | 12.0 us | 10.0 us | 11.0 us | 1.08e+06x | 0.833x | 0.909x | 2/2/2/2 |'
expect_line '| unmap | pud | 32768 | 1.25 s | 12.0 us | 900.0 ms | 11.0 us | 1.04e+05x | 7.5e+04x | 8.18e+04x | 2/2/2/2 |'
expect_line '| op | align | MiB | base | patched | upstream | mainline |'
expect_line '| map | pud | 32768 | 8388608 | 32 | 32 | 32 |'
expect_line '| patched | 32-bit | 2 | 4 | 0 | 0 | pass |'
expect_line '| base | 64-bit | 2 | 2 | 2 | 0 | 2 congruence checks fail, as expected without the series |'
expect_line '| mainline | 64-bit | 0 | 0 | 0 | 0 | absent: not in the initramfs |'
grep -q 'unit test' "$TMP/o/report.md" || fail "RUN_INFO missing from report.md"
grep -q '^Sub-range of the BAR:' "$TMP/o/report.md" || fail "no sub-range table in report.md"
grep -qF '| map | pud | 1024 | 400.0 ms | 0.4 us | 0.5 us | 0.4 us |' "$TMP/o/report.md" ||
	fail "sub-range row wrong in report.md"
if command -v gnuplot >/dev/null; then
	grep -q '<svg' "$TMP/o/report.svg" || fail "no svg plot"
	for k in base patched upstream mainline; do
		grep -q ">$k<" "$TMP/o/report.svg" || fail "no $k in the plot's key"
	done
fi

# Columns only for the kernels that ran, ratios only for pairs that did.
grep -v "^base${tab}\|^patched${tab}" "$TMP/raw.tsv" >"$TMP/raw2.tsv"
"$TOP/rig/report.sh" "$TMP/raw2.tsv" "$TMP/o2" >"$TMP/table"
expect_line '| op | align | MiB | upstream | mainline | upstream/mainline | runs |'
expect_line '| map | pud | 32768 | 10.0 us | 11.0 us | 0.909x | 2/2 |'
grep -q 'Placement' "$TMP/o2/report.md" && fail "a placement section without placement results"

# A log without any measurement gives an empty table, not an error.
printf 'RIG-EXIT rc=1\n' >"$TMP/empty.log"
[ -z "$("$TOP/rig/parse-console.sh" base "$TMP/empty.log")" ] || fail "rows from nothing"
echo "report: ok"
