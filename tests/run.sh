#!/bin/sh
# Run the rig's own tests and the patched guest check.
# Usage: tests/run.sh [shellcheck|unit|guest|all]   (default: all)
# Prints one "ok"/"not ok" line per test, the "SKIP:" and "NOTE:" lines
# of its log under it (what a passing test left unchecked), and a
# closing "N passed, N failed, N skipped" line; exits non-zero on any
# failure.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
what=${1:-all}
case $what in
shellcheck | unit | guest | all) ;;
*) echo "usage: tests/run.sh [shellcheck|unit|guest|all]" >&2; exit 2 ;;
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
	run_test shellcheck shellcheck -x rig/*.sh rig/guest/*.sh tests/*.sh .ci/run
fi
if [ "$what" = unit ] || [ "$what" = all ]; then
	for t in tests/unit-*.sh; do
		run_test "$(basename "$t" .sh)" "$t"
	done
fi
if [ "$what" = guest ] || [ "$what" = all ]; then
	for t in tests/guest-*.sh; do
		run_test "$(basename "$t" .sh)" "$t"
	done
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
