#!/bin/sh
# Summarise the measurements of one run.
# Usage: report.sh RAW_TSV OUT_DIR [PLACEMENT_TSV]
#   RAW_TSV: rows of kernel op align range bytes seconds lookups
#   (rig/parse-console.sh), one per measurement.
#   PLACEMENT_TSV: rows of kernel build runs pass fail skip result
#   (rig/placement.sh), one per kernel and build of the placement test.
# Writes OUT_DIR/results.tsv, report.md and report.svg (when gnuplot is
# there); prints the tables of the whole-BAR case and the placement
# test.  RUN_INFO (environment) heads the report.  A kernel has columns
# only when it ran; a ratio only when both of its kernels did.
set -eu

usage="usage: report.sh RAW_TSV OUT_DIR [PLACEMENT_TSV]"
raw=${1:?$usage}
out=${2:?$usage}
placement=${3:-}
[ -r "$raw" ] || { echo "report: cannot read '$raw'" >&2; exit 2; }
[ -z "$placement" ] || [ -r "$placement" ] ||
	{ echo "report: cannot read '$placement'" >&2; exit 2; }
mkdir -p "$out"

{
	printf 'kernel\top\talign\tbar_bytes\tseconds\tlookups\n'
	awk -F'\t' '$4 == "full" { print $1 "\t" $2 "\t" $3 "\t" $5 "\t" $6 "\t" $7 }' "$raw"
} >"$out/results.tsv"

# The kernels measured: the rig's four in their order, then any other.
kernels=$(cut -f1 "$raw" | awk '
	{ if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
	END {
		c = split("base patched upstream mainline", rig, " ")
		for (i = 1; i <= c; i++) { known[rig[i]] = 1; if (rig[i] in seen) printf "%s ", rig[i] }
		for (i = 1; i <= n; i++) if (!(order[i] in known)) printf "%s ", order[i]
	}')

# summary RANGE WHAT: a markdown table of that range: WHAT is "times"
# (medians and ratios) or "lookups".
summary() {
	sort -t"$(printf '\t')" -k1,1 -k2,2 -k3,3 -k6,6g "$raw" |
		awk -F'\t' -v range="$1" -v what="$2" -v kernels="$kernels" '
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
		nk = split(kernels, ks, " ")
		for (i = 1; i <= nk; i++) col[ks[i]] = i
		# The ratios, each only when both of its kernels ran: without
		# the series over with it, so that a speed-up reads as a factor.
		nr = 0
		split("base/patched upstream/patched upstream/mainline", pairs, " ")
		for (p = 1; p <= 3; p++) {
			split(pairs[p], ab, "/")
			if ((ab[1] in col) && (ab[2] in col)) {
				nr++; rn[nr] = pairs[p]; ra[nr] = col[ab[1]]; rb[nr] = col[ab[2]]
			}
		}
		head = "| op | align | MiB |"; rule = "|---|---|---:|"
		for (i = 1; i <= nk; i++) { head = head " " ks[i] " |"; rule = rule "---:|" }
		if (what == "times") {
			for (r = 1; r <= nr; r++) { head = head " " rn[r] " |"; rule = rule "---:|" }
			head = head " runs |"; rule = rule "---:|"
		}
		print head
		print rule
		split("map unmap", ops, " ")
		split("pud pmd pte auto", als, " ")
		for (o = 1; o <= 2; o++) for (a = 1; a <= 4; a++) {
			g = ops[o] SUBSEP als[a]
			if (!(g in seen)) continue
			line = sprintf("| %s | %s | %d |", ops[o], als[a], bytes[g] / 1048576)
			runs = ""
			for (i = 1; i <= nk; i++) {
				k = ks[i] SUBSEP g
				n = cnt[k]
				med[i] = n ? (n % 2 ? v[k, (n + 1) / 2] : (v[k, n / 2] + v[k, n / 2 + 1]) / 2) : ""
				runs = runs (i > 1 ? "/" : "") (n ? n : 0)
				line = line " " (what == "times" ? fmt(med[i]) : ((k in lk) ? lk[k] : "-")) " |"
			}
			if (what == "times") {
				for (r = 1; r <= nr; r++) line = line " " ratio(med[ra[r]], med[rb[r]]) " |"
				line = line " " runs " |"
			}
			print line
		}
	}'
}

# The placement test: one row per kernel and build.
placement_table() {
	if [ -z "$placement" ]; then
		return 0
	fi
	if [ ! -s "$placement" ]; then
		echo "(the placement test did not run)"
		return 0
	fi
	echo "| kernel | build | runs | pass | fail | skip | result |"
	echo "|---|---|---:|---:|---:|---:|---|"
	awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$placement"
}

full=$(summary full times)
full_lookups=$(summary full lookups)
sub=$(summary sub times)
sub_lookups=$(summary sub lookups)
places=$(placement_table)
{
	echo "# VFIO_IOMMU_MAP_DMA / UNMAP_DMA of a BAR mmap"
	echo
	printf '%s\n' "${RUN_INFO:-}"
	echo
	echo "Median time per operation, whole BAR (runs: timing passes per kernel):"
	echo
	printf '%s\n' "$full"
	echo
	echo "Lookups, whole BAR: calls of follow_pfnmap_start() in that operation,"
	echo "counted in a separate pass:"
	echo
	printf '%s\n' "$full_lookups"
	echo
	echo "Sub-range of the BAR:"
	echo
	printf '%s\n' "$sub"
	echo
	echo "Lookups, sub-range of the BAR:"
	echo
	printf '%s\n' "$sub_lookups"
	if [ -n "$places" ]; then
		echo
		echo "Placement test (vfio_pci_bar_placement_test, each build on every BAR device;"
		echo "runs: devices it ran on):"
		echo
		printf '%s\n' "$places"
	fi
} >"$out/report.md"

printf '%s\n\n%s\n' "$full" "$full_lookups"
if [ -n "$places" ]; then
	printf '\n%s\n' "$places"
fi

# The plot: median seconds, log scale, one cluster per op x align.
if command -v gnuplot >/dev/null 2>&1 && [ "$(wc -l <"$out/results.tsv")" -gt 1 ]; then
	dat=$out/plot.dat
	sort -k6,6g "$raw" | awk -F'\t' -v kernels="$kernels" '$4 == "full" {
		k = $2 "-" $3; v[$1, k, ++c[$1, k]] = $6; s[k] = 1
	} END {
		nk = split(kernels, ks, " ")
		split("map unmap", ops, " ")
		split("pud pmd pte auto", als, " ")
		for (o = 1; o <= 2; o++) for (a = 1; a <= 4; a++)
			if ((ops[o] "-" als[a]) in s) ord[++n] = ops[o] "-" als[a]
		printf "case %s\n", kernels
		for (i = 1; i <= n; i++) {
			line = ord[i]
			for (j = 1; j <= nk; j++) {
				m = c[ks[j], ord[i]]
				line = line " " (m ? v[ks[j], ord[i], int((m + 1) / 2)] : "?")
			}
			print line
		}
	}' >"$dat"
	# One bar per kernel: columns 2 to 1 + the number of kernels.
	plot="\"$dat\" using 2:xtic(1) title columnheader"
	last=$(($(echo "$kernels" | wc -w) + 1))
	col=3
	while [ "$col" -le "$last" ]; do
		plot="$plot, '' using $col title columnheader"
		col=$((col + 1))
	done
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
plot $plot
PLOT
fi
