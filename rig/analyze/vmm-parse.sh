#!/bin/sh
# Turn the console of a make vmm guest (rig/guest/vmm-init.sh's tagged lines)
# into a table (tab-separated): a header row naming its columns,
#   kernel qemu version case devices status start_s bar_maps bar_unmaps
#   map_s unmap_s full_maps decode_on bar_lines align bad_calls offs
# then one row per L2 start.  Its readers go by those names (col() of
# rig/analyze/lib.awk), never by position; rig/vmm.sh appends the
# tables of its kernels into vmm.tsv with one header row (tsv_append).
# bar_maps: VFIO_IOMMU_MAP_DMA calls whose vaddr lies in one of QEMU's
# vfio BAR mmaps; bar_unmaps: UNMAP_DMA calls of a range such a MAP
# mapped; map_s/unmap_s: the time spent in them; full_maps: the MAPs of
# a whole BAR of BAR_BYTES; decode_on/bar_lines: L2's VMM-L2-BAR lines
# with memory decode on / in all; align: where QEMU's BAR_BYTES mmaps
# start (1G, 2M or 4K aligned, one per mmap); bad_calls: BAR MAP/UNMAP
# calls that failed; offs: how often L2 turned memory decode off on an
# assigned device (QEMU's trace of the command register writes).
# Usage: vmm-parse.sh KERNEL CONSOLE_LOG BAR_BYTES
set -eu

usage="usage: vmm-parse.sh KERNEL CONSOLE_LOG BAR_BYTES"
kernel=${1:?$usage}
log=${2:?$usage}
bar=${3:?$usage}
[ -r "$log" ] || { echo "vmm-parse: cannot read '$log'" >&2; exit 2; }

# The header row's columns, in the order END's printf writes them.
cols="kernel qemu version case devices status start_s bar_maps bar_unmaps"
cols="$cols map_s unmap_s full_maps decode_on bar_lines align bad_calls offs"

tr -d '\r' <"$log" | awk -v kernel="$kernel" -v bar="$bar" -v cols="$cols" '
BEGIN {
	head = cols
	gsub(/ /, "\t", head)
	print head
}
function field(name,    i) {
	for (i = 1; i <= NF; i++)
		if (index($i, name "=") == 1)
			return substr($i, length(name) + 2)
	return ""
}
# hex S: the value of a hexadecimal number (exact below 2^53).
function hex(s,    i, n) {
	s = tolower(s)
	sub(/^0x/, "", s)
	n = 0
	for (i = 1; i <= length(s); i++)
		n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return n
}
function align(a) {
	if (a % 1073741824 == 0)
		return "1G"
	if (a % 2097152 == 0)
		return "2M"
	return "4K"
}
$1 == "VMM-QEMU" { version[field("name")] = field("version") }
$1 == "VMM-RUN" {
	k = field("qemu") SUBSEP field("case")
	runs[++nr] = k
	qemu[k] = field("qemu")
	kase[k] = field("case")
	devices[k] = field("devices")
	status[k] = field("status")
	start[k] = field("start_s")
}
$1 == "VMM-IOCTL" {
	k = $2 SUBSEP $3
	n = ++ncall[k]
	op[k, n] = $4
	iova[k, n] = field("iova")
	size[k, n] = hex(field("size"))
	vaddr[k, n] = hex(field("vaddr"))
	us[k, n] = field("us")
	rc[k, n] = field("rc")
}
$1 == "VMM-MAPS" && /vfio-device/ {
	k = $2 SUBSEP $3
	split($4, rg, "-")
	n = ++nmap[k]
	mstart[k, n] = hex(rg[1])
	mend[k, n] = hex(rg[2])
}
$1 == "VMM-TRACE" && $4 ~ /:vfio_pci_write_config$/ && $6 == "@0x4," {
	k = $2 SUBSEP $3
	d = $5
	v = $7
	sub(/,$/, "", v)
	on = int(hex(v) / 2) % 2
	if (decoding[k, d] && !on)
		offs[k]++
	decoding[k, d] = on
}
$1 == "VMM-L2" && $5 == "VMM-L2-BAR" {
	k = $2 SUBSEP $3
	lines[k]++
	if (field("decode") == "on")
		decode[k]++
}
END {
	for (r = 1; r <= nr; r++) {
		k = runs[r]
		maps = unmaps = full = bad = 0
		map_us = unmap_us = 0
		split("", mapped)
		for (i = 1; i <= ncall[k]; i++) {
			if (op[k, i] == "map") {
				inbar = 0
				for (j = 1; j <= nmap[k]; j++)
					if (vaddr[k, i] >= mstart[k, j] && vaddr[k, i] < mend[k, j])
						inbar = 1
				if (!inbar)
					continue
				maps++
				map_us += us[k, i]
				mapped[iova[k, i], size[k, i]] = 1
				if (size[k, i] == bar)
					full++
			} else if ((iova[k, i], size[k, i]) in mapped) {
				unmaps++
				unmap_us += us[k, i]
			} else {
				continue
			}
			if (rc[k, i] != 0)
				bad++
		}
		al = ""
		for (j = 1; j <= nmap[k]; j++)
			if (mend[k, j] - mstart[k, j] == bar)
				al = al (al == "" ? "" : ",") align(mstart[k, j])
		printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%.6f\t%.6f\t%d\t%d\t%d\t%s\t%d\t%d\n",
			kernel, qemu[k], version[qemu[k]], kase[k], devices[k],
			status[k], start[k], maps, unmaps, map_us / 1e6,
			unmap_us / 1e6, full, decode[k] + 0, lines[k] + 0,
			(al == "" ? "-" : al), bad, offs[k] + 0
	}
}'
