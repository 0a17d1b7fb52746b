#!/bin/sh
# Regenerate a series directory from a git tree of the series: one
# git format-patch file per commit since BASE, the cover letter from the
# branch description, and the quilt series file.  Never hand-edit them.
# Usage: export-series.sh [-o DIR] TREE [BASE]
#   BASE: the commit the series starts from (default: the tag "base").
#   DIR: where to write it; by default patches/linux-V.P for the kernel
#   version V.P of TREE at BASE: patches/linux-6.12 (the patched kernel's
#   series) for a 6.12 tree, patches/linux-7.3 (mainline's) for 7.3.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

usage="usage: export-series.sh [-o DIR] TREE [BASE]"
dir=
while getopts o: opt; do
	case $opt in
	o) dir=$OPTARG ;;
	*) die "$usage" ;;
	esac
done
shift $((OPTIND - 1))
case $# in
1 | 2) ;;
*) die "$usage" ;;
esac
tree=$1
base=${2:-base}
git -C "$tree" rev-parse -q --verify "$base^{commit}" >/dev/null ||
	die "export: $tree has no commit '$base'"
[ -n "$(git -C "$tree" config "branch.$(git -C "$tree" branch --show-current).description" || true)" ] ||
	die "export: set the cover letter with git branch --edit-description in $tree"
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
git -C "$tree" format-patch -q --cover-letter --cover-from-description=subject \
	--no-signature --zero-commit -o "$tmp" "$base..HEAD"
for f in "$tmp"/*.patch; do
	case ${f##*/} in
	0000-*) ;;
	*) printf '%s\n' "${f##*/}" ;;
	esac
done >"$tmp/series"
mkdir -p "$dir"
rm -f "$dir"/*.patch "$dir/series"
cp "$tmp"/*.patch "$tmp/series" "$dir/"
say "export: $(wc -l <"$dir/series") patches in $dir"
