#!/bin/sh
# Judge the VFIO selftests of a run (rows of rig/parse-selftests.sh for
# every kernel booted).  Which kernel carries a series, and its peer,
# rig/kernels says.  On any kernel: a program that did not finish,
# reported fewer cases than it announced, or had a result line cut by a
# kernel message fails.  A kernel with a series (patched and
# patched-debug against base, mainline against upstream):
#  - runs and passes the series' own tests (SERIES_TESTS): absent, a
#    whole-program skip or death, or a failing case fails;
#  - passes every case that passes on its peer: a case that fails,
#    skips or is missing there fails, and so does a program that ran on
#    the peer and is absent, skipped or dead as a whole here;
#  - for the kernel's own mm selftests (programs mm-*), stricter: no
#    case differs from the peer in either direction (a case that fails
#    or skips there fails or skips the same way here, and none is
#    there on one kernel only).
# A case name that repeats within a program (the mm tests' kselftest.h
# lines name cases by their first word, "ok 3 # SKIP ...") is told
# apart by its occurrence: NAME, NAME@2, ...
# Failures on a kernel without the series are listed, not judged.
# KERNELS (optional): the kernels that were to run; one without any
# row fails.
# Usage: compare-selftests.sh SELFTESTS_TSV
# Prints one summary line per kernel and one line per finding; each
# error line names its kernel ("selftests: error: KERNEL: ...").
# Exit status: 0 as expected, 1 otherwise, 2 usage error.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

tsv=${1:?usage: compare-selftests.sh SELFTESTS_TSV}
[ -r "$tsv" ] || { echo "compare-selftests: cannot read '$tsv'" >&2; exit 2; }
: "${SERIES_TESTS:=vfio_dma_mapping_mmio_test vfio_pci_bar_split_test vfio_pci_bar_mremap_test}"

awk -F'\t' -v series="$SERIES_TESTS" -v kernels="${KERNELS:-}" -v peers="$(kernel_peers)" '
BEGIN {
	n = split(series, w, " ")
	for (i = 1; i <= n; i++) ours[w[i]] = 1
	# Each kernel with a series and its peer (rig/kernels).
	n = split(peers, w, " ")
	for (i = 1; i <= n; i++) { split(w[i], kp, ":"); peer[kp[1]] = kp[2] }
}
function err(k, msg) { printf "selftests: error: %s: %s\n", k, msg; bad = 1 }
{
	k = $1
	if (!(k in seen)) { seen[k] = 1; order[++nk] = k }
	c = $3
	if (c != "-" && ++nth[k, $2, c] > 1) c = c "@" nth[k, $2, c]
	res[k, $2, c] = $4
	ran[k, $2] = 1
	if (c != "-") cases[k, $2]++
	count[k, $4]++
	if ($4 != "ok" && $4 != "skip")
		failed[k] = failed[k] " " $2 ":" c (c == "-" ? "(" $4 ")" : "")
}
END {
	bad = 0
	n = split(kernels, want, " ")
	for (i = 1; i <= n; i++)
		if (!(want[i] in seen))
			err(want[i], "no selftest result at all (the guest did not boot or run them)")
	for (i = 1; i <= nk; i++) {
		k = order[i]
		printf "selftests: %s: %d ok, %d skipped, %d failed, %d unfinished\n",
			k, count[k, "ok"], count[k, "skip"], count[k, "fail"],
			count[k, "unfinished"]
		if (failed[k] != "")
			printf "selftests: %s: not passed:%s\n", k, failed[k]
	}
	for (key in res) {
		split(key, f, SUBSEP)
		k = f[1]; p = f[2]; c = f[3]; r = res[key]
		if (r == "unfinished")
			err(k, p " did not finish")
		else if (r == "missing")
			err(k, p " reported fewer cases than its TAP plan announced")
		else if (r == "garbled")
			err(k, p ": a result line cut by a kernel message: " c)
		if (!(k in peer)) continue
		if ((p in ours) && (r == "fail" || (c == "-" && r != "ok")))
			err(k, p " " c " is " r " with the series")
		b = peer[k]
		if (!(b in seen) || p ~ /^mm-/) continue
		if (c == "-" && (r == "fail" || r == "skip" || r == "absent") && cases[b, p] && !((b, p, "-") in res))
			err(k, p " is " r " as a whole, and ran " cases[b, p] " cases on " b)
	}
	# Every case that passes on the peer passes here.
	for (key in res) {
		split(key, f, SUBSEP)
		b = f[1]; p = f[2]; c = f[3]
		if (res[key] != "ok" || p ~ /^mm-/) continue
		for (i = 1; i <= nk; i++) {
			k = order[i]
			if (!(k in peer) || peer[k] != b) continue
			if (!((k, p, c) in res)) {
				if (!((k, p, "-") in res) || res[k, p, "-"] == "missing")
					err(k, p " " c " is missing, on " b " ok")
			} else if (res[k, p, c] != "ok")
				err(k, p " " c " is " res[k, p, c] ", on " b " ok")
		}
	}
	# The mm selftests: each case as on the peer, either way.
	for (key in res) {
		split(key, f, SUBSEP)
		x = f[1]; p = f[2]; c = f[3]
		if (p !~ /^mm-/) continue
		for (i = 1; i <= nk; i++) {
			k = order[i]
			if (!(k in peer)) continue
			b = peer[k]
			if (!(b in seen) || (x != k && x != b)) continue
			if (x == k && ((b, p, c) in res)) continue
			rk = ((k, p, c) in res) ? res[k, p, c] : "not there"
			rb = ((b, p, c) in res) ? res[b, p, c] : "not there"
			if (rk != rb)
				err(k, p " " c " is " rk ", on " b " " rb " (an mm selftest must not differ)")
		}
	}
	# The series tests ran on every kernel with a series.
	for (i = 1; i <= nk; i++) {
		k = order[i]
		if (!(k in peer)) continue
		for (p in ours)
			if (!((k, p) in ran))
				err(k, p " did not run (the series test must run with the series)")
	}
	exit bad
}' "$tsv"
