#!/bin/sh
# The rig's options with their defaults, from the one place each is
# set (rig/options), per target:  NAME=default  what.  For make help.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck disable=SC2016 # an awk program
options_awk '
	col("target") != last {
		t = col("target")
		printf "%s:\n", (t == "rig" ? "every target" : t == "guest" ? "the guest (run, vmm, soak, shell)" : "make " t)
		last = t
	}
	{ printf "  %s=%s  %s\n", col("option"), (col("default") == "-" ? "" : col("default")), col("what") }'
