#!/bin/sh
# The console parser and the report on recorded console logs.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/assert.sh"
data=$TOP/tests/data

"$TOP/rig/parse-console.sh" base "$data/console-base.log" >"$TMP/raw.tsv"
"$TOP/rig/parse-console.sh" patched "$data/console-patched.log" >>"$TMP/raw.tsv"
tab=$(printf '\t')

# Timing passes make rows; the counting pass only fills lookups.
[ "$(grep -c "^base${tab}map${tab}pud${tab}full" "$TMP/raw.tsv")" -eq 2 ] ||
	fail "expected 2 base map pud rows"
grep -q "^base${tab}map${tab}pud${tab}full${tab}34359738368${tab}13.1[0-9]*${tab}8388608\$" \
	"$TMP/raw.tsv" || fail "base map row or its lookups wrong"
grep -q "^base${tab}map${tab}pud${tab}sub${tab}1073741824${tab}0.4[0-9]*${tab}\$" \
	"$TMP/raw.tsv" || fail "a row without a counted pass must leave lookups empty"
grep -q "^patched${tab}map${tab}pud${tab}full${tab}[0-9]*${tab}[0-9.]*${tab}32\$" \
	"$TMP/raw.tsv" || fail "patched lookups not merged"

RUN_INFO="unit test" "$TOP/rig/report.sh" "$TMP/raw.tsv" "$TMP/o" >"$TMP/table"
[ "$(head -n 1 "$TMP/o/results.tsv")" = "kernel${tab}op${tab}align${tab}bar_bytes${tab}seconds${tab}lookups" ] ||
	fail "results.tsv header"
[ "$(wc -l <"$TMP/o/results.tsv")" -eq 9 ] || fail "results.tsv: 8 full rows expected"
grep -q '| map | pud | 32768 | 13.00 s | 12.0 us | - | 1.08e+06x |' "$TMP/table" ||
	{ cat "$TMP/table"; fail "median or ratio wrong in the table"; }
grep -q 'unit test' "$TMP/o/report.md" || fail "RUN_INFO missing from report.md"
if command -v gnuplot >/dev/null; then
	grep -q '<svg' "$TMP/o/report.svg" || fail "no svg plot"
fi

# A log without any measurement gives an empty table, not an error.
printf 'RIG-EXIT rc=1\n' >"$TMP/empty.log"
[ -z "$("$TOP/rig/parse-console.sh" base "$TMP/empty.log")" ] || fail "rows from nothing"
echo "report: ok"
