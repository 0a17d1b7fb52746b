#!/bin/sh
# The judge's tests can fail: each mutant below is a copy of the rig
# with one judging rule broken the way an earlier judge had it broken,
# or could have.  The tests that cover the judge (the scenarios on real
# consoles and the judge's unit tests) run against each copy, and at
# least one of them must fail; a mutant that lives means a rule no
# test holds.  A mutant whose edit no longer applies fails too, so
# that the list follows the code.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/assert.sh"
tab=$(printf '\t')
tests="unit-scenarios unit-selftests unit-map-fixed unit-splats unit-report unit-status"

# FILE<TAB>sed expression<TAB>what the broken rule lets through
mutants=$(cat <<'EOF'
rig/compare-selftests.sh	s/^function err(k, msg) { printf/function err(k, msg) { if (k == "mainline") return; printf/	mainline's selftests never judged
rig/compare-selftests.sh	s/if (pk\[i\] == "series") return (k in series)/if (pk[i] == "series") return (k == "patched")/	the series' lines of the plan judged only on patched
rig/compare-selftests.sh	s/else if (e == "fail" \&\& r != "fail")/else if (e == "fail" \&\& r != "fail" \&\& r != "ok")/	a pass where the plan expects the bug
rig/compare-selftests.sh	s/if (e == "pass" \&\& r != "ok")/if (e == "pass" \&\& r == "fail")/	a case that passes on the peer skips with the series (ok to skip)
rig/compare-selftests.sh	s/err(k, p " did not run" why(l))/bad = bad/	a program the plan names is absent
rig/compare-selftests.sh	s/^\tk = \$1$/\tk = $1; if (k ~ \/-debug$\/) next/	the debug kernel of the soak not judged
rig/compare-selftests.sh	s/if (l == 0) { err(k, p " " c " is " r ", and no line/if (l == 0) { continue; err(k, p " " c " is " r ", and no line/	a case the plan does not declare
rig/compare-selftests.sh	s/if (rk != rb)/if (rk != rb \&\& rk != "ok")/	an mm selftest that fails on the peer and passes with the series
rig/parse-selftests.sh	s/row("-", rc == 4 ? "skip" : "fail")/if (rc == 4) row("-", "skip")/	a program dying with exit 1 and no TAP (VFIO_ASSERT)
rig/parse-selftests.sh	s/if (rc == "")$/if (rc == "" \&\& 0)/	no unfinished row when the next marker arrives
rig/parse-selftests.sh	s/^\/\^(not )?ok \[0-9\]+ \.\*\\\[ \*\[0-9\]+\\\.\[0-9\]+\\\]\/ {/\/^NEVER\/ {/	a TAP line cut by a kernel message read as a result
rig/console-status.sh	s/(pass == "timing" || pass == "lookups" || pass == "functional")/(pass == "timing" || pass == "functional")/	not ok in the lookups pass ignored
rig/map-fixed.sh	s/else if (rc != 0 \&\& !notok)/else if (0)/	the map-fixed test's exit status ignored
rig/map-fixed.sh	s/if (!totals || rc == "")/if (rc == "")/	a map-fixed run without its Totals line
rig/judge-run.sh	s/if (k in mapfixed) {/if (0) {/	a map-fixed failure not made FAILED
rig/judge-run.sh	s/if (k in splat) {/if (0) {/	a kernel splat not made FAILED
rig/scan-splats.sh	s/^deny="\$deny|: bad (pgd|p4d|pud|pmd|pte) "$/:/	a bad pud with the series
rig/report.sh	s/^\t\tna = split(aligns, al, ",")$/\t\tna = 0/	timing rows checked against what was measured, not what ALIGNS asked for
EOF
)

n=0
printf '%s\n' "$mutants" | while IFS="$tab" read -r file expr what; do
	n=$((n + 1))
	m=$TMP/m$n
	mkdir -p "$m"
	cp -R "$TOP/rig" "$TOP/tests" "$m/"
	ln -s "$TOP/results" "$m/results"
	ln -s "$TOP/patches" "$m/patches"
	sed -i "$expr" "$m/$file"
	if cmp -s "$TOP/$file" "$m/$file"; then
		echo "FAIL: mutant $n ($what): its edit no longer changes $file" >&2
		exit 1
	fi
	killer=
	for t in $tests; do
		if ! "$m/tests/$t.sh" >"$m/$t.log" 2>&1; then
			killer=$t
			break
		fi
	done
	if [ -z "$killer" ]; then
		echo "FAIL: mutant $n lives ($what: $file, $expr)" >&2
		exit 1
	fi
	echo "mutant $n killed by $killer: $what"
	rm -rf "$m"
done
echo "mutants: every one killed"
