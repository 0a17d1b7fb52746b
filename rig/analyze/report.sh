#!/bin/sh
# Summarise the measurements of one run.
# Usage: report.sh RAW_TSV STATUS_TSV OUT_DIR [MAPFIXED_TSV [SELFTESTS_TXT]]
#   Each a table with a header row, read by column name (lib.awk):
#   RAW_TSV: columns kernel op align range bytes seconds lookups mode
#   device (rig/analyze/parse-console.sh), a row per measurement.
#   STATUS_TSV: columns kernel status detail (rig/judge-run.sh's
#   judged-status.tsv), a row per kernel booted.
#   MAPFIXED_TSV: columns kernel build runs pass fail skip result
#   (rig/analyze/map-fixed.sh), one per kernel and build of the fixed-address
#   mapping test, for its table (rig/judge-run.sh has made a kernel
#   with a FAIL there FAILED in STATUS_TSV).
#   SELFTESTS_TXT: rig/analyze/compare-selftests.sh's lines, a section of
#   report.md.
# Environment: REPS and BAR_COUNT: each case (mode op align range) must
#   have REPS x BAR_COUNT timing rows; ALIGNS (pud,pmd,...): the
#   type1v2 cases of those alignments must be there even if no kernel
#   measured them; RUN_INFO heads the report.
# Each kernel is OK, FAILED or INCOMPLETE: its console's status, and an
# OK kernel with a case that lacks timing rows (not skipped) is
# INCOMPLETE.  Writes OUT_DIR/status.tsv (the verdicts), results.tsv,
# report.md and report.svg (when gnuplot is there); prints the kernels'
# status and the tables of the whole-BAR case and the map-fixed test.
# A kernel has columns only when it ran, its status in the column's
# head when it is not OK; a ratio only when both of its kernels are OK.
# Exit status: 0 when every kernel is OK, 1 otherwise, 2 usage error.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

