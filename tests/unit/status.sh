#!/bin/sh
# A run is never reported green after a failed or partial guest: a
# kernel whose guest reported a failure (RIG-EXIT rc=1, a "not ok"
# test) is FAILED, one whose guest died or hung (no RIG-EXIT) is
# INCOMPLETE, in results.tsv, report.md and the printed table, with no
# ratio against it, and report.sh exits 1.  The consoles are the real
# ones of tests/data, cut or edited as a failing guest leaves them.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
data=$TOP/tests/data
tab=$(printf '\t')

# status KERNEL LOG: console-status.sh's status of LOG.
status() {
	"$TOP/rig/analyze/console-status.sh" "$1" "$2" |
		awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { print $c["status"] }'
}

# The consoles: patched passes; base died in its second timing pass
# (cut after the VFIO_PERF lines of a test, before its result);
# upstream's last timing test (third pass) failed, so /init reported rc=1; mainline
# hung in the functional pass.
cp "$data/real-patched.log" "$TMP/console-patched.log"
n=$(grep -n '^ok 1 bar.pud.map_unmap_full$' "$data/real-patched.log" | sed -n '3s/:.*//p')
head -n "$((n - 2))" "$data/real-patched.log" >"$TMP/console-base.log"
awk '/^ok 4 bar.pmd.map_unmap_subrange$/ && ++n == 3 { $1 = "not ok" }
	/^RIG-EXIT rc=0$/ { $0 = "RIG-EXIT rc=1" } { print }' \
	"$data/real-patched.log" >"$TMP/console-upstream.log"
cp "$data/real-base-hang.log" "$TMP/console-mainline.log"

[ "$(status patched "$TMP/console-patched.log")" = OK ] || fail "a passing guest is not OK"
[ "$(status base "$TMP/console-base.log")" = INCOMPLETE ] || fail "a guest that died is not INCOMPLETE"
[ "$(status upstream "$TMP/console-upstream.log")" = FAILED ] || fail "a failing guest is not FAILED"
[ "$(status mainline "$TMP/console-mainline.log")" = INCOMPLETE ] || fail "a guest that hung is not INCOMPLETE"
expect_status 0 "$TOP/rig/analyze/console-status.sh" upstream "$TMP/console-upstream.log"
expect_output "^upstream${tab}FAILED${tab}RIG-EXIT rc=1; not ok: bar.pmd.map_unmap_subrange \\(timing\\)\$"
expect_status 0 "$TOP/rig/analyze/console-status.sh" mainline "$TMP/console-mainline.log"
expect_output 'no RIG-EXIT.*last pass started: functional device=0000:01:00.0 rep=1; not ok: bar_races.map_vs_mem_disable \(functional\)'

# A test that fails while /init still reports rc=0 (a test binary that
# exits 0 after a failure) is FAILED too; the map-fixed test's results
# are not its business (rig/analyze/map-fixed.sh judges those).
sed 's/^ok 2 bar.pud.map_unmap_subrange$/not ok 2 bar.pud.map_unmap_subrange/' \
	"$data/real-patched.log" >"$TMP/rc0.log"
[ "$(status patched "$TMP/rc0.log")" = FAILED ] || fail "a not ok test under rc=0 is not FAILED"
[ "$(status base "$data/console-base.log")" = OK ] || fail "base's console made the guest fail"

# The issue's console: VFIO_PERF lines, the test fails, no RIG-EXIT.
cat >"$TMP/issue.log" <<'LOG'
RIG-PASS timing device=0000:01:00.0 rep=1
TAP version 13
1..1
#  RUN           bar.pud.map_unmap_full ...
# VFIO_PERF op=map align=pud range=full bytes=34359738368 seconds=0.000155311 lookups=-
# VFIO_PERF op=unmap align=pud range=full bytes=34359738368 seconds=0.000046836 lookups=-
#          FAIL  bar.pud.map_unmap_full
not ok 1 bar.pud.map_unmap_full
LOG
[ -z "$("$TOP/rig/analyze/parse-console.sh" base "$TMP/issue.log" | sed 1d)" ] || fail "rows from a failed test"
"$TOP/rig/analyze/console-status.sh" base "$TMP/issue.log" >"$TMP/issue.tsv"
: >"$TMP/issue-raw.tsv"
expect_status 1 env REPS=1 BAR_COUNT=1 "$TOP/rig/analyze/report.sh" "$TMP/issue-raw.tsv" "$TMP/issue.tsv" "$TMP/oi"
expect_output '^\| base \| INCOMPLETE \| no RIG-EXIT'
grep -q "^base${tab}-${tab}-${tab}-${tab}-${tab}-${tab}-${tab}INCOMPLETE\$" "$TMP/oi/results.tsv" ||
	fail "results.tsv does not say base is INCOMPLETE"

