#!/bin/sh
# Judge a run of the main job from its files alone, and write its
# report: what rig/run.sh does after the guests stopped, and what
# `make report OUT=DIR` does again for a saved run (results/*).
# Reads OUTDIR/console-KERNEL.log (the tests' channel), kernel-KERNEL.log
# (the kernel's console; older runs have one console for both, and it
# is read for both), run.env (KERNELS, ALIGNS, REPS, BAR_COUNT,
# PLAN_GROUPS: what the run was asked for), plan.tsv (the plan its
# selftests are judged against, rig/plan when it was run; today's
# rig/plan for a run without one) and run-info.txt (the report's head).  Without
# run.env (runs before it was written) the kernels are those with a
# console, and REPS and BAR_COUNT come from the report's head.
# A kernel is OK only if its guest ran to the end with every timing
# row asked for, no kernel splat, its selftests as the plan declares
# them (rig/analyze/compare-selftests.sh) and the map-fixed test passed; otherwise FAILED or
# INCOMPLETE, with the reason.
# Writes plan.tsv, raw.tsv, console-status.tsv, selftests.tsv,
# selftests.txt, mapfixed.tsv, judged-status.tsv and, through rig/analyze/report.sh,
# status.tsv, results.tsv, report.md (and report.svg).
# Usage: judge-run.sh OUTDIR [DESTDIR]
#   DESTDIR: where to write what it makes (default OUTDIR), so that a
#   saved run is re-judged without touching it.
# Exit status: 0 when every kernel is OK, 1 otherwise, 2 usage error.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

src=${1:-}
if [ -z "$src" ] || [ ! -d "$src" ] || [ $# -gt 2 ]; then
	echo "usage: judge-run.sh OUTDIR [DESTDIR] (got '$*')" >&2
	exit 2
fi
out=${2:-$src}
mkdir -p "$out"

KERNELS='' ALIGNS='' REPS='' BAR_COUNT='' PLAN_GROUPS=''
if [ -f "$src/run.env" ]; then
	# shellcheck disable=SC1091 # written by rig/run.sh
	. "$src/run.env"
fi
# The plan the run is judged against: the one it was run under
# (plan.tsv, which rig/run.sh saves), else today's, said.
plan=$src/plan.tsv
if [ ! -f "$plan" ]; then
	plan=$RIG_DIR/plan
	echo "NOTE: $src has no plan.tsv (the run predates it): judged against today's $plan" >&2
fi
[ "$(realpath "$plan")" = "$(realpath -m "$out/plan.tsv")" ] || cp "$plan" "$out/plan.tsv"
if [ -f "$src/run-info.txt" ]; then
	info=$(cat "$src/run-info.txt")
elif [ -f "$src/report.md" ]; then
	info=$(sed -n '3,/^$/p' "$src/report.md" | sed '/^$/d')
else
	info="Run of unknown date (no run-info.txt or report.md in $src)."
fi
if [ -z "$REPS" ] || [ -z "$BAR_COUNT" ]; then
	REPS=$(printf '%s\n' "$info" | sed -n 's/.* \([0-9][0-9]*\) timing runs per case.*/\1/p' | head -n 1)
	BAR_COUNT=$(printf '%s\n' "$info" | sed -n 's/.* \([0-9][0-9]*\) x [0-9][0-9]* GiB BAR.*/\1/p' | head -n 1)
fi

# The kernels: those the run was to boot, then any other with a
# console, the rig's in their order first.
ran=
for f in "$src"/console-*.log; do
	[ -f "$f" ] || continue
	k=${f##*/console-}
	ran="$ran ${k%.log}"
done
kernels=
for k in $KERNEL_NAMES $KERNELS $ran; do
	case " $KERNELS $ran " in *" $k "*) ;; *) continue ;; esac
	case " $kernels " in *" $k "*) ;; *) kernels="$kernels $k" ;; esac
done
[ -n "$kernels" ] || die "judge: no console-KERNEL.log in $src"

status=0
: >"$out/raw.tsv"
: >"$out/console-status.tsv"
: >"$out/selftests.tsv"
: >"$out/mapfixed.tsv"
printf 'kernel\tsplat\n' >"$out/splats.tsv"
# Runs made before the map-fixed test existed have none of its lines.
mapfixed=''
if cat "$src"/console-*.log 2>/dev/null | grep -q -e '^RIG-PASS mapfixed ' -e '^RIG: map-fixed test absent'; then
	mapfixed=1
else
	echo "NOTE: no console of $src has the map-fixed test (the run predates it): not judged" >&2
fi
for k in $kernels; do
	log=$src/console-$k.log
	if [ ! -f "$log" ]; then
		printf 'kernel\tstatus\tdetail\n%s\tINCOMPLETE\tno console: the guest did not run\n' "$k" |
			tsv_append "$out/console-status.tsv"
		continue
	fi
	klog=$src/kernel-$k.log
	[ -f "$klog" ] || klog=$log
	append_table "$out/raw.tsv" "$RIG_DIR/analyze/parse-console.sh" "$k" "$log"
	append_table "$out/console-status.tsv" "$RIG_DIR/analyze/console-status.sh" "$k" "$log"
	append_table "$out/selftests.tsv" "$RIG_DIR/analyze/parse-selftests.sh" "$k" "$log"
	if [ -n "$mapfixed" ] && ! append_table "$out/mapfixed.tsv" "$RIG_DIR/analyze/map-fixed.sh" "$k" "$log"; then
		echo "rig: error: $k: the map-fixed test failed (console: $log)" >&2
		status=1
	fi
	if ! "$RIG_DIR/analyze/scan-splats.sh" "$klog" "$k" 2>"$out/splats-$k.txt"; then
		printf '%s\t%s\n' "$k" "$(sed -n 2p "$out/splats-$k.txt")" >>"$out/splats.tsv"
		cat "$out/splats-$k.txt" >&2
		status=1
	fi
	rm -f "$out/splats-$k.txt"
