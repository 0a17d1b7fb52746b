#!/bin/sh
# A real boot of the main job whose guest's timed test fails: rig/run.sh
# exits non-zero and its report says the kernel FAILED, keeping only the
# rows of the test that passed.  The guest's /init is a stub that
# prints what a failing vfio_dma_mapping_perf_test prints, on the test
# channel (ttyS1) as rig/guest/init.sh does, so the console is a real
# serial one (CR LF) of a one-minute boot.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
tab=$(printf '\t')

cat >"$TMP/init" <<'INIT'
#!/bin/sh
export PATH=/bin
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t devtmpfs devtmpfs /dev
exec >/dev/ttyS1 2>&1
t=vfio_dma_mapping_perf_test.vfio_type1v2_iommu
p="# VFIO_PERF mode=vfio_type1v2_iommu"
echo "RIG: kernel $(uname -r), the stub /init of tests/guest/status.sh"
echo "RIG-PASS timing device=0000:01:00.0 rep=1"
echo "TAP version 13"
echo "1..2"
echo "#  RUN           ${t}_pud.map_unmap_full ..."
echo "$p op=map align=pud range=full bytes=1073741824 seconds=0.000100000 lookups=-"
echo "$p op=unmap align=pud range=full bytes=1073741824 seconds=0.000200000 lookups=-"
echo "#            OK  ${t}_pud.map_unmap_full"
echo "ok 1 ${t}_pud.map_unmap_full"
echo "#  RUN           ${t}_pmd.map_unmap_full ..."
echo "$p op=map align=pmd range=full bytes=1073741824 seconds=0.000300000 lookups=-"
echo "#          FAIL  ${t}_pmd.map_unmap_full"
echo "not ok 2 ${t}_pmd.map_unmap_full"
echo "RIG: map-fixed test absent: no /bin/map_fixed_test in the initramfs"
echo "RIG: map-fixed test absent: no /bin/map_fixed_test_32 in the initramfs"
echo "RIG-PASS end"
echo "RIG-EXIT rc=1"
poweroff -f
INIT

st=0
GUEST_INIT=$TMP/init TEST_BINS=/bin/busybox KERNELS=patched BAR_GIB=1 \
	REPS=1 RIG_OUT=$TMP/run QUIET=1 GUEST_TIMEOUT=300 \
	"$TOP/rig/run.sh" >"$TMP/out" 2>&1 || st=$?
[ "$st" -ne 0 ] || { cat "$TMP/out"; fail "run.sh exited 0 after a failing guest"; }
expect_output 'rig: error: not every kernel is OK'
# (The stub has no map-fixed test either: that is said after.)
grep -qF '| patched | FAILED | RIG-EXIT rc=1; not ok: vfio_dma_mapping_perf_test.vfio_type1v2_iommu_pmd.map_unmap_full (timing); map-fixed test 64-bit: FAIL: not in the initramfs |' \
	"$TMP/run/report.md" || { cat "$TMP/run/report.md"; fail "report.md does not say patched FAILED"; }
grep -qF 'Kernels: NOT OK: patched (FAILED)' "$TMP/run/report.md" || fail "report.md: no verdict"
grep -qx "patched${tab}map${tab}pud${tab}1073741824${tab}0.000100000${tab}${tab}vfio_type1v2_iommu${tab}FAILED" \
	"$TMP/run/results.tsv" || { cat "$TMP/run/results.tsv"; fail "results.tsv: no FAILED row of the test that passed"; }
grep -q "${tab}pmd${tab}" "$TMP/run/results.tsv" && fail "results.tsv: a row of the failed test"
echo "status (real boot): ok"
