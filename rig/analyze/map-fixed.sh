#!/bin/sh
# Judge the fixed-address mapping test (rig/guest/map-fixed-test.c) in one
# kernel's console log, per build (64-bit, 32-bit): tests passed,
# failed and skipped, and the verdict.  It checks what MAP_FIXED,
# MAP_FIXED_NOREPLACE and MREMAP_FIXED return, which no kernel of the
# rig may change: every kernel must pass every case.  A case that
# skips (it needs root) fails the verdict too: the guest runs as root.
# A 32-bit build absent from the initramfs (no 32-bit toolchain where
# the tests were built) is a SKIP, said as such; an absent 64-bit one
# fails.
# Usage: map-fixed.sh KERNEL CONSOLE_LOG
# Prints a table: the header row "kernel build runs pass fail skip
# result", then a row per build (tab-separated).
# Exit status: 0 as expected (or the 32-bit build absent), 1 otherwise,
# 2 usage error.
set -eu

kernel=${1:?usage: map-fixed.sh KERNEL CONSOLE_LOG}
log=${2:?usage: map-fixed.sh KERNEL CONSOLE_LOG}
[ -r "$log" ] || { echo "map-fixed: cannot read '$log'" >&2; exit 2; }

tr -d '\r' <"$log" | awk -v kernel="$kernel" '
function field(name,    i, n, w) {
	n = split($0, w, " ")
	for (i = 1; i <= n; i++)
		if (index(w[i], name "=") == 1)
			return substr(w[i], length(name) + 2)
	return ""
}
# end_run: close the current run; one that did not report its totals
# and an exit status did not finish.
function end_run() {
	if (b == "") return
	if (!totals || rc == "")
		unfinished[b]++
	else if (rc != 0 && !notok)
		died[b]++
	b = ""
}
/^RIG: map-fixed test absent: no \/bin\// {
	n = split($0, w, "/")
	split(w[n], w, " ")
	absent[w[1]] = 1
	next
}
/^RIG-PASS mapfixed / {
	end_run()
	b = field("build")
	runs[b]++
	totals = 0; rc = ""; notok = 0
	next
}
/^RIG-PASS / { end_run(); next }
b != "" && /^RIG-MAPFIXED / { rc = field("rc"); end_run(); next }
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
		failed[b] = failed[b] " " name
	} else if (skipped) {
		skip[b]++
		skipped_names[b] = skipped_names[b] " " name
	} else {
		pass[b]++
	}
}
END {
	end_run()
	bad = 0
	printf "kernel\tbuild\truns\tpass\tfail\tskip\tresult\n"
	split("map_fixed_test map_fixed_test_32", builds, " ")
	for (i = 1; i <= 2; i++) {
		t = builds[i]
		if (t in absent && !runs[t]) {
			if (i == 2) {
				result = "SKIP: not built (no 32-bit toolchain where the tests were built)"
			} else {
				result = "FAIL: not in the initramfs"; bad = 1
			}
		} else if (!runs[t]) {
			result = "FAIL: did not run"; bad = 1
		} else if (unfinished[t]) {
			result = "FAIL: did not finish"; bad = 1
		} else if (fail[t]) {
			result = "FAIL:" failed[t]; bad = 1
		} else if (died[t]) {
			result = "FAIL: exited non-zero with no failing case"; bad = 1
		} else if (skip[t]) {
			result = "FAIL: skipped:" skipped_names[t]; bad = 1
		} else if (!pass[t]) {
			result = "FAIL: no case ran"; bad = 1
		} else
			result = "pass"
		printf "%s\t%s\t%d\t%d\t%d\t%d\t%s\n", kernel, (i == 1 ? "64-bit" : "32-bit"), \
			runs[t], pass[t], fail[t], skip[t], result
	}
	exit bad
}'
