# shellcheck shell=sh
# shellcheck disable=SC2034 # variables here are used by the sourcing scripts
# Common settings and helpers for the rig scripts.  Sourced, not run.

# RIG_DIR is rig/: the entry scripts are in it, the others one level
# down (build/, boot/, analyze/, series/).
RIG_DIR=$(cd "$(dirname "$0")" && pwd)
[ -f "$RIG_DIR/options" ] || RIG_DIR=$(dirname "$RIG_DIR")
TOP_DIR=$(dirname "$RIG_DIR")
# shellcheck source=rig/versions
. "$RIG_DIR/versions"

# RIG_AWK: the rig's awk library (rig/analyze/lib.awk: tables read by
# column name, the kernels column of rig/plan and the allowlist); an
# awk program that reads a table starts with it.
RIG_AWK=$(cat "$RIG_DIR/analyze/lib.awk")

# rig_table_awk TABLE COLUMNS PROGRAM [AWK_ARGS...]: run the awk
# PROGRAM on the rows of TABLE, a table of rig/ (comments, then a
# header row with COLUMNS among its names), read by name (col()).
rig_table_awk() {
	_table=$1 _cols=$2 _prog=$3
	shift 3
	awk "$@" -v cols="$_cols" "$RIG_AWK"'!rig_row(cols) { next }'"$_prog" "$_table"
}

# options_awk PROGRAM [AWK_ARGS...]: run the awk PROGRAM on the rows of
# rig/options, its columns read by name (col("default")).
options_awk() {
	_prog=$1
	shift
	rig_table_awk "$RIG_DIR/options" "target option default what" "$_prog" -F'\t' "$@"
}

# option_defaults TARGET...: each option of TARGET in rig/options (the
# one place defaults are set) that is unset or empty gets its default
# there, and is exported.
option_defaults() {
	_tab=$(printf '\t')
	_rows=$(options_awk 'index(t, " " col("target") " ") { print col("option") "\t" col("default") }' \
		-v t=" $* ") || die "cannot read $RIG_DIR/options"
	while IFS=$_tab read -r _n _d; do
		[ -n "$_n" ] || continue
		[ "$_d" != - ] || _d=
		eval "[ -n \"\${$_n:-}\" ] || $_n=\"$_d\""
		export "${_n?}"
	done <<EOF
$_rows
EOF
}
# write_options FILE TARGET...: the options of TARGETs as this run has
# them (NAME='value', one a line, each once), into FILE: what a run
# was asked for, beside its output, readable by sh.
write_options() {
	_file=$1
	shift
	options_awk 'index(t, " " col("target") " ") && !seen[col("option")]++ { print col("option") }' \
		-v t=" $* " | while read -r _n; do
		eval "_v=\${$_n:-}"
		printf "%s='%s'\n" "$_n" "$(printf '%s' "$_v" | sed "s/'/'\\\\''/g")"
	done >"$_file"
}
# need_options NAME...: fail unless each is set (an inner script's
# options come from the entry script that runs it).
need_options() {
	for _n in "$@"; do
		eval "[ -n \"\${$_n:-}\" ]" ||
			die "$_n is not set: the entry script (make run, vmm, soak, shell) sets it (rig/options)"
	done
}

[ -n "${RIG_T0:-}" ] || RIG_T0=$(date +%s)
export RIG_T0
option_defaults rig

# tsv_append FILE: append the table on standard input (a header row,
# then rows) to FILE: all of it to a FILE that is empty or absent, its
# rows only to one that has the same header row; another header fails.
# No input appends nothing (its producer failed, and says so).
tsv_append() {
	_tsv=$(cat) || return 1
	[ -n "$_tsv" ] || return 0
	_head=$(printf '%s\n' "$_tsv" | sed -n 1p)
	if [ -s "$1" ]; then
		[ "$(sed -n 1p "$1")" = "$_head" ] ||
			die "$1: cannot append a table whose header row is \"$_head\""
		printf '%s\n' "$_tsv" | sed 1d >>"$1"
	else
		printf '%s\n' "$_tsv" >>"$1"
	fi
}

# append_table TABLE CMD...: append the table CMD prints (a header row
# and rows) to TABLE with tsv_append; CMD's exit status.
append_table() {
	_table=$1
	shift
	_st=0
	"$@" >"$_table.part" || _st=$?
	tsv_append "$_table" <"$_table.part"
	rm -f "$_table.part"
	return "$_st"
}

