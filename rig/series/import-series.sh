#!/bin/sh
# Make a git tree to work on a series from its exported files, the
# inverse of export-series.sh: the patches are the source of truth, the
# tree a throwaway.  TREE is a git repository whose commit BASE the
# series applies to (rig/build/apply-series.sh makes one: RIG_CACHE/trees/
# KERNEL-git, tag rig-base).  A flat series becomes branch "series"; a
# series of postings (its series file names POSTING/NAME) becomes one
# branch per posting, stacked in the series file's order.  Each cover
# letter becomes its branch's description, so that export-series.sh
# writes the same files again.
# Usage: import-series.sh SERIES_DIR TREE [BASE]   (BASE default: base)
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

[ $# -ge 2 ] || die "usage: import-series.sh SERIES_DIR TREE [BASE]"
dir=$1
tree=$2
base=${3:-base}
[ -f "$dir/series" ] || die "import: $dir has no series file"
git -C "$tree" rev-parse -q --verify "$base^{commit}" >/dev/null ||
	die "import: $tree has no commit '$base'"
[ -z "$(git -C "$tree" status --porcelain --untracked-files=no)" ] ||
	die "import: $tree has uncommitted changes"

g() {
	git -C "$tree" -c user.name=rig -c user.email=rig@localhost \
		-c gc.auto=0 "$@"
}

# description COVER: the branch description that export-series.sh
# turned into COVER: its subject without "[PATCH 0/N] ", a blank line,
# and the body up to the shortlog ("Author (N):").
description() {
	awk '
	!hdr && /^Subject: / { sub(/^Subject: \[[^]]*\] */, ""); subj = $0; insub = 1; next }
	!hdr && insub && /^ / { subj = subj $0; next }
	!hdr && /^$/ { hdr = 1; insub = 0; next }
	!hdr { insub = 0; next }
	/^[^ ].* \([0-9]+\):$/ { exit }
	{ body[++n] = $0 }
	END {
		while (n > 0 && body[n] == "") n--
		printf "%s\n\n", subj
		for (i = 1; i <= n; i++) print body[i]
	}' "$1"
}

# branch NAME FILES...: NAME starts at HEAD and gets FILES by git am.
branch() {
	b=$1
	shift
	g checkout -q -B "$b"
	for f in "$@"; do
		g am -q "$f" || {
			g am --abort >/dev/null 2>&1 || true
			die "import: $(basename "$f") does not apply on $b"
		}
	done
}

g checkout -q --detach "$base"
postings=$(sed -n 's|/.*||p' "$dir/series" | awk '!seen[$0]++' | tr '\n' ' ')
if [ -z "$postings" ]; then
	# shellcheck disable=SC2046 # one file per word
	branch series $(sed "s|^|$dir/|" "$dir/series")
	g config branch.series.description "$(description "$dir/0000-cover-letter.patch")"
else
	for p in $postings; do
		# shellcheck disable=SC2046 # one file per word
		branch "$p" $(sed "s|^|$dir/$p/|" "$dir/$p/series")
		g config "branch.$p.description" "$(description "$dir/$p/0000-cover-letter.patch")"
	done
fi
say "import: $(wc -l <"$dir/series") patches from $dir in $tree (branches: ${postings:-series })"