done

# The selftests as the plan declares them (rig/plan).  No console at
# all leaves the table without its header row: the parser's, of nothing.
[ -s "$out/selftests.tsv" ] ||
	"$RIG_DIR/analyze/parse-selftests.sh" - /dev/null >"$out/selftests.tsv"
want=''
tsv_has_rows "$out/selftests.tsv" && want=$kernels
if ! env KERNELS="$want" PLAN="$out/plan.tsv" ${PLAN_GROUPS:+PLAN_GROUPS="$PLAN_GROUPS"} \
	"$RIG_DIR/analyze/compare-selftests.sh" "$out/selftests.tsv" >"$out/selftests.txt"; then
	echo "rig: error: the VFIO selftests regressed or failed" >&2
	status=1
fi
cat "$out/selftests.txt"

# Each kernel's status: the console's, then FAILED for a splat, a
# selftest error or a failed map-fixed test on it (the first one named).
awk -F'\t' "$RIG_AWK"'
	FNR == 1 && FILENAME == ARGV[1] { tsv_header("kernel splat"); next }
	FNR == 1 && FILENAME == ARGV[3] { tsv_header("kernel build result"); next }
	FNR == 1 && FILENAME == ARGV[4] { tsv_header("kernel status detail"); print; next }
	FILENAME == ARGV[1] { if (!(col("kernel") in splat)) splat[col("kernel")] = col("splat"); next }
	FILENAME == ARGV[3] {
		if (col("result") ~ /^FAIL/)
			mapfixed[col("kernel")] = mapfixed[col("kernel")] "; map-fixed test " col("build") ": " col("result")
		next
	}
	FILENAME == ARGV[2] {
		if (index($0, "selftests: error: ") == 1) {
			s = substr($0, 19); k = s; sub(/:.*/, "", k); sub(/^[^:]*: /, "", s)
			if (!(k in st)) { st[k] = s; nerr[k] = 0 }
			nerr[k]++
		}
		next
	}
	{
		k = col("kernel"); s = col("status"); d = col("detail")
		if (k in splat) { s = (s == "OK" ? "FAILED" : s); d = d "; kernel splat: " splat[k] }
		if (k in st) {
			s = (s == "OK" ? "FAILED" : s)
			d = d "; selftests: " st[k] (nerr[k] > 1 ? " (and " nerr[k] - 1 " more)" : "")
		}
		if (k in mapfixed) { s = (s == "OK" ? "FAILED" : s); d = d mapfixed[k] }
		print k "\t" s "\t" d
	}
	END { if (TSV_FAILED) exit 2 }' "$out/splats.tsv" "$out/selftests.txt" "$out/mapfixed.tsv" "$out/console-status.tsv" >"$out/judged-status.tsv"
rm -f "$out/splats.tsv"

RUN_INFO=$info REPS=$REPS BAR_COUNT=$BAR_COUNT ALIGNS=$ALIGNS \
	"$RIG_DIR/analyze/report.sh" "$out/raw.tsv" "$out/judged-status.tsv" "$out" \
	"${mapfixed:+$out/mapfixed.tsv}" "$out/selftests.txt" || status=1

# The kernel's own mm selftests: cases ok/failed/skipped per program and
# kernel, beside the verdict above (no case may differ from the peer).
if grep -q "$(printf '\t')mm-" "$out/selftests.tsv"; then
	{
		printf '\n## The kernel'"'"'s mm selftests\n\n'
		echo "Cases ok/failed/skipped per program (tools/testing/selftests/mm of"
		echo "the 7.x tree, docs/mm-selftests.md); with a series, no case may differ"
		echo "from the kernel without it (rig/analyze/compare-selftests.sh, above):"
		echo
		awk -F'\t' -v names="$kernels" "$RIG_AWK"'
			FNR == 1 { tsv_header("kernel program result"); next }
			col("program") ~ /^mm-/ {
				p = col("program"); k = col("kernel"); res = col("result")
				if (!(p in seen)) { seen[p] = 1; progs[++np] = p }
				r = (res == "ok" ? 1 : res == "skip" ? 3 : 2)
				n[k, p, r]++; ran[k] = 1
			}
			END {
				if (TSV_FAILED) exit 2
				nk = split(names, ks, " ")
				head = "| program |"; rule = "|---|"
				for (i = 1; i <= nk; i++) if (ks[i] in ran) {
					head = head " " ks[i] " |"; rule = rule "---:|"; use[++nu] = ks[i]
				}
				print head; print rule
				for (p = 1; p <= np; p++) {
					line = "| " substr(progs[p], 4) " |"
					for (i = 1; i <= nu; i++)
						line = line sprintf(" %d/%d/%d |", n[use[i], progs[p], 1],
							n[use[i], progs[p], 2], n[use[i], progs[p], 3])
					print line
				}
			}' "$out/selftests.tsv"
	} >>"$out/report.md"
fi
exit "$status"