# The four together.
for k in base patched upstream mainline; do
	"$TOP/rig/analyze/parse-console.sh" "$k" "$TMP/console-$k.log" | tsv_append "$TMP/raw.tsv"
	"$TOP/rig/analyze/console-status.sh" "$k" "$TMP/console-$k.log" | tsv_append "$TMP/status.tsv"
done
expect_status 1 env REPS=3 BAR_COUNT=1 "$TOP/rig/analyze/report.sh" "$TMP/raw.tsv" "$TMP/status.tsv" "$TMP/o"
cp "$TMP/out" "$TMP/table"
# expect_line TEXT: the printed tables have this line.
expect_line() {
	grep -qxF -- "$1" "$TMP/table" || { cat "$TMP/table"; fail "no line '$1' in the table"; }
}
expect_line 'Kernels: NOT OK: base (INCOMPLETE), upstream (FAILED), mainline (INCOMPLETE): no ratio is computed against a kernel that is not OK.'
expect_line '| patched | OK | RIG-EXIT rc=0 |'
expect_line '| upstream | FAILED | RIG-EXIT rc=1; not ok: bar.pmd.map_unmap_subrange (timing) |'
# No ratio column: no two kernels of a pair are OK.
expect_line '| mode | op | align | MiB | base (INCOMPLETE) | patched | upstream (FAILED) | mainline (INCOMPLETE) | runs |'
expect_line '| vfio_type1v2_iommu | map | pud | 32768 | 155.3 us | 250.3 us | 250.3 us | - | 1/3/3/0 |'
# The failed test's rows do not count: upstream has two pmd sub-range
# maps, not three.
grep -q '^| vfio_type1v2_iommu | map | pmd | 2048 | .* | 1/3/2/0 |$' "$TMP/o/report.md" ||
	fail "report.md: the failed test's rows counted"
grep -qF 'Kernels: NOT OK: base (INCOMPLETE), upstream (FAILED), mainline (INCOMPLETE)' "$TMP/o/report.md" ||
	fail "report.md does not say which kernels are not OK"
grep -qF '| upstream | FAILED |' "$TMP/o/report.md" || fail "report.md lacks upstream's status"
for k in base:INCOMPLETE patched:OK upstream:FAILED mainline:INCOMPLETE; do
	grep -q "^${k%:*}${tab}.*${tab}${k#*:}\$" "$TMP/o/results.tsv" ||
		fail "results.tsv does not give ${k%:*} the status ${k#*:}"
done
grep -q "^patched${tab}.*${tab}FAILED\$" "$TMP/o/results.tsv" && fail "results.tsv: patched taken for FAILED"

# A kernel the console status does not know is not OK either.
grep -v "^patched${tab}" "$TMP/status.tsv" >"$TMP/status2.tsv"
expect_status 1 env REPS=3 BAR_COUNT=1 "$TOP/rig/analyze/report.sh" "$TMP/raw.tsv" "$TMP/status2.tsv" "$TMP/o2"
expect_output '^\| patched \| INCOMPLETE \| no console status \|$'

# A passing patched kernel with a timing pass too few (a device or a
# pass that did not run, with RIG-EXIT rc=0) is INCOMPLETE.
grep "^kernel${tab}\|^patched${tab}" "$TMP/status.tsv" >"$TMP/status3.tsv"
grep "^kernel${tab}\|^patched${tab}" "$TMP/raw.tsv" >"$TMP/raw3.tsv"
expect_status 0 env REPS=3 BAR_COUNT=1 "$TOP/rig/analyze/report.sh" "$TMP/raw3.tsv" "$TMP/status3.tsv" "$TMP/o3"
expect_status 1 env REPS=2 BAR_COUNT=2 "$TOP/rig/analyze/report.sh" "$TMP/raw3.tsv" "$TMP/status3.tsv" "$TMP/o3"
expect_output '^\| patched \| INCOMPLETE \| RIG-EXIT rc=0; timing rows missing: vfio_type1v2_iommu map pud full \(3 of 4\), .* and 4 more cases \|$'
# The console protocol: version 1 (announced, or not, as before it
# was) reads as before; another version is FAILED, whatever it says.
{ echo "RIG-PROTOCOL 1"; cat "$data/real-patched.log"; } >"$TMP/proto1.log"
[ "$(status patched "$TMP/proto1.log")" = OK ] || fail "protocol 1 is not read"
{ echo "RIG-PROTOCOL 2"; cat "$data/real-patched.log"; } >"$TMP/proto2.log"
expect_status 0 "$TOP/rig/analyze/console-status.sh" patched "$TMP/proto2.log"
expect_output "^patched${tab}FAILED${tab}the guest speaks console protocol 2, this host reads 1"
echo "status: ok"
