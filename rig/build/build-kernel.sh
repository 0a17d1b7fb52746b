#!/bin/sh
# Build one of the rig's kernels, cached by (source, config, series).
# Usage: build-kernel.sh base|patched|upstream|mainline [debug]
#   (the kernels are described in rig/lib.sh)
#   debug: also merge rig/build/configs/debug.config (KASAN, lockdep, ...).
# Prints the directory holding bzImage, .config and meta on stdout.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

usage="usage: build-kernel.sh base|patched|upstream|mainline [debug]"
kernel=${1:-}
which=$(kernel_source "$kernel") || die "$usage (got '$kernel')"
name=$kernel
flavor=${2:-}
fragments=$(kernel_fragments "$kernel")
case $flavor in
'') ;;
debug)
	fragments="$fragments $RIG_DIR/build/configs/debug.config"
	name=$kernel-debug
	;;
*) die "$usage (got flavor '$flavor')" ;;
esac
src=$("$RIG_DIR/build/fetch-source.sh" "$which")

mkdir -p "$RIG_CACHE/kernels" "$RIG_CACHE/logs" "$RIG_CACHE/ccache"
log=$RIG_CACHE/logs/build-$name.log
: >"$log"

srcver=$(cat "$src/.rig-unpacked")
series_hash=none
if [ -n "$(kernel_series "$kernel")" ]; then
	src=$("$RIG_DIR/build/apply-series.sh" "$kernel")
	series_hash=$(cat "$src/.rig-series")
fi
# Bump RECIPE when the way kernels are built changes.  The key takes
# the fragments' settings, not their comments: a comment edited does
# not rebuild every kernel ("# CONFIG_X is not set" is a setting).
RECIPE=2
# shellcheck disable=SC2086 # one file name per word
key=$( (printf '%s\n%s\n%s\n' "$RECIPE" "$srcver" "$series_hash"
	cat $fragments | grep -E '^(CONFIG_|# CONFIG_[A-Za-z0-9_]+ is not set)') |
	sha256sum | cut -c1-16)
out=$RIG_CACHE/kernels/$name-$key
if [ -f "$out/bzImage" ]; then
	say "build: $name is cached ($out)"
	printf '%s\n' "$out"
	exit 0
fi

build=$RIG_CACHE/build/$name
mkdir -p "$build"
export CCACHE_DIR="$RIG_CACHE/ccache"
kmake() {
	nice make -C "$src" O="$build" ARCH=x86_64 CC="ccache gcc" \
		KBUILD_BUILD_USER=rig KBUILD_BUILD_HOST=rig \
		KBUILD_BUILD_TIMESTAMP=rig "$@"
}

say "build: configuring $name ($srcver)"
rm -f "$build/.config"
run_logged "$log" kmake tinyconfig
# shellcheck disable=SC2086 # one file name per word
run_logged "$log" "$src/scripts/kconfig/merge_config.sh" -m \
	-O "$build" "$build/.config" $fragments
run_logged "$log" kmake olddefconfig
for f in $fragments; do
	"$RIG_DIR/build/check-config.sh" "$f" "$build/.config" ||
		die "$name: the config lacks options that $(basename "$f") asks for"
done

# Progress: objects compiled so far, against the last full build's count.
total=$(cat "$RIG_CACHE/kernels/$name.objects" 2>/dev/null || echo '?')
(
	while sleep 30; do
		say "build: $name $(grep -c '^  CC' "$log" || true)/$total objects"
	done
) &
ticker=$!
trap 'kill "$ticker" 2>/dev/null || true' EXIT INT TERM

say "build: compiling $name with $RIG_JOBS jobs (log: $log)"
if ! kmake -j"$RIG_JOBS" bzImage >>"$log" 2>&1; then
	show_log_tail "$log"
	die "build of $name failed"
fi
kill "$ticker" 2>/dev/null || true
grep -c '^  CC' "$log" >"$RIG_CACHE/kernels/$name.objects" || true

# kernels/ may be shared by runs with caches of their own (the rig's
# tests): a kernel lands whole, once; the second of two builds of it
# drops its copy.
tmp=$(mktemp -d "$out.tmp.XXXXXX")
cp "$build/arch/x86/boot/bzImage" "$build/.config" "$tmp/"
printf 'name=%s\nsource=%s\nseries=%s\nkernelrelease=%s\n' "$name" \
	"$srcver" "$series_hash" "$(kmake -s kernelrelease)" >"$tmp/meta"
chmod 755 "$tmp"
mv -T "$tmp" "$out" 2>/dev/null || rm -rf "$tmp"
say "build: $name done ($out)"
printf '%s\n' "$out"
