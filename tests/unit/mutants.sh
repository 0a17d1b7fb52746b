#!/bin/sh
# The judge's tests can fail: each mutant below is a copy of the rig
# with one judging rule broken the way an earlier judge had it broken,
# or could have.  The tests that cover the judge (the scenarios on real
# consoles and the judge's unit tests) run against each copy, and at
# least one of them must fail; a mutant that lives means a rule no
# test holds.  A mutant whose edit no longer applies fails too, so
# that the list follows the code.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
tab=$(printf '\t')
tests="unit/scenarios unit/selftests unit/map-fixed unit/splats unit/report unit/status"

# FILE<TAB>sed expression<TAB>what the broken rule lets through
mutants=$(cat <<'EOF'
rig/analyze/compare-selftests.sh	s/^function err(k, msg) { printf/function err(k, msg) { if (k == "mainline") return; printf/	mainline's selftests never judged
rig/analyze/lib.awk	s/(w\[i\] == "series" \&\& s)/(w[i] == "series" \&\& k == "patched")/	the series' lines of the plan judged only on patched
rig/analyze/compare-selftests.sh	s/else if (e == "fail" \&\& r != "fail")/else if (e == "fail" \&\& r != "fail" \&\& r != "ok")/	a pass where the plan expects the bug
rig/analyze/compare-selftests.sh	s/if (e == "pass" \&\& r != "ok")/if (e == "pass" \&\& r == "fail")/	a case that passes on the peer skips with the series (ok to skip)
rig/analyze/compare-selftests.sh	s/err(k, p " did not run" why(l))/bad = bad/	a program the plan names is absent
rig/analyze/compare-selftests.sh	s/^\tk = col("kernel")$/\tk = col("kernel"); if (k ~ \/-debug$\/) next/	the debug kernel of the soak not judged
rig/analyze/compare-selftests.sh	s/if (l == 0) { err(k, p " " c " is " r ", and no line/if (l == 0) { continue; err(k, p " " c " is " r ", and no line/	a case the plan does not declare
rig/analyze/compare-selftests.sh	s/if (rk != rb)/if (rk != rb \&\& rk != "ok")/	an mm selftest that fails on the peer and passes with the series
rig/analyze/parse-selftests.sh	s/row("-", rc == 4 ? "skip" : "fail")/if (rc == 4) row("-", "skip")/	a program dying with exit 1 and no TAP (VFIO_ASSERT)
rig/analyze/parse-selftests.sh	s/if (rc == "")$/if (rc == "" \&\& 0)/	no unfinished row when the next marker arrives
rig/analyze/parse-selftests.sh	s/^\/\^(not )?ok \[0-9\]+ \.\*\\\[ \*\[0-9\]+\\\.\[0-9\]+\\\]\/ {/\/^NEVER\/ {/	a TAP line cut by a kernel message read as a result
rig/analyze/console-status.sh	s/(pass == "timing" || pass == "lookups" || pass == "functional")/(pass == "timing" || pass == "functional")/	not ok in the lookups pass ignored
rig/analyze/map-fixed.sh	s/else if (rc != 0 \&\& !notok)/else if (0)/	the map-fixed test's exit status ignored
rig/analyze/map-fixed.sh	s/if (!totals || rc == "")/if (rc == "")/	a map-fixed run without its Totals line
rig/judge-run.sh	s/if (k in mapfixed) {/if (0) {/	a map-fixed failure not made FAILED
rig/judge-run.sh	s/if (k in splat) {/if (0) {/	a kernel splat not made FAILED
rig/analyze/scan-splats.sh	s/^deny="\$deny|: bad (pgd|p4d|pud|pmd|pte) "$/:/	a bad pud with the series
rig/analyze/report.sh	s/^\t\tna = split(aligns, al, ",")$/\t\tna = 0/	timing rows checked against what was measured, not what ALIGNS asked for
EOF
)

# copy_rig DIR: a copy of the rig and its tests in DIR.
copy_rig() {
	mkdir -p "$1"
	cp -R "$TOP/rig" "$TOP/tests" "$1/"
	ln -s "$TOP/results" "$1/results"
	ln -s "$TOP/patches" "$1/patches"
}

# failing_test DIR: the first of the tests that fails in the copy DIR
# (its log beside it), or nothing.
failing_test() {
	for t in $tests; do
		if ! "$1/tests/$t.sh" >"$1/$(echo "$t" | tr / -).log" 2>&1; then
			echo "$t"
			return
		fi
	done
}

# The control: an unchanged copy passes every test, so a mutant's
# failing test is the mutant's doing, not the copy's.
copy_rig "$TMP/m0"
bad=$(failing_test "$TMP/m0")
[ -z "$bad" ] ||
	fail "an unchanged copy of the rig fails $bad: $(tail -n 5 "$TMP/m0/$(echo "$bad" | tr / -).log")"
rm -rf "$TMP/m0"

n=0
printf '%s\n' "$mutants" | while IFS="$tab" read -r file expr what; do
	n=$((n + 1))
	m=$TMP/m$n
	copy_rig "$m"
	sed -i "$expr" "$m/$file"
	if cmp -s "$TOP/$file" "$m/$file"; then
		echo "FAIL: mutant $n ($what): its edit no longer changes $file" >&2
		exit 1
	fi
	killer=$(failing_test "$m")
	if [ -z "$killer" ]; then
		echo "FAIL: mutant $n lives ($what: $file, $expr)" >&2
		exit 1
	fi
	echo "mutant $n killed by $killer: $what"
	rm -rf "$m"
done
echo "mutants: every one killed"