# tsv_awk TABLE COLUMNS PROGRAM [AWK_ARGS...]: run the awk PROGRAM on
# the rows of TABLE, a table the scripts hand each other (its header
# row first, with COLUMNS among its names), read by name (col()).
tsv_awk() {
	_table=$1 _cols=$2 _prog=$3
	shift 3
	awk -F'\t' "$@" -v cols="$_cols" "$RIG_AWK"'FNR == 1 { tsv_header(cols); next }'"$_prog" "$_table"
}

# tsv_has_rows TABLE: whether TABLE has a row under its header row.
tsv_has_rows() {
	[ "$(sed 1d "$1" | wc -l)" -gt 0 ]
}

# The kernel matrix: rig/kernels (RIG_KERNELS: another table, for a
# test).  KERNEL_NAMES: every kernel's name, in the table's order.
[ -r "$RIG_KERNELS" ] || {
	echo "rig: error: no kernel table at $RIG_KERNELS" >&2
	exit 1
}

# kernels_awk PROGRAM [AWK_ARGS...]: run the awk PROGRAM on the rows
# of the kernel matrix, its columns read by name (col("peer")).
kernels_awk() {
	_prog=$1
	shift
	rig_table_awk "$RIG_KERNELS" "name source series fragments peer ratios" "$_prog" "$@"
}

KERNEL_NAMES=$(kernels_awk '{ printf "%s%s", (n++ ? " " : ""), col("name") }')

# kernel_field KERNEL COLUMN: one column (source, series, fragments,
# peer, ratios) of KERNEL's row; fails for an unknown kernel.  A debug
# build (NAME-debug) has its kernel's row.
kernel_field() {
	kernels_awk 'col("name") == k { print col(c); f = 1 }
	END { if (TSV_FAILED) exit 2; exit !f }' -v k="${1%-debug}" -v c="$2"
}

# kernels_with_series: the kernels whose row names a series.
kernels_with_series() {
	kernels_awk 'col("series") != "-" { printf "%s%s", (n++ ? " " : ""), col("name") }'
}

# install_headers TREE NAME LOG: install the uapi headers of the kernel
# TREE into RIG_CACHE/build/test-headers-NAME (output in LOG), for the
# selftests built from it; print that directory.
install_headers() {
	_hdr=$RIG_CACHE/build/test-headers-$2
	mkdir -p "$_hdr"
	run_logged "$3" make -C "$1" O="$_hdr" ARCH=x86_64 headers ||
		die "test: installing the uapi headers of $1 failed (log: $3)"
	printf '%s\n' "$_hdr"
}

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
	tail -n "$RIG_TAIL" "$1" >&2 || true
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
	kernel_field "$1" source
}

# kernel_series KERNEL: the series directory KERNEL carries; nothing
# for the kernels built as Debian ships them.  NAME_SERIES in the
# environment (PATCHED_SERIES for patched) points it elsewhere.
kernel_series() {
	_s=$(kernel_field "$1" series) || return 1
	_v=$(printf '%s_SERIES' "${1%-debug}" | tr 'a-z-' 'A-Z_')
	eval "_o=\${$_v:-}"
	if [ -n "$_o" ]; then
		printf '%s\n' "$_o"
	elif [ "$_s" != - ]; then
		printf '%s\n' "$TOP_DIR/$_s"
	fi
}

# kernel_fragments KERNEL: the config fragments KERNEL is built with,
# as paths, in merge order.
kernel_fragments() {
	_f=$(kernel_field "$1" fragments) || return 1
	printf '%s\n' "$_f" | tr ',' '\n' | while read -r _n; do
		printf '%s ' "$RIG_DIR/build/configs/$_n.config"
	done
	echo
}

# kernel_peers: "KERNEL:PEER ..." for every kernel with a peer, and
# KERNEL-debug:PEER for its debug build.
kernel_peers() {
	kernels_awk 'col("peer") != "-" {
		printf "%s:%s %s-debug:%s ", col("name"), col("peer"), col("name"), col("peer")
	}'
}

# kernel_ratios: "OTHER/KERNEL ..." for every ratio column, in order.
kernel_ratios() {
	kernels_awk 'col("ratios") != "-" {
		n = split(col("ratios"), o, ",")
		for (i = 1; i <= n; i++) printf "%s/%s ", o[i], col("name")
	}'
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
