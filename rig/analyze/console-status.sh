#!/bin/sh
# How one kernel's guest ended, from its console log: OK only when the
# guest's /init reported "RIG-EXIT rc=0" and no test of the kselftest's
# passes (timing, lookups; and functional, a pass of the runs saved
# before 2026-12-01, which re-judge as they were judged) failed; FAILED when it reported
# another status or a test failed; INCOMPLETE when it never reported
# (the guest died, hung or was killed).  The other selftests' and the
# map-fixed test's results are judged on the host (rig/analyze/compare-selftests.sh,
# rig/analyze/map-fixed.sh): their failures do not count here.
# A console whose guest announces another protocol than this host reads
# ("RIG-PROTOCOL N", docs/console-protocol.md) is FAILED: its lines
# cannot be trusted to mean what the host reads them as.  Consoles
# from before the announcement have none, and are read as version 1.
# Usage: console-status.sh KERNEL CONSOLE_LOG
# Prints a table: the header row "kernel status detail" and one row
# (tab-separated).
set -eu

usage="usage: console-status.sh KERNEL CONSOLE_LOG"
kernel=${1:?$usage}
log=${2:?$usage}
[ -r "$log" ] || { echo "console-status: cannot read '$log'" >&2; exit 2; }

tr -d '\r' <"$log" | awk -v kernel="$kernel" -v want=1 '
/^RIG-PROTOCOL / { proto = $2; next }
/^RIG-PASS / { pass = $2; last = $0; next }
/^RIG-EXIT rc=/ { rc = substr($2, 4); next }
/^not ok [0-9]+ / && (pass == "timing" || pass == "lookups" || pass == "functional") {
	nfail++
	if (nfail <= 3)
		failed = failed (nfail > 1 ? ", " : "") $4 " (" pass ")"
}
END {
	if (nfail > 3)
		failed = failed " and " nfail - 3 " more"
	if (proto != "" && proto != want) {
		status = "FAILED"
		detail = "the guest speaks console protocol " proto ", this host reads " want " (docs/console-protocol.md)"
	} else if (rc == "") {
		status = "INCOMPLETE"
		detail = "no RIG-EXIT: the guest died, hung or was stopped"
		if (last != "")
			detail = detail "; last pass started: " substr(last, 10)
		else
			detail = detail " before the kselftest"
	} else if (rc != "0") {
		status = "FAILED"
		detail = "RIG-EXIT rc=" rc
	} else if (nfail) {
		status = "FAILED"
		detail = "RIG-EXIT rc=0, but tests failed"
	} else {
		status = "OK"
		detail = "RIG-EXIT rc=0"
	}
	if (nfail)
		detail = detail "; not ok: " failed
	printf "kernel\tstatus\tdetail\n%s\t%s\t%s\n", kernel, status, detail
}'
