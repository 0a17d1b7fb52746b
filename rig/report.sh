#!/bin/sh
# Summarise the measurements of one run.
# Usage: report.sh RAW_TSV OUT_DIR
#   RAW_TSV: rows of kernel op align range bytes seconds lookups
#   (rig/parse-console.sh), one per measurement.
# Writes OUT_DIR/results.tsv, report.md and report.svg (when gnuplot is
# there); prints the table.  RUN_INFO (environment) heads the report.
set -eu

raw=${1:?usage: report.sh RAW_TSV OUT_DIR}
out=${2:?usage: report.sh RAW_TSV OUT_DIR}
[ -r "$raw" ] || { echo "report: cannot read '$raw'" >&2; exit 2; }
mkdir -p "$out"

{
	printf 'kernel\top\talign\tbar_bytes\tseconds\tlookups\n'
	awk -F'\t' '$4 == "full" { print $1 "\t" $2 "\t" $3 "\t" $5 "\t" $6 "\t" $7 }' "$raw"
} >"$out/results.tsv"

# summary RANGE: one markdown table of medians for that range.
summary() {
	sort -t"$(printf '\t')" -k1,1 -k2,2 -k3,3 -k6,6g "$raw" | awk -F'\t' -v range="$1" '
	function fmt(s) {
		if (s == "") return "-"
		if (s < 0.001) return sprintf("%.1f us", s * 1e6)
		if (s < 1) return sprintf("%.1f ms", s * 1e3)
		return sprintf("%.2f s", s)
	}
	function ratio(a, b) {
		if (a == "" || b == "" || b <= 0) return "-"
		return sprintf("%.3gx", a / b)
	}
	$4 == range {
		g = $2 SUBSEP $3
		k = $1 SUBSEP g
		v[k, ++cnt[k]] = $6
		if ($7 != "") lk[k] = $7
		bytes[g] = $5
		if (!(g in seen)) { seen[g] = 1; order[++ng] = g }
	}
	END {
		if (!ng) { print "(no " range " measurements)"; exit }
		print "| op | align | MiB | base | patched | upstream | base/patched | upstream/patched | lookups base | lookups patched | lookups upstream | runs |"
		print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
		split("map unmap", ops, " ")
		split("pud pmd pte auto", als, " ")
		for (o = 1; o <= 2; o++) for (a = 1; a <= 4; a++) {
			g = ops[o] SUBSEP als[a]
			if (!(g in seen)) continue
			split("base patched upstream", ks, " ")
			runs = ""
			for (i = 1; i <= 3; i++) {
				k = ks[i] SUBSEP g
				n = cnt[k]
				med[i] = n ? (n % 2 ? v[k, (n + 1) / 2] : (v[k, n / 2] + v[k, n / 2 + 1]) / 2) : ""
				l[i] = (k in lk) ? lk[k] : "-"
				runs = runs (i > 1 ? "/" : "") (n ? n : 0)
			}
			printf "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", \
				ops[o], als[a], bytes[g] / 1048576, fmt(med[1]), fmt(med[2]), fmt(med[3]), \
				ratio(med[1], med[2]), ratio(med[3], med[2]), l[1], l[2], l[3], runs
		}
	}'
}

full=$(summary full)
sub=$(summary sub)
{
	echo "# VFIO_IOMMU_MAP_DMA / UNMAP_DMA of a BAR mmap"
	echo
	printf '%s\n' "${RUN_INFO:-}"
	echo
	echo "Median seconds per operation, whole BAR (lookups: calls of"
	echo "follow_pfnmap_start() in that operation, counted in a separate pass)."
	echo
	printf '%s\n' "$full"
	echo
	echo "Sub-range of the BAR:"
	echo
	printf '%s\n' "$sub"
} >"$out/report.md"

printf '%s\n' "$full"

# The plot: median seconds, log scale, one cluster per op x align.
if command -v gnuplot >/dev/null 2>&1 && [ "$(wc -l <"$out/results.tsv")" -gt 1 ]; then
	dat=$out/plot.dat
	sort -k6,6g "$raw" | awk -F'\t' '$4 == "full" {
		k = $2 "-" $3; v[$1, k, ++c[$1, k]] = $6; s[k] = 1
	} END {
		split("map unmap", ops, " ")
		split("pud pmd pte auto", als, " ")
		for (o = 1; o <= 2; o++) for (a = 1; a <= 4; a++)
			if ((ops[o] "-" als[a]) in s) ord[++n] = ops[o] "-" als[a]
		print "case base patched upstream"
		for (i = 1; i <= n; i++) {
			line = ord[i]
			split("base patched upstream", ks, " ")
			for (j = 1; j <= 3; j++) {
				m = c[ks[j], ord[i]]
				line = line " " (m ? v[ks[j], ord[i], int((m + 1) / 2)] : "?")
			}
			print line
		}
	}' >"$dat"
	gnuplot <<PLOT >"$out/gnuplot.log" 2>&1 || echo "report: gnuplot failed, see $out/gnuplot.log" >&2
set terminal svg size 900,500 dynamic background rgb "white"
set output "$out/report.svg"
set title "VFIO DMA map/unmap of a BAR mmap (median seconds, log scale)"
set logscale y
set ylabel "seconds"
set format y "%g"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set datafile missing "?"
set key top left
set xtics rotate by -30
plot "$dat" using 2:xtic(1) title columnheader, '' using 3 title columnheader, '' using 4 title columnheader
PLOT
fi
