#!/bin/sh
# Turn the kselftest's "# VFIO_PERF ..." lines of a console log into
# tab-separated rows:
#   kernel op align range bytes seconds lookups mode device
# Timing passes (RIG-PASS timing) give the rows; the lookup-counting
# pass (RIG-PASS lookups) fills "lookups" of the rows of the same
# device, mode, op, align and range; other passes give nothing.  A line
# counts only when the test it was printed in passed: the kselftest
# harness's "ok N NAME" (not "not ok", not "# SKIP") for the test
# opened by the last "#  RUN NAME" follows it.  Lines of a test without
# a result (a guest that died in it) do not count.
# Two formats: vfio_dma_mapping_perf_test's, with mode=<iommu mode>,
# and the retired vfio_dma_map_perf's, without, whose mode (a type1v2
# container) is given as vfio_type1v2_iommu.
# A timing test that was skipped gives a row with op "-" and seconds
# "skip" for its mode, align and range, so that the report can tell a
# skipped case from a missing one.
# Usage: parse-console.sh KERNEL CONSOLE_LOG
set -eu

kernel=${1:?usage: parse-console.sh KERNEL CONSOLE_LOG}
log=${2:?usage: parse-console.sh KERNEL CONSOLE_LOG}
[ -r "$log" ] || { echo "parse-console: cannot read '$log'" >&2; exit 2; }

tr -d '\r' <"$log" | awk -v kernel="$kernel" '
BEGIN { OFS = "\t"; default_mode = "vfio_type1v2_iommu" }
function field(name,    i) {
	for (i = 1; i <= NF; i++) {
		if (index($i, name "=") == 1)
			return substr($i, length(name) + 2)
	}
	return ""
}
function forget() { np = 0; run = "" }
# skip_row NAME: the row of a skipped timing test, from its name:
# vfio_dma_mapping_perf_test.<mode>_<align>.map_unmap_<range> or
# bar.<align>.map_unmap_<full|subrange>.
function skip_row(name,    p, m, a, r) {
	if (split(name, p, ".") != 3 || p[3] !~ /^map_unmap_(full|sub)/)
		return
	r = (p[3] == "map_unmap_full") ? "full" : "sub"
	if (p[1] == "bar") {
		m = default_mode; a = p[2]
	} else if (p[2] ~ /_dmabuf$/) {
		m = "iommufd_dmabuf"; a = "dmabuf"
	} else {
		a = p[2]; sub(/.*_/, "", a)
		m = substr(p[2], 1, length(p[2]) - length(a) - 1)
	}
	nrow++
	row[nrow] = kernel OFS "-" OFS a OFS r OFS "-" OFS "skip" OFS "" OFS m OFS device
	key[nrow] = ""
}
/^RIG-PASS / {
	pass = $2
	device = field("device")
	forget()
	next
}
/^TAP version / { forget(); next }
/^# +RUN +/ { np = 0; run = $3; next }
/^# VFIO_PERF / {
	if (pass != "timing" && pass != "lookups")
		next
	mode = field("mode")
	if (mode == "")
		mode = default_mode
	np++
	pkey[np] = device SUBSEP mode SUBSEP field("op") SUBSEP field("align") SUBSEP field("range")
	plook[np] = field("lookups")
	prow[np] = kernel OFS field("op") OFS field("align") OFS field("range") OFS \
		field("bytes") OFS field("seconds")
	ptail[np] = mode OFS device
	next
}
/^(not )?ok [0-9]+ / {
	name = ($1 == "not") ? $4 : $3
	skipped = / # [Ss][Kk][Ii][Pp]/
	if ($1 == "ok" && !skipped && name == run) {
		for (i = 1; i <= np; i++) {
			if (pass == "timing") {
				nrow++
				row[nrow] = prow[i]
				tail[nrow] = ptail[i]
				key[nrow] = pkey[i]
			} else if (plook[i] != "-") {
				lookups[pkey[i]] = plook[i]
			}
		}
	} else if ($1 == "ok" && skipped && pass == "timing") {
		skip_row(name)
	}
	forget()
}
END {
	for (i = 1; i <= nrow; i++) {
		if (key[i] == "")
			print row[i]
		else
			print row[i], ((key[i] in lookups) ? lookups[key[i]] : ""), tail[i]
	}
}'
