#!/bin/sh
# The rig's options with their defaults, from the one place each is
# set: the `: "${NAME:=default}"` lines of the entry scripts (make run,
# vmm, soak, the guest's boot, set-up) and rig/lib.sh and rig/versions,
# one line each:  NAME=default  (script).  For make help.
set -eu
cd "$(dirname "$0")"
for f in run.sh vmm.sh soak.sh shell.sh judge-run.sh boot-guest.sh install-deps.sh lib.sh versions; do
	# shellcheck disable=SC2016 # the pattern matches a literal ${
	grep -o '"${[A-Z_][A-Z0-9_]*:=[^"]*}"' "$f" |
		sed -e 's/^"${\([A-Z0-9_]*\):=\(.*\)}"$/  \1=\2/' -e "s|\$|	(rig/$f)|"
done
