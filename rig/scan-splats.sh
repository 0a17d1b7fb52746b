#!/bin/sh
# Scan a guest console log for kernel splats.  A test that exits 0
# beside a splat has failed.
# Usage: scan-splats.sh CONSOLE_LOG
# Exit status: 0 clean, 1 splats found (printed), 2 usage error.
set -eu

log=${1:-}
[ -r "$log" ] || { echo "scan-splats: cannot read '$log'" >&2; exit 2; }
allow=${SPLAT_ALLOWLIST:-$(dirname "$0")/splat-allowlist}

deny='WARNING:|BUG:|Oops|general protection fault|Kernel panic|KASAN:|UBSAN:'
deny="$deny|possible circular locking|possible recursive locking"
deny="$deny|inconsistent lock state|suspicious RCU usage|circular dependency"
deny="$deny|blocked for more than|soft lockup|hard LOCKUP"
deny="$deny|rcu_sched self-detected stall|detected stalls on CPUs"
deny="$deny|list_add corruption|list_del corruption|kernel BUG at"

patterns=$(mktemp)
trap 'rm -f "$patterns"' EXIT
grep -v -e '^#' -e '^[[:space:]]*$' "$allow" | cut -f1 >"$patterns" || true

hits=$(tr -d '\r' <"$log" | grep -E "$deny" | grep -v -E -f "$patterns" || true)
if [ -n "$hits" ]; then
	echo "scan-splats: kernel splat in $log:" >&2
	printf '%s\n' "$hits" | head -n 20 >&2
	exit 1
fi
exit 0
