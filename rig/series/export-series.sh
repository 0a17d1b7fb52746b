#!/bin/sh
# Regenerate a series directory from a git tree of the series: one
# git format-patch file per commit since BASE, the cover letter from the
# branch description, and the quilt series file.  Never hand-edit them.
# Usage: export-series.sh [-o DIR] TREE [BASE [POSTING...]]
#   BASE: the commit the series starts from (default: the tag "base").
#   DIR: where to write it; by default patches/linux-V.P for the kernel
#   version V.P of TREE at BASE: patches/linux-6.12 (the patched kernel's
#   series) for a 6.12 tree, patches/linux-7.3 (mainline's) for 7.3.
#   POSTING: branches of TREE stacked in this order on BASE, each one
#   posting: DIR/POSTING gets the commits since the previous one (BASE for
#   the first), with the branch description as its cover letter, and
#   DIR/series lists every patch as POSTING/NAME.  Without them: the
#   commits BASE..HEAD, the current branch's description, flat in DIR.
# The mainline series is four postings:
#   export-series.sh TREE base prereq mm vfio selftests
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

usage="usage: export-series.sh [-o DIR] TREE [BASE [POSTING...]]"
dir=
while getopts o: opt; do
	case $opt in
	o) dir=$OPTARG ;;
	*) die "$usage" ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || die "$usage"
tree=$1
base=${2:-base}
if [ $# -ge 2 ]; then shift 2; else shift 1; fi
git -C "$tree" rev-parse -q --verify "$base^{commit}" >/dev/null ||
	die "export: $tree has no commit '$base'"
# described BRANCH: fail unless BRANCH has a description (the cover letter).
described() {
	[ -n "$(git -C "$tree" config "branch.$1.description" || true)" ] ||
		die "export: set the cover letter with git branch --edit-description${2:+ $1} in $tree"
}
if [ $# -eq 0 ]; then
	described "$(git -C "$tree" branch --show-current)"
fi
for b in "$@"; do
	git -C "$tree" rev-parse -q --verify "refs/heads/$b" >/dev/null ||
		die "export: $tree has no branch '$b'"
	described "$b" named
done
if [ -z "$dir" ]; then
	mk=$(git -C "$tree" show "$base:Makefile")
	v=$(printf '%s\n' "$mk" | sed -n 's/^VERSION = \([0-9]*\)$/\1/p')
	p=$(printf '%s\n' "$mk" | sed -n 's/^PATCHLEVEL = \([0-9]*\)$/\1/p')
	if [ -z "$v" ] || [ -z "$p" ]; then
		die "export: no kernel version in $tree's Makefile at '$base': name the directory with -o DIR"
	fi
	dir=$TOP_DIR/patches/linux-$v.$p
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# export FROM TO OUT PREFIX: the commits FROM..TO as patches in OUT with
# a cover letter from TO's branch description and a series file; their
# names, PREFIX first, are added to $tmp/all.
export_range() {
	mkdir -p "$3"
	git -C "$tree" format-patch -q --cover-letter --cover-from-description=subject \
		--no-signature --zero-commit -o "$3" "$1..$2"
	for f in "$3"/*.patch; do
		case ${f##*/} in
		0000-*) ;;
		*) printf '%s\n' "${f##*/}" ;;
		esac
	done >"$3/series"
	sed "s|^|$4|" "$3/series" >>"$tmp/all"
}
: >"$tmp/all"
mkdir -p "$dir"
rm -f "$dir"/*.patch "$dir/series"
if [ $# -eq 0 ]; then
	export_range "$base" HEAD "$tmp/flat" ""
	cp "$tmp"/flat/*.patch "$tmp/flat/series" "$dir/"
else
	from=$base
	for b in "$@"; do
		export_range "$from" "$b" "$tmp/$b" "$b/"
		rm -rf "${dir:?}/$b"
		mkdir -p "$dir/$b"
		cp "$tmp/$b"/*.patch "$tmp/$b/series" "$dir/$b/"
		from=$b
	done
	cp "$tmp/all" "$dir/series"
fi
say "export: $(wc -l <"$dir/series") patches in $dir"
