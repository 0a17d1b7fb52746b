#!/bin/sh
# The rig's options with their defaults, from the one place each is
# set (rig/options), per target:  NAME=default  what.  For make help.
set -eu
awk -F'\t' '
	/^#/ || NF < 3 || $1 == "target" { next }
	$1 != last { printf "%s:\n", ($1 == "rig" ? "every target" : $1 == "guest" ? "the guest (run, vmm, soak, shell)" : "make " $1); last = $1 }
	{ printf "  %s=%s  %s\n", $2, ($3 == "-" ? "" : $3), $4 }' "$(dirname "$0")/options"
