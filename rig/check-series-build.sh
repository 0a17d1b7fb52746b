#!/bin/sh
# Build every patch of the series on its own: for each commit of the
# patched git tree, compile the C files it touches with W=1 and fail on
# an error or a warning in them.
# Usage: check-series-build.sh [CONFIG|debian]
#   CONFIG: a kernel .config to build with; "debian": Debian's amd64
#   config from linux-config-6.12 at the pinned version (the kernel
#   users rebuild); default: the rig's fragment on tinyconfig.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

config=${1:-}
"$RIG_DIR/apply-series.sh" patched >/dev/null
if [ "$config" = debian ]; then
	deb=$(fetch_deb linux-config-6.12 "$BASE_VERSION")
	config=$RIG_CACHE/debs/config.amd64_none_amd64
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO ./usr/src/linux-config-6.12/config.amd64_none_amd64.xz |
		xz -d >"$config"
fi
repo=$RIG_CACHE/trees/patched-git
work=$RIG_CACHE/trees/series-build
flavor=${1:+-$(basename "$1")}
build=$RIG_CACHE/build/series-build$flavor
log=$RIG_CACHE/logs/series-build$flavor.log
: >"$log"

rm -rf "$work"
git -C "$repo" worktree prune
git -C "$repo" worktree add -q --detach "$work" rig-base
trap 'git -C "$repo" worktree remove --force "$work" 2>/dev/null || true' EXIT

export CCACHE_DIR="$RIG_CACHE/ccache"
kmake() {
	nice make -C "$work" O="$build" ARCH=x86_64 CC="ccache gcc" "$@"
}
mkdir -p "$build"
if [ -n "$config" ]; then
	[ -r "$config" ] || die "series-build: cannot read $config"
	cp "$config" "$build/.config"
	# A distribution config names signing keys that are not here.
	"$work/scripts/config" --file "$build/.config" \
		--set-str SYSTEM_TRUSTED_KEYS '' --set-str SYSTEM_REVOCATION_KEYS '' \
		-d DEBUG_INFO_BTF
else
	run_logged "$log" kmake tinyconfig
	run_logged "$log" "$work/scripts/kconfig/merge_config.sh" -m \
		-O "$build" "$build/.config" "$FRAGMENT"
fi
run_logged "$log" kmake olddefconfig

n=0
for c in $(git -C "$repo" rev-list --reverse rig-base..HEAD); do
	n=$((n + 1))
	subject=$(git -C "$repo" log -1 --format=%s "$c")
	git -C "$work" checkout -q --detach "$c"
	objs=$(git -C "$repo" diff --name-only "$c~1" "$c" -- '*.c' |
		grep -v '^tools/' | sed 's/\.c$/.o/' || true)
	if [ -z "$objs" ]; then
		say "series-build: $n $subject: no kernel C file"
		continue
	fi
	# shellcheck disable=SC2086 # one object per word
	if ! kmake W=1 $objs >"$log.$n" 2>&1; then
		show_log_tail "$log.$n"
		die "series-build: patch $n does not build: $subject"
	fi
	# Host tools (scripts/) may warn on their own; the patch's files may not.
	if grep -E ': (warning|error):' "$log.$n" | grep -v '/scripts/' >&2; then
		die "series-build: patch $n adds warnings: $subject"
	fi
	say "series-build: $n $subject: $(echo "$objs" | wc -w) objects clean"
done
