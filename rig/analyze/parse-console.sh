#!/bin/sh
# Turn the timing lines of vfio_dma_mapping_perf_test in a console log
# into a table: a header row naming the columns, then tab-separated
# rows:
#   kernel op align range bytes seconds lookups mode device
# Timing passes (RIG-PASS timing) give the rows; the lookup-counting
# pass (RIG-PASS lookups) fills "lookups" of the rows of the same
# device, mode, op, align and range; other passes give nothing.  A line
# counts only when the test it was printed in passed: the kselftest
# harness's "ok N NAME" (not "not ok", not "# SKIP") for the test
# opened by the last "#  RUN NAME" follows it.  Lines of a test without
# a result (a guest that died in it) do not count.
# Three formats:
#  - the test's kselftest messages, inside the test they time:
#      # map: BYTES bytes in S.NNNNNNNNN s, N faults[, N lookups]
#    (and unmap), the mode, align and range coming from the test's
#    name (vfio_dma_mapping_perf_test.<mode>_<align>.map_unmap_<range>);
#    without ", N lookups" the lookups are "-";
#  - the VFIO_PERF lines of runs before 2026-12-06's review, with
#    mode=<iommu mode>;
#  - the retired vfio_dma_map_perf's VFIO_PERF lines, without mode=,
#    whose mode (a type1v2 container) is given as vfio_type1v2_iommu.
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
# test_fields NAME: the mode, align and range of a timing test, from its
# name: vfio_dma_mapping_perf_test.<mode>_<align>.map_unmap_<range> or
# bar.<align>.map_unmap_<full|subrange>, into tm, ta and tr; 0 if NAME
# is no timing test.
function test_fields(name,    p) {
	if (split(name, p, ".") != 3 || p[3] !~ /^map_unmap_(full|sub)/)
		return 0
	tr = (p[3] == "map_unmap_full") ? "full" : "sub"
	if (p[1] == "bar") {
		tm = default_mode; ta = p[2]
	} else if (p[2] ~ /_dmabuf$/) {
		tm = "iommufd_dmabuf"; ta = "dmabuf"
	} else {
		ta = p[2]; sub(/.*_/, "", ta)
		tm = substr(p[2], 1, length(p[2]) - length(ta) - 1)
	}
	return 1
}
# measured OP BYTES SECONDS LOOKUPS MODE ALIGN RANGE: one timed line of
# the test that is running.
function measured(op, bytes, seconds, look, m, a, r) {
	np++
	pkey[np] = device SUBSEP m SUBSEP op SUBSEP a SUBSEP r
	plook[np] = look
	prow[np] = kernel OFS op OFS a OFS r OFS bytes OFS seconds
	ptail[np] = m OFS device
}
# skip_row NAME: the row of a skipped timing test, from its name.
function skip_row(name) {
	if (!test_fields(name))
		return
	nrow++
	row[nrow] = kernel OFS "-" OFS ta OFS tr OFS "-" OFS "skip" OFS "" OFS tm OFS device
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
	measured(field("op"), field("bytes"), field("seconds"), field("lookups"),
		mode, field("align"), field("range"))
	next
}
/^# (map|unmap): [0-9]+ bytes in [0-9]+\.[0-9]+ s, [0-9]+ faults/ {
	if (pass != "timing" && pass != "lookups" || !test_fields(run))
		next
	look = "-"
	if (match($0, /, [0-9]+ lookups$/))
		look = substr($0, RSTART + 2, RLENGTH - 10)
	measured(substr($2, 1, length($2) - 1), $3, $6, look, tm, ta, tr)
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
	print "kernel", "op", "align", "range", "bytes", "seconds", "lookups", "mode", "device"
	for (i = 1; i <= nrow; i++) {
		if (key[i] == "")
			print row[i]
		else
			print row[i], ((key[i] in lookups) ? lookups[key[i]] : ""), tail[i]
	}
}'
