#!/bin/sh
# Write make vmm's report from rig/analyze/vmm-parse.sh's table (VMM.TSV:
# a header row, then a row per L2 start; read by column name): a table
# of kernel x QEMU -> L2 start time without and with the BARs assigned,
# QEMU's MAP/UNMAP calls on the BARs, the time in them, where the BAR
# mmaps landed; then the evidence per run.  Fails when a run lacks its
# evidence: an L2 that did not start, an assigned BAR whose decode L2
# did not see on, a device without a MAP of its whole BAR, a failed
# call; status 2 when VMM.TSV lacks a column (or its header row).
# Usage: vmm-report.sh VMM.TSV OUT.md   (RUN_INFO: lines for the top)
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

usage="usage: vmm-report.sh VMM.TSV OUT.md"
tsv=${1:?$usage}
md=${2:?$usage}
[ -r "$tsv" ] || { echo "vmm-report: cannot read '$tsv'" >&2; exit 2; }

awk -F'\t' -v info="${RUN_INFO:-}" -v md="$md" "$RIG_AWK"'
function dur(s) {
	if (s == "-")
		return "-"
	if (s < 0.001)
		return sprintf("%.0f us", s * 1e6)
	if (s < 1)
		return sprintf("%.1f ms", s * 1e3)
	return sprintf("%.2f s", s)
}
function out(s) { print s >md }
# counted LIST: "1G,1G,2M" as "2 x 1G, 1 x 2M".
function counted(list,    m, i, a, c, o, r) {
	if (list == "" || list == "-")
		return "-"
	m = split(list, a, ",")
	o = 0
	for (i = 1; i <= m; i++)
		if (!(a[i] in c)) {
			c[a[i]] = 0
			names[++o] = a[i]
		}
	for (i = 1; i <= m; i++)
		c[a[i]]++
	r = ""
	for (i = 1; i <= o; i++)
		r = r (r == "" ? "" : ", ") c[names[i]] " x " names[i]
	return r
}
function problem(s) { problems[++np] = s }
FNR == 1 {
	tsv_header("kernel qemu version case devices status start_s bar_maps bar_unmaps " \
		"map_s unmap_s full_maps decode_on bar_lines align bad_calls offs")
	next
}
{
	k = col("kernel") SUBSEP col("qemu")
	if (!(k in seen)) {
		seen[k] = 1
		order[++n] = k
		kernel[k] = col("kernel")
		qemu[k] = col("qemu") " " col("version")
	}
	# A run is named by its kernel and QEMU version.
	run = col("kernel") ", QEMU " col("version")
	if (col("status") != 0 || col("start_s") == "-")
		problem(run ", " col("case") ": L2 did not start and finish its init (QEMU status " col("status") ")")
	if (col("case") == "floor") {
		floor[k] = col("start_s")
		next
	}
	start[k] = col("start_s"); maps[k] = col("bar_maps"); unmaps[k] = col("bar_unmaps")
	map_s[k] = col("map_s"); unmap_s[k] = col("unmap_s"); full[k] = col("full_maps")
	decode[k] = col("decode_on"); lines[k] = col("bar_lines"); align[k] = col("align")
	devs[k] = col("devices"); offs[k] = col("offs")
	if (decode[k] != devs[k] || lines[k] != devs[k])
		problem(run ": L2 saw decode on for " decode[k] " of " devs[k] " assigned BARs (" lines[k] " BAR lines)")
	if (full[k] < devs[k])
		problem(run ": " full[k] " MAPs of a whole BAR for " devs[k] " devices")
	if (col("bad_calls") != 0)
		problem(run ": " col("bad_calls") " BAR MAP/UNMAP calls failed")
}
END {
	# A table without a column: tsv_header has said so; no report.
	if (TSV_FAILED)
		exit 2
	if (info != "")
		out(info "\n")
	out("| kernel | QEMU | L2 start, no device | L2 start, BARs assigned | added by the BARs | BAR MAP calls (whole BAR) | BAR UNMAP calls | time in MAP | time in UNMAP | MAP+UNMAP / start | BAR mmaps aligned |")
	out("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
	for (i = 1; i <= n; i++) {
		k = order[i]
		share = "-"
		if (start[k] != "" && start[k] != "-" && start[k] > 0)
			share = sprintf("%.3g%%", 100 * (map_s[k] + unmap_s[k]) / start[k])
		shares[k] = share
		added = "-"
		if ((k in floor) && floor[k] != "-" && start[k] != "" && start[k] != "-")
			added = sprintf("%+.2f s", start[k] - floor[k])
		out("| " kernel[k] " | " qemu[k] " | " (k in floor ? floor[k] " s" : "-") " | " \
			(start[k] == "" ? "-" : start[k] " s") " | " added " | " maps[k] + 0 " (" full[k] + 0 ") | " unmaps[k] + 0 " | " \
			dur(map_s[k] + 0) " | " dur(unmap_s[k] + 0) " | " share " | " counted(align[k]) " |")
	}
	out("")
	out("Evidence per run (L2 reads PCI_COMMAND from sysfs; the MAPs are QEMU'"'"'s own calls):")
	out("")
	for (i = 1; i <= n; i++) {
		k = order[i]
		if (!(k in start))
			continue
		out("- " kernel[k] ", QEMU " qemu[k] ": memory decode on in L2 for " decode[k] "/" devs[k] \
			" assigned BARs; it turned decode off " offs[k] " times in all; " full[k] " of " maps[k] \
			" BAR MAPs map a whole BAR; " unmaps[k] " UNMAPs of them")
	}
	out("")
	for (i = 1; i <= n; i++) {
		k = order[i]
		if ((kernel[k] == "patched" || kernel[k] == "mainline") && qemu[k] ~ /^bookworm/ && shares[k] != "-")
			out("- " kernel[k] " with Debian 12'"'"'s QEMU: MAP+UNMAP of the BARs is " shares[k] " of L2'"'"'s start time (" \
				(shares[k] + 0 < 5 ? "under" : "NOT under") " 5%)")
	}
	for (i = 1; i <= np; i++)
		print "rig: error: vmm: " problems[i] >"/dev/stderr"
	exit np > 0
}' "$tsv"
