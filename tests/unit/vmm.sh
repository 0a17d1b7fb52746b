#!/bin/sh
# make vmm's console parsing and report: a run's row (BAR MAPs by the
# vaddr in QEMU's vfio mmaps, UNMAPs of what they mapped, whole-BAR
# MAPs, decode on, mmap alignment); the table's header row, which the
# report reads its columns by (in any order; one missing or renamed is
# an error), and two kernels' tables joined as make vmm joins them; the
# report's table and its failures: decode off in L2, no whole-BAR MAP,
# an L2 that never started, a failed call.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
parse=$TOP/rig/analyze/vmm-parse.sh
report=$TOP/rig/analyze/vmm-report.sh
data=$TOP/tests/data/vmm-console-mainline.log
tab=$(printf '\t')
gib=1073741824

expect_status 0 "$parse" mainline "$data" "$gib"
head="kernel${tab}qemu${tab}version${tab}case${tab}devices${tab}status${tab}start_s${tab}bar_maps${tab}bar_unmaps"
head="$head${tab}map_s${tab}unmap_s${tab}full_maps${tab}decode_on${tab}bar_lines${tab}align${tab}bad_calls${tab}offs"
[ "$(sed -n 1p "$TMP/out")" = "$head" ] || fail "not the header row: $(sed -n 1p "$TMP/out")"
[ "$(grep -c . "$TMP/out")" -eq 3 ] || fail "not a header row and 2 rows: $(cat "$TMP/out")"
expect_output "^mainline${tab}bookworm${tab}7.2.22${tab}floor${tab}0${tab}0${tab}172.78${tab}0${tab}0${tab}"
# 4 whole-BAR MAPs at boot and 4 after L2's sizing, 8 of the 4 KiB
# BAR0s; 8 UNMAPs; L2 saw decode on for all 4; all 4 mmaps 1G aligned;
# L2 turned decode off once per device.
expect_output "^mainline${tab}bookworm${tab}7.2.22${tab}assigned${tab}4${tab}0${tab}164.15${tab}16${tab}8${tab}0.006054${tab}0.002099${tab}8${tab}4${tab}4${tab}1G,1G,1G,1G${tab}0${tab}4\$"
cp "$TMP/out" "$TMP/good.tsv"
expect_status 0 "$report" "$TMP/good.tsv" "$TMP/good.md"
grep -q '^| mainline | bookworm 7.2.22 | 172.78 s | 164.15 s | -8.63 s | 16 (8) | 8 | 6.1 ms | 2.1 ms | 0.00497% | 4 x 1G |$' "$TMP/good.md" ||
	fail "unexpected table row: $(grep '^| mainline' "$TMP/good.md")"
grep -q 'is 0.00497% of L2.s start time (under 5%)' "$TMP/good.md" || fail "no 5% line"
grep -q 'it turned decode off 4 times in all; 8 of 16 BAR MAPs map a whole BAR; 8 UNMAPs of them' "$TMP/good.md" ||
	fail "no evidence line"

# The report reads its columns by name: the same table, its columns in
# reverse order, is the same report.
awk -F'\t' -v OFS='\t' '{ for (i = NF; i > 1; i--) printf "%s\t", $i; print $1 }' \
	"$TMP/good.tsv" >"$TMP/reversed.tsv"
expect_status 0 "$report" "$TMP/reversed.tsv" "$TMP/reversed.md"
cmp -s "$TMP/good.md" "$TMP/reversed.md" ||
	fail "the report of the reversed table differs: $(diff "$TMP/good.md" "$TMP/reversed.md")"
# A table without its header row, or with a column renamed, is no
# report (status 2), not one of wrong columns.
sed 1d "$TMP/good.tsv" >"$TMP/headless.tsv"
expect_status 2 "$report" "$TMP/headless.tsv" "$TMP/headless.md"
expect_output 'headless.tsv: no column kernel in its header row'
sed '1s/full_maps/whole_maps/' "$TMP/good.tsv" >"$TMP/renamed.tsv"
expect_status 2 "$report" "$TMP/renamed.tsv" "$TMP/renamed.md"
expect_output 'renamed.tsv: no column full_maps in its header row'

# Two kernels' tables joined as make vmm joins them (tsv_append): one
# header row, each kernel's rows, a table row each in the report.
for k in mainline patched; do
	"$parse" "$k" "$data" "$gib" | tsv_append "$TMP/two.tsv"
done
[ "$(grep -c "^kernel$tab" "$TMP/two.tsv")" -eq 1 ] || fail "not one header row: $(cat "$TMP/two.tsv")"
[ "$(grep -c "^patched${tab}bookworm${tab}" "$TMP/two.tsv")" -eq 2 ] || fail "not patched's 2 rows: $(cat "$TMP/two.tsv")"
expect_status 0 "$report" "$TMP/two.tsv" "$TMP/two.md"
grep -q '^| patched | bookworm 7.2.22 | 172.78 s | 164.15 s |' "$TMP/two.md" ||
	fail "no table row for patched: $(cat "$TMP/two.md")"

# The same BAR MAPs against a BAR size they do not have: none whole.
expect_status 0 "$parse" mainline "$data" $((2 * gib))
expect_output "${tab}16${tab}8${tab}0.006054${tab}0.002099${tab}0${tab}4${tab}4${tab}-${tab}0${tab}4\$"
cp "$TMP/out" "$TMP/size.tsv"
expect_status 1 "$report" "$TMP/size.tsv" "$TMP/size.md"
expect_output 'mainline, QEMU 7.2.22: 0 MAPs of a whole BAR for 4 devices'

# An mmap placed 4 KiB off a 1 GiB boundary, decode off for one BAR, a
# failed MAP.
sed -e 's/^VMM-MAPS bookworm assigned 7f5940000000-7f5980000000/VMM-MAPS bookworm assigned 7f5940001000-7f5980001000/' \
	-e 's/vaddr=0x7f5940000000/vaddr=0x7f5940001000/' \
	-e '0,/decode=on/s/command=0x0103 decode=on/command=0x0101 decode=off/' \
	-e 's/\(iova=0x140000000 size=0x40000000 vaddr=0x7f59c0000000 us=223\) rc=0/\1 rc=-14/' \
	"$data" >"$TMP/bad.log"
expect_status 0 "$parse" mainline "$TMP/bad.log" "$gib"
expect_output "${tab}3${tab}4${tab}4K,1G,1G,1G${tab}1${tab}4\$"
cp "$TMP/out" "$TMP/bad.tsv"
expect_status 1 "$report" "$TMP/bad.tsv" "$TMP/bad.md"
expect_output 'L2 saw decode on for 3 of 4 assigned BARs'
expect_output '1 BAR MAP/UNMAP calls failed'

# An L2 that never reached its init.
sed -e 's/case=assigned devices=4 status=0 start_s=164.15/case=assigned devices=4 status=137 start_s=-/' \
	-e '/^VMM-L2 bookworm assigned/d' "$data" >"$TMP/dead.log"
"$parse" mainline "$TMP/dead.log" "$gib" >"$TMP/dead.tsv"
expect_status 1 "$report" "$TMP/dead.tsv" "$TMP/dead.md"
expect_output 'mainline, QEMU 7.2.22, assigned: L2 did not start and finish its init \(QEMU status 137\)'
expect_status 2 "$parse" mainline "$TMP/none.log" "$gib"
echo "vmm parse and report: ok"