if [ $# -lt 3 ] || [ $# -gt 5 ]; then
	echo "usage: report.sh RAW_TSV STATUS_TSV OUT_DIR [MAPFIXED_TSV [SELFTESTS_TXT]]" >&2
	exit 2
fi
raw=$1 status_in=$2 out=$3 mapfixed=${4:-} selftests=${5:-}
for f in "$raw" "$status_in" "${mapfixed:-$raw}" "${selftests:-$raw}"; do
	[ -r "$f" ] || { echo "report: cannot read '$f'" >&2; exit 2; }
done
mkdir -p "$out"
want=''
if [ -n "${REPS:-}" ] && [ -n "${BAR_COUNT:-}" ]; then
	want=$((REPS * BAR_COUNT))
fi

# The kernels: the rig's (rig/kernels) in their order, then any other.
kernels=$(awk -F'\t' -v names="$KERNEL_NAMES" "$RIG_AWK"'
	FNR == 1 { tsv_header("kernel"); next }
	{ k = col("kernel"); if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
	END {
		if (TSV_FAILED) exit 2
		c = split(names, rig, " ")
		for (i = 1; i <= c; i++) { known[rig[i]] = 1; if (rig[i] in seen) printf "%s ", rig[i] }
		for (i = 1; i <= n; i++) if (!(order[i] in known)) printf "%s ", order[i]
	}' "$status_in" "$raw")

# Each kernel's status: STATUS_TSV's (rig/judge-run.sh); an OK kernel
# is INCOMPLETE when a case (mode op align range measured on
# any kernel) lacks timing rows: each needs WANT (REPS x BAR_COUNT) of
# them, unless its test was skipped on that kernel.
awk -F'\t' -v kernels="$kernels" -v want="$want" -v aligns="${ALIGNS:-}" -v peers="$(kernel_peers)" "$RIG_AWK"'
	FNR == 1 && FILENAME == ARGV[1] { tsv_header("kernel status detail"); next }
	FNR == 1 { tsv_header("kernel op align range seconds mode"); next }
	FILENAME == ARGV[1] { st[col("kernel")] = col("status"); det[col("kernel")] = col("detail"); next }
	col("seconds") == "skip" { skipped[col("kernel"), col("mode"), col("align"), col("range")] = 1; next }
	{
		c = col("mode") SUBSEP col("op") SUBSEP col("align") SUBSEP col("range")
		if (!(c in cases)) { cases[c] = 1; order[++nc] = c }
		cnt[col("kernel"), c]++
		rows[col("kernel")]++
	}
	END {
		if (TSV_FAILED) exit 2
		print "kernel\tstatus\tdetail"
		np = split(peers, pp, " ")
		for (i = 1; i <= np; i++) { split(pp[i], kp, ":"); peer[kp[1]] = kp[2] }
		# The cases ALIGNS asked for, through type1v2, whether
		# or not any kernel measured them.
		na = split(aligns, al, ",")
		for (i = 1; i <= na; i++)
			for (o = 1; o <= 2; o++)
				for (r = 1; r <= 2; r++) {
					c = "vfio_type1v2_iommu" SUBSEP (o == 1 ? "map" : "unmap") \
						SUBSEP al[i] SUBSEP (r == 1 ? "full" : "sub")
					if (!(c in cases)) { cases[c] = 1; order[++nc] = c }
				}
		nk = split(kernels, ks, " ")
		for (i = 1; i <= nk; i++) {
			k = ks[i]
			if (!(k in st)) { st[k] = "INCOMPLETE"; det[k] = "no console status" }
			if (st[k] == "OK" && !rows[k]) {
				st[k] = "INCOMPLETE"; det[k] = det[k] "; no timing rows"
			}
			miss = ""; nmiss = 0
			for (j = 1; st[k] == "OK" && j <= nc; j++) {
				split(order[j], f, SUBSEP)
				n = cnt[k, order[j]] + 0
				if ((k, f[1], f[3], f[4]) in skipped) {
					# A skip is no missing row, unless the kernel
					# without the series measured the case.
					p = (k in peer) ? peer[k] : ""
					if (p == "" || !(p in st) || cnt[p, order[j]] == 0) continue
					nmiss++
					if (nmiss <= 4)
						miss = miss (nmiss > 1 ? ", " : "") f[1] " " f[2] " " f[3] " " f[4] \
							" (skipped, measured on " p ")"
					continue
				}
				if (n == (want == "" ? (n ? n : 1) : want)) continue
				nmiss++
				if (nmiss <= 4)
					miss = miss (nmiss > 1 ? ", " : "") f[1] " " f[2] " " f[3] " " f[4] \
						" (" n " of " (want == "" ? "1+" : want) ")"
			}
			if (nmiss) {
				if (nmiss > 4) miss = miss " and " nmiss - 4 " more cases"
				st[k] = "INCOMPLETE"; det[k] = det[k] "; timing rows missing: " miss
			}
			printf "%s\t%s\t%s\n", k, st[k], det[k]
		}
	}' "$status_in" "$raw" >"$out/status.tsv"
# status_awk PROGRAM: run the awk PROGRAM on the rows of status.tsv.
status_awk() {
	tsv_awk "$out/status.tsv" "kernel status detail" "$1"
}
ok_kernels=$(status_awk 'col("status") == "OK" { printf "%s ", col("kernel") }')
bad=$(status_awk 'col("status") != "OK" { printf "%s%s (%s)", (n++ ? ", " : ""), col("kernel"), col("status") }')

{
	printf 'kernel\top\talign\tbar_bytes\tseconds\tlookups\tmode\tstatus\n'
	awk -F'\t' "$RIG_AWK"'
		FNR == 1 && FNR == NR { tsv_header("kernel status"); next }
		FNR == 1 { tsv_header("kernel op align range bytes seconds lookups mode"); next }
		FNR == NR { st[col("kernel")] = col("status"); ks[++nk] = col("kernel"); next }
		col("range") == "full" && col("seconds") != "skip" {
			k = col("kernel")
			has[k] = 1
			print k "\t" col("op") "\t" col("align") "\t" col("bytes") "\t" col("seconds") "\t" \
				col("lookups") "\t" col("mode") "\t" st[k]
		}
		END {
			if (TSV_FAILED) exit 2
			# A kernel without a row still has its status.
			for (i = 1; i <= nk; i++)
				if (!(ks[i] in has)) print ks[i] "\t-\t-\t-\t-\t-\t-\t" st[ks[i]]
		}
	' "$out/status.tsv" "$raw"
} >"$out/results.tsv"

# The status of each kernel, as a table.
status_table() {
	echo "| kernel | status | detail |"
	echo "|---|---|---|"
	status_awk '{ printf "| %s | %s | %s |\n", col("kernel"), col("status"), col("detail") }'
}

# summary RANGE WHAT: a markdown table of that range: WHAT is "times"
# (medians and ratios) or "lookups".  A kernel that is not OK has its
# status in its column's head and no ratio.
summary() {
	awk -F'\t' -v range="$1" -v what="$2" -v kernels="$kernels" -v pairs="$(kernel_ratios)" \
		-v ok_kernels="$ok_kernels" -v status="$out/status.tsv" "$RIG_AWK"'
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
	BEGIN {
		nok = split(ok_kernels, oks, " ")
		for (i = 1; i <= nok; i++) ok[oks[i]] = 1
	}
	FNR == 1 && FILENAME == status { tsv_header("kernel status"); next }
	FNR == 1 { tsv_header("kernel op align range bytes seconds lookups mode"); next }
	FILENAME == status { st[col("kernel")] = col("status"); next }
	col("range") == range && col("seconds") != "skip" {
		m = col("mode")
		g = m SUBSEP col("op") SUBSEP col("align")
		k = col("kernel") SUBSEP g
		v[k, ++cnt[k]] = col("seconds")
		if (col("lookups") != "") lk[k] = col("lookups")
		bytes[g] = col("bytes")
		if (!(g in seen)) { seen[g] = 1 }
		if (!(m in mseen)) { mseen[m] = 1; modes[++nm] = m }
		if (!(col("align") in aseen)) { aseen[col("align")] = 1; extra[++ne] = col("align") }
	}
	END {
		if (TSV_FAILED) exit 2
		if (!nm) { print "(no " range " measurements)"; exit }
		nk = split(kernels, ks, " ")
		for (i = 1; i <= nk; i++) kcol[ks[i]] = i
		# The ratios, each only when both of its kernels ran and are
		# OK: without the series over with it, so that a speed-up
		# reads as a factor.
		nr = 0
		npair = split(pairs, pair, " ")
		for (p = 1; p <= npair; p++) {
			split(pair[p], ab, "/")
			if ((ab[1] in ok) && (ab[2] in ok)) {
				nr++; rn[nr] = pair[p]; ra[nr] = kcol[ab[1]]; rb[nr] = kcol[ab[2]]
			}
		}
		head = "| mode | op | align | MiB |"; rule = "|---|---|---|---:|"
		for (i = 1; i <= nk; i++) {
			head = head " " ks[i] ((ks[i] in ok) ? "" : " (" st[ks[i]] ")") " |"
			rule = rule "---:|"
		}
		if (what == "times") {
			for (r = 1; r <= nr; r++) { head = head " " rn[r] " |"; rule = rule "---:|" }
			head = head " runs |"; rule = rule "---:|"
		}
		print head
		print rule
		# The modes of upstream libvfio in its order, then any other.
		nmo = split("vfio_type1_iommu vfio_type1v2_iommu iommufd_compat_type1 iommufd_compat_type1v2 iommufd iommufd_dmabuf", mo, " ")
		for (m = 1; m <= nmo; m++) { kmode[mo[m]] = 1; if (mo[m] in mseen) mord[++nmm] = mo[m] }
		for (m = 1; m <= nm; m++) if (!(modes[m] in kmode)) mord[++nmm] = modes[m]
		split("map unmap", ops, " ")
		na = split("pud pmd pte auto dmabuf", als, " ")
		for (a = 1; a <= na; a++) known[als[a]] = 1
		for (e = 1; e <= ne; e++) if (!(extra[e] in known)) als[++na] = extra[e]
		for (m = 1; m <= nmm; m++) for (o = 1; o <= 2; o++) for (a = 1; a <= na; a++) {
			g = mord[m] SUBSEP ops[o] SUBSEP als[a]
			if (!(g in seen)) continue
			line = sprintf("| %s | %s | %s | %d |", mord[m], ops[o], als[a], bytes[g] / 1048576)
			runs = ""
			for (i = 1; i <= nk; i++) {
				k = ks[i] SUBSEP g
				n = cnt[k]
				for (j = 1; j <= n; j++) t[j] = v[k, j]
				sort_numbers(t, n)
				med[i] = n ? (n % 2 ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2) : ""
				runs = runs (i > 1 ? "/" : "") (n ? n : 0)
				line = line " " (what == "times" ? fmt(med[i]) : ((k in lk) ? lk[k] : "-")) " |"
			}
			if (what == "times") {
				for (r = 1; r <= nr; r++) line = line " " ratio(med[ra[r]], med[rb[r]]) " |"
				line = line " " runs " |"
			}
			print line
		}
	}' "$out/status.tsv" "$raw"
}

# The map-fixed test: one row per kernel and build.
mapfixed_table() {
	if [ -z "$mapfixed" ]; then
		return 0
	fi
	if ! tsv_has_rows "$mapfixed"; then
		echo "(the map-fixed test did not run)"
		return 0
	fi
	echo "| kernel | build | runs | pass | fail | skip | result |"
	echo "|---|---|---:|---:|---:|---:|---|"
	awk -F'\t' "$RIG_AWK"'FNR == 1 { tsv_header("kernel build runs pass fail skip result"); next }
	{
		printf "| %s | %s | %s | %s | %s | %s | %s |\n", col("kernel"), col("build"), col("runs"),
			col("pass"), col("fail"), col("skip"), col("result")
	}' "$mapfixed"
}

full=$(summary full times)
full_lookups=$(summary full lookups)
sub=$(summary sub times)
sub_lookups=$(summary sub lookups)
places=$(mapfixed_table)
kstatus=$(status_table)
if [ -n "$bad" ]; then
	verdict="NOT OK: $bad: no ratio is computed against a kernel that is not OK."
else
	verdict="OK: every kernel ran to the end with every timing row asked for, no kernel splat, its selftests as the plan (plan.tsv) declares them, and the map-fixed test passed."
fi
{
	echo "# VFIO_IOMMU_MAP_DMA / UNMAP_DMA of a BAR mmap"
	echo
	printf '%s\n' "${RUN_INFO:-}"
	echo
	echo "Kernels: $verdict"
	echo
	printf '%s\n' "$kstatus"
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
		echo "Fixed-address mappings (rig/guest/map-fixed-test.c: MAP_FIXED at 0 and elsewhere,"
		echo "MAP_FIXED_NOREPLACE, MREMAP_FIXED; each build must pass in full on every kernel):"
		echo
		printf '%s\n' "$places"
	fi
	if [ -n "$selftests" ]; then
		printf '\n## VFIO selftests\n\n'
		echo "Upstream's and the series' selftests, per kernel (rig/analyze/compare-selftests.sh):"
		echo
		sed 's/^/- /' "$selftests"
	fi
} >"$out/report.md"

printf '%s\n\n%s\n\n%s\n\n%s\n' "Kernels: $verdict" "$kstatus" "$full" "$full_lookups"
if [ -n "$places" ]; then
	printf '\n%s\n' "$places"
fi

# The plot: median seconds, log scale, one cluster per op x align.
# full_rows PROGRAM [AWK_ARGS...]: run the awk PROGRAM on the measured
# rows of the whole BAR.
full_rows() {
	_prog=$1
	shift
	tsv_awk "$raw" "kernel op align range seconds mode" \
		'col("range") != "full" || col("seconds") == "skip" { next }'"$_prog" "$@"
}
if command -v gnuplot >/dev/null 2>&1 && [ -n "$(full_rows '{ print; exit }')" ]; then
	dat=$out/plot.dat
	full_rows '{
		m = col("mode"); k = m SUBSEP col("op") "-" col("align")
		v[col("kernel"), k, ++c[col("kernel"), k]] = col("seconds"); s[k] = 1
		if (!(m in ms)) { ms[m] = 1; modes[++nm] = m }
	} END {
		if (TSV_FAILED) exit 2
		nk = split(kernels, ks, " ")
		split("map unmap", ops, " ")
		split("pud pmd pte auto dmabuf", als, " ")
		for (m = 1; m <= nm; m++) for (o = 1; o <= 2; o++) for (a = 1; a <= 5; a++) {
			k = modes[m] SUBSEP ops[o] "-" als[a]
			if (k in s) {
				ord[++n] = k
				label[n] = (nm > 1 ? modes[m] ":" : "") ops[o] "-" als[a]
			}
		}
		printf "case %s\n", kernels
		for (i = 1; i <= n; i++) {
			line = label[i]
			for (j = 1; j <= nk; j++) {
				m = c[ks[j], ord[i]]
				for (r = 1; r <= m; r++) t[r] = v[ks[j], ord[i], r]
				sort_numbers(t, m)
				line = line " " (m ? t[int((m + 1) / 2)] : "?")
			}
			print line
		}
	}' -v kernels="$kernels" >"$dat"
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

# Not green unless every kernel is OK.
[ -z "$bad" ] || exit 1
