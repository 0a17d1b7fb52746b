#!/bin/sh
# Judge the VFIO selftests of a run (rows of rig/parse-selftests.sh for
# every kernel booted): a kernel with a series must pass every case
# that passes on the same source without it (patched against base,
# mainline against upstream), and must pass the series' own functional
# tests (SERIES_TESTS) in full; a program that did not finish fails
# the run on any kernel.  Failures on a kernel without the series are
# listed, not judged.
# Usage: compare-selftests.sh SELFTESTS_TSV
# Prints one summary line per kernel and one line per finding.
# Exit status: 0 as expected, 1 otherwise, 2 usage error.
set -eu

tsv=${1:?usage: compare-selftests.sh SELFTESTS_TSV}
[ -r "$tsv" ] || { echo "compare-selftests: cannot read '$tsv'" >&2; exit 2; }
: "${SERIES_TESTS:=vfio_dma_mapping_mmio_test vfio_pci_bar_split_test vfio_dma_mapping_stress_test}"

awk -F'\t' -v series="$SERIES_TESTS" '
BEGIN {
	n = split(series, w, " ")
	for (i = 1; i <= n; i++) ours[w[i]] = 1
	peer["patched"] = "base"
	peer["mainline"] = "upstream"
	peer["patched-debug"] = "base"
}
{
	k = $1
	if (!(k in seen)) { seen[k] = 1; order[++nk] = k }
	res[k, $2, $3] = $4
	count[k, $4]++
	if ($4 == "fail" || $4 == "unfinished")
		failed[k] = failed[k] " " $2 ":" $3
}
END {
	bad = 0
	for (i = 1; i <= nk; i++) {
		k = order[i]
		printf "selftests: %s: %d ok, %d skipped, %d failed, %d unfinished\n",
			k, count[k, "ok"], count[k, "skip"], count[k, "fail"],
			count[k, "unfinished"]
		if (failed[k] != "")
			printf "selftests: %s: failed:%s\n", k, failed[k]
	}
	for (key in res) {
		split(key, f, SUBSEP)
		k = f[1]; p = f[2]; c = f[3]; r = res[key]
		if (r == "unfinished") {
			printf "selftests: error: %s: %s did not finish\n", k, p
			bad = 1
			continue
		}
		if (!(k in peer)) continue
		if ((p in ours) && r == "fail") {
			printf "selftests: error: %s: %s %s fails with the series\n", k, p, c
			bad = 1
		}
		b = peer[k]
		if (!(b in seen) || !((b, p, c) in res)) continue
		if (res[b, p, c] != "fail" && r != res[b, p, c]) {
			printf "selftests: error: %s: %s %s is %s, on %s %s\n", k, p, c, r, b, res[b, p, c]
			bad = 1
		}
	}
	exit bad
}' "$tsv"
