#!/bin/sh
# Make the tree of a patched kernel.  Its series is applied with git am
# (one commit per patch) in a git repository of its Debian source, reset
# to its base commit first; the result is then synced by content into
# the tree the kernel is built from, so that make rebuilds only what the
# series changed (no times are copied: a file with unchanged content
# keeps its mtime).  A patch that does not apply stops the run.
# Usage: apply-series.sh patched|mainline
#   patched:  linux-source-6.12 + PATCHED_SERIES (patches/linux-6.12)
#   mainline: linux-source-7.x + MAINLINE_SERIES (patches/linux-7.3)
# Each kernel has its own git repository (trees/KERNEL-git) and build
# tree (trees/KERNEL) under RIG_CACHE.  Prints the build tree's path.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

kernel=${1:-}
case " $(kernels_with_series) " in
*" $kernel "*) [ -n "$kernel" ] ;;
*) die "usage: apply-series.sh KERNEL, one of: $(kernels_with_series) (got '$kernel')" ;;
esac
dir=$(kernel_series "$kernel")
[ -d "$dir" ] || die "series: no $kernel series: $dir does not exist"
[ -f "$dir/series" ] || die "series: $dir has no series file"
files=$(series_files "$dir")
[ -n "$files" ] || die "series: $dir/series lists no patch"
for f in $files; do
	[ -r "$f" ] || die "series: $dir/series names $(basename "$f"), which is missing"
done

src=$("$RIG_DIR/build/fetch-source.sh" "$(kernel_source "$kernel")")
srcver=$(cat "$src/.rig-unpacked")
repo=$RIG_CACHE/trees/$kernel-git
tree=$RIG_CACHE/trees/$kernel
mkdir -p "$RIG_CACHE/logs" "$RIG_CACHE/trees"
# Runs that share trees/ (the rig's tests, two checkouts) take turns.
exec 9>"$RIG_CACHE/trees/$kernel.lock"
flock 9
log=$RIG_CACHE/logs/apply-series-$kernel.log
: >"$log"

# shellcheck disable=SC2086 # one file name per word
hash=$(printf '%s\n' "$srcver" | cat - $files | sha256sum | cut -c1-16)
if [ "$(cat "$tree/.rig-series" 2>/dev/null)" = "$hash" ]; then
	printf '%s\n' "$tree"
	exit 0
fi

# The tree is a throwaway: no automatic gc, which would repack a whole
# kernel's objects in the background while kernels build.
g() {
	git -C "$repo" -c user.name=rig -c user.email=rig@localhost \
		-c gc.auto=0 "$@"
}

if [ "$(cat "$repo/.git/rig-base" 2>/dev/null)" != "$srcver" ]; then
	say "series: making a git tree of $srcver for $kernel"
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
		die "series: $kernel: patch $n does not apply: $(basename "$f") (log: $log)"
	fi
done
mkdir -p "$tree"
run_logged "$log" rsync -rlp --checksum --delete --exclude=/.git \
	--exclude=/.rig-series "$repo/" "$tree/"
printf '%s\n' "$hash" >"$tree/.rig-series"
say "series: applied $n patches of $dir to $srcver with git am"
printf '%s\n' "$tree"
