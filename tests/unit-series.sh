#!/bin/sh
# The series is well formed: the series file names every patch in the
# directory and nothing else, each patch is checkpatch --strict clean,
# has a subsystem prefix and a Signed-off-by, and the whole series
# applies to the pinned base with git am.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/assert.sh"
dir=$TOP/patches/linux-6.12

[ -s "$dir/series" ] || fail "no series file in $dir"
for p in "$dir"/0*.patch; do
	name=${p##*/}
	case $name in
	0000-cover-letter.patch) continue ;;
	esac
	grep -qx "$name" "$dir/series" || fail "$name is not in the series file"
done
while read -r name; do
	[ -f "$dir/$name" ] || fail "series names $name, which is missing"
done <"$dir/series"

tree=$("$TOP/rig/apply-series.sh" patched)
for p in "$dir"/0*.patch; do
	name=${p##*/}
	subject=$(sed -n 's/^Subject: \[PATCH[^]]*\] //p' "$p")
	[ "$name" = 0000-cover-letter.patch ] || case $subject in
	mm:* | vfio/*:* | vfio:* | selftests/vfio:* | Documentation*:* | MAINTAINERS:*) ;;
	*) fail "$name: subject '$subject' lacks a subsystem prefix" ;;
	esac
	[ "$name" = 0000-cover-letter.patch ] ||
		grep -q '^Signed-off-by: ' "$p" || fail "$name has no Signed-off-by"
	(cd "$tree" && scripts/checkpatch.pl --strict -q "$p") ||
		fail "$name is not checkpatch --strict clean"
done
echo "series: $(wc -l <"$dir/series") patches, clean"
