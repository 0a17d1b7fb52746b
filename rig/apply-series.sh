#!/bin/sh
# Make the patched tree.  The series is applied with git am (one commit
# per patch) in a git repository of the base source, reset to its base
# commit first; the result is then synced by content into the tree the
# kernel is built from, so that make rebuilds only what the series
# changed (no times are copied: a file with unchanged content keeps its
# mtime).  A patch that does not apply stops the run.
# Usage: apply-series.sh   Prints the build tree's path on stdout.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

src=$("$RIG_DIR/fetch-source.sh" base)
srcver=$(cat "$src/.rig-unpacked")
repo=$RIG_CACHE/trees/patched-git
tree=$RIG_CACHE/trees/patched
mkdir -p "$RIG_CACHE/logs"
log=$RIG_CACHE/logs/apply-series.log
: >"$log"

files=$(series_files)
[ -n "$files" ] || die "series: $SERIES_DIR/series lists no patch"
for f in $files; do
	[ -r "$f" ] || die "series: $SERIES_DIR/series names $(basename "$f"), which is missing"
done
# shellcheck disable=SC2086 # one file name per word
hash=$(printf '%s\n' "$srcver" | cat - $files | sha256sum | cut -c1-16)
if [ "$(cat "$tree/.rig-series" 2>/dev/null)" = "$hash" ]; then
	printf '%s\n' "$tree"
	exit 0
fi

g() {
	git -C "$repo" -c user.name=rig -c user.email=rig@localhost "$@"
}

if [ "$(cat "$repo/.git/rig-base" 2>/dev/null)" != "$srcver" ]; then
	say "series: making a git tree of $srcver"
	rm -rf "$repo"
	mkdir -p "$(dirname "$repo")"
	cp -a "$src" "$repo"
	rm -f "$repo/.rig-unpacked"
	run_logged "$log" g init -q
	# Debian's top-level .gitignore ignores everything: add by force.
	run_logged "$log" g add -A -f .
	run_logged "$log" g commit -q -m "$srcver"
	run_logged "$log" g tag -f rig-base
	printf '%s\n' "$srcver" >"$repo/.git/rig-base"
fi
rm -f "$tree/.rig-series"
g am --abort >/dev/null 2>&1 || true
run_logged "$log" g checkout -q -f rig-base
run_logged "$log" g clean -q -f -d
n=0
for f in $files; do
	n=$((n + 1))
	if ! g am -q "$f" >>"$log" 2>&1; then
		grep -E -i '^(error|patch failed)' "$log" >&2 || true
		g am --abort >/dev/null 2>&1 || true
		die "series: patch $n does not apply: $(basename "$f") (log: $log)"
	fi
done
mkdir -p "$tree"
run_logged "$log" rsync -rlp --checksum --delete --exclude=/.git \
	--exclude=/.rig-series "$repo/" "$tree/"
printf '%s\n' "$hash" >"$tree/.rig-series"
say "series: applied $n patches with git am"
printf '%s\n' "$tree"
