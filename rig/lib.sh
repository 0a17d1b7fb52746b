# shellcheck shell=sh
# shellcheck disable=SC2034 # variables here are used by the sourcing scripts
# Common settings and helpers for the rig scripts.  Sourced, not run.

RIG_DIR=$(cd "$(dirname "$0")" && pwd)
TOP_DIR=$(dirname "$RIG_DIR")
# shellcheck source=rig/versions
. "$RIG_DIR/versions"

: "${RIG_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/vfio-bar}"
: "${RIG_OUT:=$TOP_DIR/out}"
: "${RIG_T0:=$(date +%s)}"
: "${RIG_JOBS:=$(nproc)}"
export RIG_CACHE RIG_OUT RIG_T0

FRAGMENT=$RIG_DIR/configs/vfio-bar.config

# kernel_fragments KERNEL: the config fragments KERNEL is built with:
# vfio-bar.config, then what only the 7.x source has symbols for.
kernel_fragments() {
	case $(kernel_source "$1") in
	base) printf '%s\n' "$FRAGMENT" ;;
	upstream) printf '%s %s\n' "$FRAGMENT" "$RIG_DIR/configs/vfio-bar-7.config" ;;
	*) return 1 ;;
	esac
}

# The kernels: each is built from one of the two Debian sources that
# fetch-source.sh knows, and the patched ones carry a series on top:
#   base      linux-source-6.12 as shipped
#   patched   linux-source-6.12 + PATCHED_SERIES
#   upstream  linux-source-7.x as shipped
#   mainline  linux-source-7.x + MAINLINE_SERIES
# The series directories can be pointed elsewhere (a test's own series).
KERNEL_NAMES="base patched upstream mainline"
: "${PATCHED_SERIES:=$TOP_DIR/patches/linux-6.12}"
: "${MAINLINE_SERIES:=$TOP_DIR/patches/linux-7.3}"

# say MSG: one progress line, with the time since the run started.
say() {
	printf '[%5ss] %s\n' "$(($(date +%s) - RIG_T0))" "$*" >&2
}

die() {
	printf 'rig: error: %s\n' "$*" >&2
	exit 1
}

# show_log_tail LOG: the end of a failing log, and where the rest is.
show_log_tail() {
	printf -- '---- last lines of %s ----\n' "$1" >&2
	tail -n "${RIG_TAIL:-30}" "$1" >&2 || true
	printf -- '---- full log: %s ----\n' "$1" >&2
}

# run_logged LOG CMD...: run CMD with its output in LOG; on failure
# show the log's tail and fail.
run_logged() {
	_log=$1
	shift
	if ! "$@" >>"$_log" 2>&1; then
		show_log_tail "$_log"
		return 1
	fi
}

# apt_opts: the options that point apt-get/apt-cache at the rig's own
# source list, for the host architecture only: dpkg's foreign
# architectures are not inherited, so no index of theirs can fail it.
APT_DIR=$RIG_CACHE/apt
apt_opts() {
	printf '%s\n' "-o" "APT::Architectures=$(dpkg --print-architecture)" \
		"-o" "Dir::Etc::SourceList=$APT_DIR/sources.list" \
		"-o" "Dir::Etc::SourceParts=/dev/null" \
		"-o" "Dir::State::Lists=$APT_DIR/lists" \
		"-o" "Dir::Cache=$APT_DIR/cache" \
		"-o" "APT::Sandbox::User=root"
}

# fetch_deb PKG VERSION: download PKG=VERSION once into the cache with
# the rig's apt list (set up by fetch-source.sh); print the .deb's path.
fetch_deb() {
	_deb=$RIG_CACHE/debs/$(printf '%s_%s' "$1" "$2" | tr '~:' '--').deb
	if [ ! -s "$_deb" ]; then
		say "fetch: downloading $1=$2"
		mkdir -p "$RIG_CACHE/debs"
		_tmp=$(mktemp -d "$RIG_CACHE/debs/dl.XXXXXX")
		# shellcheck disable=SC2046
		if ! (cd "$_tmp" && apt-get $(apt_opts) download "$1=$2" \
			>"$_tmp/log" 2>&1); then
			show_log_tail "$_tmp/log"
			rm -rf "$_tmp"
			die "download of $1=$2 failed"
		fi
		mv "$_tmp"/*.deb "$_deb"
		rm -rf "$_tmp"
	fi
	printf '%s\n' "$_deb"
}

# kernel_source KERNEL: the source KERNEL is built from (base or
# upstream, as fetch-source.sh takes it); fails for an unknown name.
kernel_source() {
	case $1 in
	base | patched) echo base ;;
	upstream | mainline) echo upstream ;;
	*) return 1 ;;
	esac
}

# kernel_series KERNEL: the series directory KERNEL carries; nothing
# for the kernels built as Debian ships them.
kernel_series() {
	case $1 in
	patched) printf '%s\n' "$PATCHED_SERIES" ;;
	mainline) printf '%s\n' "$MAINLINE_SERIES" ;;
	esac
}

# series_files DIR: the patch files of the series in DIR, in quilt
# order, as absolute paths.
series_files() {
	[ -f "$1/series" ] || return 0
	_dir=$(cd "$1" && pwd)
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$_dir/series" |
		while read -r p; do
			printf '%s\n' "$_dir/$p"
		done
}

# supervise CMD...: run CMD as a child that a SIGTERM or SIGINT to the
# calling script stops too.  A plain foreground child would outlive a
# killed parent: a guest, its QEMU and BAR files left running.
supervise() {
	_child=
	trap '_supervise_stop 143' TERM
	trap '_supervise_stop 130' INT
	"$@" &
	_child=$!
	_st=0
	wait "$_child" || _st=$?
	_child=
	trap - TERM INT
	return "$_st"
}

# _supervise_stop STATUS: stop supervise's child, wait for it, exit.
_supervise_stop() {
	if [ -n "$_child" ]; then
		kill -TERM "$_child" 2>/dev/null || :
		wait "$_child" || :
	fi
	exit "$1"
}
