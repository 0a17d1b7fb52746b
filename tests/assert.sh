# shellcheck shell=sh
# Tiny assertions for the rig's tests.  Sourced.
set -eu
# shellcheck disable=SC2034 # used by the sourcing tests
TOP=$(cd "$(dirname "$0")/.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_status WANT CMD...: run CMD (output in $TMP/out), check status.
expect_status() {
	want=$1
	shift
	st=0
	"$@" >"$TMP/out" 2>&1 || st=$?
	[ "$st" -eq "$want" ] || {
		cat "$TMP/out" >&2
		fail "'$*' exited $st, expected $want"
	}
}

# expect_output REGEX: the last command's output matches REGEX.
expect_output() {
	grep -q -E -e "$1" "$TMP/out" || {
		cat "$TMP/out" >&2
		fail "output lacks /$1/"
	}
}
