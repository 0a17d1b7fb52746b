# shellcheck shell=sh
# Tiny assertions for the rig's tests.  Sourced.
set -eu
# shellcheck disable=SC2034 # used by the sourcing tests
TOP=$(cd "$(dirname "$0")/../.." && pwd)
# The rig's options as a user may have set them for make: a test sets
# what it needs itself.
# Every option of rig/options but RIG_CACHE (the shared cache, below).
# (lib.sh read in a clean environment: what is to be unset cannot
# break it.)
# shellcheck disable=SC2046,SC2016 # one name per word; an awk program
unset $(env -i PATH="$PATH" HOME="$HOME" sh -c '. "$0"; options_awk '\''col("option") != "RIG_CACHE" { print col("option") }'\' "$TOP/rig/lib.sh")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Each test has a RIG_CACHE of its own, so that two runs of the tests
# on one machine do not meet: its BAR files (run/), logs and build
# directories (build/: the kselftest's, a kernel's on a cache miss) are
# its own.  Shared with the cache it was started with (RIG_CACHE, or
# the rig's default, as SHARED_CACHE) is what is written once and then
# only read: the apt list and downloads (apt/, debs/), the unpacked
# sources (src/), the built kernels (kernels/), ccache, and the patched
# source trees (trees/: making one costs minutes; rig/build/apply-series.sh
# rewrites one only for another series, under a lock).  A test that
# applies a series of its own makes its trees private (private_trees).
SHARED_CACHE=${RIG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vfio-bar}
mkdir -p "$TMP/cache"
for _d in apt debs src kernels ccache trees; do
	mkdir -p "$SHARED_CACHE/$_d"
	ln -s "$SHARED_CACHE/$_d" "$TMP/cache/$_d"
done
RIG_CACHE=$TMP/cache
export RIG_CACHE SHARED_CACHE

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

# private_trees [PATH...]: this test's own trees/, each git tree cloned
# from the shared one (its objects borrowed: quicker than from the
# source) when there; with PATHs, only they are checked out (a sparse
# checkout), so that the test writes a few files, not two kernel trees.
private_trees() {
	rm "$RIG_CACHE/trees"
	mkdir "$RIG_CACHE/trees"
	for _k in patched mainline; do
		_s=$SHARED_CACHE/trees/$_k-git
		[ -f "$_s/.git/rig-base" ] || continue
		_r=$RIG_CACHE/trees/$_k-git
		git clone -q --shared --no-checkout "$_s" "$_r"
		cp "$_s/.git/rig-base" "$_r/.git/rig-base"
		if [ $# -gt 0 ]; then
			git -C "$_r" sparse-checkout set --no-cone "$@"
		fi
	done
}

# RIG_AWK: the rig's awk library, for a test that reads a table by
# column name (col()).
# shellcheck disable=SC2034 # used by the sourcing tests
RIG_AWK=$(cat "$TOP/rig/analyze/lib.awk")

# tsv_append TABLE: rig/lib.sh's, appending the table on standard input
# (header row once) to TABLE.
tsv_append() {
	sh -c '. "$0"; tsv_append "$1"' "$TOP/rig/lib.sh" "$1"
}

# rows TABLE: TABLE's rows, without its header row.
rows() {
	sed 1d "$1"
}
