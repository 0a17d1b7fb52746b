#!/bin/sh
# The results of the VFIO selftests in one kernel's console log: a
# table, its header row first (always, even without a row):
#   kernel program case result
# then one row per test case (tab-separated), result ok, fail or skip.
# Rows with case "-" say what happened to a program as a whole:
#   unfinished  it started and did not report its exit status (the
#               guest died or hung in it)
#   skip        it exited KSFT_SKIP (4) without a failing case: the
#               whole program skipped (e.g. no driver for the device)
#   fail        it exited otherwise non-zero without a failing case (a
#               crash, libvfio's VFIO_ASSERT, a bad argument)
#   missing     it announced N cases (TAP "1..N") and reported fewer
#   absent      the guest had no such program ("RIG: selftest absent")
# and a row with result "garbled" (its case: the line, blanks as _)
# for a result line that a kernel message cut (a console that mixes
# the two: the rig's older runs).
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
BEGIN { print "kernel\tprogram\tcase\tresult" }
function row(c, r) { print kernel "\t" prog "\t" c "\t" r }
# end: the program stopped here (its status line, or the next marker).
function end(rc) {
	if (prog == "") return
	if (rc == "")
		row("-", "unfinished")
	else if (planned != "" && seen < planned + 0)
		row("-", "missing")
	else if (rc != 0 && !bad)
		row("-", rc == 4 ? "skip" : "fail")
	prog = ""
}
/^RIG-PASS / {
	end("")
	prog = ($2 == "selftest") ? field("name") : ""
	bad = 0; seen = 0; planned = ""
	next
}
/^RIG: selftest absent: no \/bin\// {
	end("")
	prog = $5
	sub(/^\/bin\//, "", prog)
	row("-", "absent")
	prog = ""
	next
}
/^RIG-SELFTEST / {
	end(field("rc"))
	next
}
/^RIG-EXIT / {
	end("")
	next
}
prog == "" { next }
/^1\.\.[0-9]+$/ && planned == "" { planned = substr($0, 4); next }
/^(not )?ok [0-9]+ .*\[ *[0-9]+\.[0-9]+\]/ {
	seen++
	bad = 1
	c = $0
	gsub(/[ \t]/, "_", c)
	row(c, "garbled")
	next
}
/^ok [0-9]+ / {
	seen++
	r = ($0 ~ / # SKIP/) ? "skip" : "ok"
	row($3, r)
	next
}
/^not ok [0-9]+ / {
	seen++
	bad = 1
	row($4, "fail")
	next
}
END { end("") }'
