#!/bin/sh
# Run the rig's own tests and the patched guest check.
# Usage: tests/run.sh [shellcheck|unit|integration|guest|all]
# (default: all).  unit: no kernel tree, no network; integration: the
# kernel sources from Debian's packages, no guest; guest: boots kernels.
# Prints one "ok"/"not ok" line per test, the "SKIP:" and "NOTE:" lines
# of its log under it (what a passing test left unchecked), and a
# closing "N passed, N failed, N skipped" line; exits non-zero on any
# failure.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
what=${1:-all}
case $what in
shellcheck | unit | integration | guest | all) ;;
*) echo "usage: tests/run.sh [shellcheck|unit|integration|guest|all]" >&2; exit 2 ;;
esac

logdir=$top/out/tests
mkdir -p "$logdir"
pass=0 fail=0 skip=0 n=0

# run_test NAME CMD...: status 0 passes, 77 skips, anything else fails.
run_test() {
	name=$1
	shift
	n=$((n + 1))
	log=$logdir/$name.log
	mkdir -p "$(dirname "$log")"
	st=0
	"$@" >"$log" 2>&1 || st=$?
	case $st in
	0) pass=$((pass + 1)); echo "ok $n - $name" ;;
	77)
		skip=$((skip + 1))
		echo "ok $n - $name # SKIP $(tail -n 1 "$log")"
		;;
	*)
		fail=$((fail + 1))
		echo "not ok $n - $name (status $st, log: $log)"
		tail -n 25 "$log" | sed 's/^/#   /'
		return 0
		;;
	esac
	grep -E '^(SKIP|NOTE): ' "$log" | sed 's/^/#   /' || true
}

if [ "$what" = shellcheck ] || [ "$what" = all ]; then
	run_test shellcheck shellcheck -x rig/*.sh rig/*/*.sh tests/*.sh tests/*/*.sh .ci/run
fi
for group in unit integration guest; do
	[ "$what" = "$group" ] || [ "$what" = all ] || continue
	for t in tests/"$group"/*.sh; do
		run_test "$group/$(basename "$t" .sh)" "$t"
	done
done

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
