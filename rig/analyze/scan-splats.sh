#!/bin/sh
# Scan a guest console log for kernel splats.  A test that exits 0
# beside a splat has failed.
# Usage: scan-splats.sh CONSOLE_LOG [KERNEL]
#   KERNEL: the kernel that wrote it; the allowlist's lines for it
#   apply (without it, only those for every kernel).
# Exit status: 0 clean, 1 splats found (printed), 2 usage error.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

log=${1:-}
[ -r "$log" ] || { echo "scan-splats: cannot read '$log'" >&2; exit 2; }
kernel=${2:-}
allow=$SPLAT_ALLOWLIST

deny='WARNING:|BUG:|Oops|general protection fault|Kernel panic|KASAN:|UBSAN:'
deny="$deny|possible circular locking|possible recursive locking"
deny="$deny|inconsistent lock state|suspicious RCU usage|circular dependency"
deny="$deny|blocked for more than|soft lockup|hard LOCKUP"
deny="$deny|rcu_sched self-detected stall|detected stalls on CPUs"
deny="$deny|list_add corruption|list_del corruption|kernel BUG at"
# A page table entry the kernel took for a corrupt one and cleared.
deny="$deny|: bad (pgd|p4d|pud|pmd|pte) "

# The allowlist's patterns for this kernel: its columns regex, kernels
# (as in rig/plan: *, series, bare or names; lib.awk's on_kernel) and
# reason, read by name.
patterns=$(mktemp)
trap 'rm -f "$patterns"' EXIT
awk -F'\t' -v k="$kernel" -v withseries="$(kernels_with_series)" "$RIG_AWK"'
	!rig_row("regex kernels reason") { next }
	NF != TSV_NF[FILENAME] || col("reason") == "" {
		printf "scan-splats: %s:%d: not regex, kernels, reason\n", FILENAME, FNR > "/dev/stderr"
		bad = 1
		exit 2
	}
	on_kernel(col("kernels"), k) { print col("regex") }
	END {
		if (!TSV_FAILED && !bad && !(ARGV[1] in TSV_HEAD)) {
			printf "scan-splats: %s has no header row\n", ARGV[1] > "/dev/stderr"
			bad = 1
		}
		exit (bad || TSV_FAILED) ? 2 : 0
	}' "$allow" >"$patterns" || exit 2

hits=$(tr -d '\r' <"$log" | grep -E "$deny" | { if [ -s "$patterns" ]; then grep -v -E -f "$patterns"; else cat; fi; } || true)
if [ -n "$hits" ]; then
	echo "scan-splats: kernel splat in $log:" >&2
	printf '%s\n' "$hits" | head -n 20 >&2
	exit 1
fi
exit 0
