#!/bin/sh
# The results of the VFIO selftests in one kernel's console log, one
# row per test case: kernel, program, case, result (ok, fail or skip).
# A program that started and did not report its exit status (the guest
# died or hung in it) gives one row with case "-" and result
# "unfinished"; one that exited non-zero without any failing case gives
# case "-" and result "skip" for KSFT_SKIP (4: the whole program
# skipped, e.g. no driver for the device) and "fail" otherwise (a
# crash, a bad argument).
# Usage: parse-selftests.sh KERNEL CONSOLE_LOG
set -eu

kernel=${1:?usage: parse-selftests.sh KERNEL CONSOLE_LOG}
log=${2:?usage: parse-selftests.sh KERNEL CONSOLE_LOG}
[ -r "$log" ] || { echo "parse-selftests: cannot read '$log'" >&2; exit 2; }

tr -d '\r' <"$log" | awk -v kernel="$kernel" '
function field(name,    i) {
	for (i = 1; i <= NF; i++)
		if (index($i, name "=") == 1)
			return substr($i, length(name) + 2)
	return ""
}
function row(c, r) { print kernel "\t" prog "\t" c "\t" r }
/^RIG-PASS / {
	if (prog != "") row("-", "unfinished")
	prog = ($2 == "selftest") ? field("name") : ""
	bad = 0
	next
}
/^RIG-SELFTEST / {
	if (prog != "" && field("rc") != 0 && !bad)
		row("-", field("rc") == 4 ? "skip" : "fail")
	prog = ""
	next
}
/^RIG-EXIT / {
	if (prog != "") row("-", "unfinished")
	prog = ""
	next
}
prog != "" && /^ok [0-9]+ / {
	r = ($0 ~ / # SKIP/) ? "skip" : "ok"
	c = $3
	row(c, r)
	next
}
prog != "" && /^not ok [0-9]+ / {
	c = $4
	bad = 1
	row(c, "fail")
	next
}
END { if (prog != "") row("-", "unfinished") }'
