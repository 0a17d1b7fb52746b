#!/bin/sh
# Build every patch of a series on its own: for each commit of the
# kernel's patched git tree (apply-series.sh), compile the C files it
# touches with W=1 and fail on an error or a warning in them.
# Usage: check-series-build.sh patched|mainline [CONFIG|debian]
#   CONFIG: a kernel .config to build with; "debian": Debian's amd64
#   config for that kernel's source (the kernel users rebuild):
#   linux-config-6.12 at the pinned base version for patched,
#   linux-config-7.N at the upstream version for mainline; default: the
#   rig's fragment on tinyconfig.
# A series whose directory does not exist at all (the mainline one
# before it is exported) is skipped with a SKIP line; anything else
# wrong with a series fails.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

usage="usage: check-series-build.sh KERNEL [CONFIG|debian], KERNEL one of: $(kernels_with_series)"
kernel=${1:-}
case " $(kernels_with_series) " in
*" $kernel "*) [ -n "$kernel" ] ;;
*) die "$usage (got '$kernel')" ;;
esac
config=${2:-}
dir=$(kernel_series "$kernel")
if [ ! -e "$dir" ]; then
	say "series-build: SKIP: $kernel: there is no series at $dir yet"
	exit 0
fi
"$RIG_DIR/build/apply-series.sh" "$kernel" >/dev/null
if [ "$config" = debian ]; then
	src=$("$RIG_DIR/build/fetch-source.sh" "$(kernel_source "$kernel")")
	read -r pkg ver <"$src/.rig-unpacked"
	cfgpkg=linux-config-${pkg#linux-source-}
	# The archive keeps older linux-source versions than linux-config
	# ones: without the config of the source's own version, take the
	# nearest newer one there is (olddefconfig fits it to the source),
	# and say so.
	# shellcheck disable=SC2046 # the options are words
	have=$(apt-cache $(apt_opts) madison "$cfgpkg" 2>/dev/null | awk -F'|' '{ gsub(/ /, "", $2); print $2 }')
	[ -n "$have" ] || die "series-build: no $cfgpkg in the rig's apt lists"
	if ! printf '%s\n' "$have" | grep -qxF "$ver"; then
		near=$(printf '%s\n' "$have" "$ver" | sort -V | grep -A1 -xF "$ver" | sed -n 2p)
		[ -n "$near" ] || near=$(printf '%s\n' "$have" | sort -V | tail -n 1)
		say "series-build: NOTE: no $cfgpkg=$ver in the archive; using $cfgpkg=$near (olddefconfig on $pkg $ver)"
		ver=$near
	fi
	deb=$(fetch_deb "$cfgpkg" "$ver")
	config=$RIG_CACHE/debs/$(printf '%s_%s' "$cfgpkg" "$ver" | tr '~:' '--').config.amd64_none_amd64
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/src/$cfgpkg/config.amd64_none_amd64.xz" |
		xz -d >"$config.tmp" ||
		die "series-build: no config.amd64_none_amd64.xz in $cfgpkg=$ver"
	mv "$config.tmp" "$config"
	say "series-build: $kernel with Debian's config from $cfgpkg=$ver"
fi
repo=$RIG_CACHE/trees/$kernel-git
work=$RIG_CACHE/trees/series-build-$kernel
flavor=${2:+-$(basename "$2")}
build=$RIG_CACHE/build/series-build-$kernel$flavor
log=$RIG_CACHE/logs/series-build-$kernel$flavor.log
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
	# shellcheck disable=SC2046 # one file name per word
	run_logged "$log" "$work/scripts/kconfig/merge_config.sh" -m \
		-O "$build" "$build/.config" $(kernel_fragments "$kernel")
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
		say "series-build: $kernel $n $subject: no kernel C file"
		continue
	fi
	# shellcheck disable=SC2086 # one object per word
	if ! kmake W=1 $objs >"$log.$n" 2>&1; then
		show_log_tail "$log.$n"
		die "series-build: $kernel: patch $n does not build: $subject"
	fi
	# Host tools (scripts/) may warn on their own; the patch's files may not.
	if grep -E ': (warning|error):' "$log.$n" | grep -v '/scripts/' >&2; then
		die "series-build: $kernel: patch $n adds warnings: $subject"
	fi
	say "series-build: $kernel $n $subject: $(echo "$objs" | wc -w) objects clean"
done
say "series-build: $kernel: all $n patches build on their own${2:+ with the $2 config}"
