#!/bin/sh
# Regenerate patches/linux-6.12/ from a git tree of the series: one
# git format-patch file per commit since BASE, the cover letter from the
# branch description, and the quilt series file.  Never hand-edit them.
# Usage: export-series.sh TREE [BASE]   (BASE defaults to the tag "base")
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/lib.sh"

tree=${1:?usage: export-series.sh TREE [BASE]}
base=${2:-base}
git -C "$tree" rev-parse -q --verify "$base^{commit}" >/dev/null ||
	die "export: $tree has no commit '$base'"
[ -n "$(git -C "$tree" config "branch.$(git -C "$tree" branch --show-current).description" || true)" ] ||
	die "export: set the cover letter with git branch --edit-description in $tree"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$tree" format-patch -q --cover-letter --cover-from-description=subject \
	--no-signature --zero-commit -o "$tmp" "$base..HEAD"
for p in "$tmp"/*.patch; do
	case ${p##*/} in
	0000-*) ;;
	*) printf '%s\n' "${p##*/}" ;;
	esac
done >"$tmp/series"
rm -f "$SERIES_DIR"/*.patch "$SERIES_DIR/series"
mkdir -p "$SERIES_DIR"
cp "$tmp"/*.patch "$tmp/series" "$SERIES_DIR/"
say "export: $(wc -l <"$SERIES_DIR/series") patches in $SERIES_DIR"
