#!/bin/sh
# Judge the placement test's runs in one kernel's console log: per build
# (64-bit, 32-bit), how many runs (one per BAR device), tests passed,
# failed and skipped, and the verdict.  With its series (patched,
# mainline) a kernel must pass every test; without one (base, upstream)
# vfio-pci does not place BAR mmaps, so the congruence checks (tests
# whose name matches CONGRUENCE_TESTS, an extended regex, default
# "congruen") are expected to fail, and only they.  A build missing
# from the initramfs is reported as absent, not as a pass.
# Usage: placement.sh KERNEL CONSOLE_LOG
# Prints rows of kernel build runs pass fail skip result (tab-separated).
# Exit status: 0 as expected (or absent), 1 otherwise, 2 usage error.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

kernel=${1:?usage: placement.sh KERNEL CONSOLE_LOG}
log=${2:?usage: placement.sh KERNEL CONSOLE_LOG}
[ -r "$log" ] || { echo "placement: cannot read '$log'" >&2; exit 2; }
kernel_source "${kernel%-debug}" >/dev/null ||
	{ echo "placement: unknown kernel '$kernel'" >&2; exit 2; }
expect_fail=1
[ -z "$(kernel_series "${kernel%-debug}")" ] || expect_fail=0

tr -d '\r' <"$log" | awk -F'\t' -v kernel="$kernel" -v expect_fail="$expect_fail" \
	-v congruence="${CONGRUENCE_TESTS:-congruen}" '
function field(name,    i, n, w) {
	n = split($0, w, " ")
	for (i = 1; i <= n; i++)
		if (index(w[i], name "=") == 1)
			return substr(w[i], length(name) + 2)
	return ""
}
# end_run: close the current run; one that did not report a total and
# an exit status did not finish.
function end_run() {
	if (b == "") return
	if (!totals || rc == "" || (rc != 0 && rc != 4 && !notok))
		unfinished[b]++
	b = ""
}
/^RIG: placement test absent: no \/bin\// {
	n = split($0, w, "/")
	split(w[n], w, " ")
	absent[w[1]] = 1
	next
}
/^RIG-PASS placement / {
	end_run()
	b = field("build")
	dev = field("device")
	runs[b]++
	totals = 0; rc = ""; notok = 0
	next
}
/^RIG-PASS / { end_run(); next }
b != "" && /^RIG-PLACEMENT / { rc = field("rc"); end_run(); next }
b == "" { next }
/^# Totals: / { totals = 1; next }
/^(not )?ok [0-9]+ / {
	name = $0
	sub(/^(not )?ok [0-9]+ /, "", name)
	skipped = sub(/ # [Ss][Kk][Ii][Pp].*/, "", name)
	sub(/ # .*/, "", name)
	if (/^not ok/) {
		notok++
		fail[b]++
		failed[b] = failed[b] " " dev ":" name
		if (name !~ congruence) other[b]++
	} else if (skipped) {
		skip[b]++
	} else {
		pass[b]++
	}
}
END {
	end_run()
	bad = 0
	split("vfio_pci_bar_placement_test vfio_pci_bar_placement_test_32", builds, " ")
	for (i = 1; i <= 2; i++) {
		t = builds[i]
		if (t in absent && !runs[t])
			result = "absent: not in the initramfs"
		else if (!runs[t]) {
			result = "FAIL: did not run"; bad = 1
		} else if (unfinished[t]) {
			result = "FAIL: " unfinished[t] " of " runs[t] " runs did not finish"; bad = 1
		} else if (!fail[t])
			result = "pass"
		else if (expect_fail && !other[t])
			result = fail[t] " congruence checks fail, as expected without the series"
		else {
			result = "FAIL:" failed[t]; bad = 1
		}
		printf "%s\t%s\t%d\t%d\t%d\t%d\t%s\n", kernel, (i == 1 ? "64-bit" : "32-bit"), \
			runs[t], pass[t], fail[t], skip[t], result
	}
	exit bad
}'
