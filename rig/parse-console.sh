#!/bin/sh
# Turn the kselftest's "# VFIO_PERF ..." lines of a console log into
# tab-separated rows: kernel op align range bytes seconds lookups.
# Timing passes give the rows; the lookup-counting pass fills "lookups"
# for the matching (device, op, align, range).
# Usage: parse-console.sh KERNEL CONSOLE_LOG
set -eu

kernel=${1:?usage: parse-console.sh KERNEL CONSOLE_LOG}
log=${2:?usage: parse-console.sh KERNEL CONSOLE_LOG}
[ -r "$log" ] || { echo "parse-console: cannot read '$log'" >&2; exit 2; }

tr -d '\r' <"$log" | awk -v kernel="$kernel" '
function field(name,    i, kv) {
	for (i = 1; i <= NF; i++) {
		if (index($i, name "=") == 1)
			return substr($i, length(name) + 2)
	}
	return ""
}
/^RIG-PASS / {
	pass = $2
	device = field("device")
	next
}
/^# VFIO_PERF / {
	k = device SUBSEP field("op") SUBSEP field("align") SUBSEP field("range")
	if (pass == "lookups") {
		if (field("lookups") != "-")
			lookups[k] = field("lookups")
		next
	}
	if (pass != "timing")
		next
	n++
	key[n] = k
	row[n] = kernel "\t" field("op") "\t" field("align") "\t" \
		field("range") "\t" field("bytes") "\t" field("seconds")
}
END {
	for (i = 1; i <= n; i++)
		print row[i] "\t" ((key[i] in lookups) ? lookups[key[i]] : "")
}'
