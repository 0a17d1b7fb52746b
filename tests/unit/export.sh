#!/bin/sh
# export-series.sh writes a series directory from a git tree: one patch
# per commit since the base, the cover letter, the series file; into
# -o DIR, or by default into patches/linux-V.P for the tree's version.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"

t=$TMP/tree
g() {
	git -C "$t" -c user.name="Rig Test" -c user.email=rig@localhost "$@"
}
mkdir -p "$t"
printf 'VERSION = 7\nPATCHLEVEL = 3\nSUBLEVEL = 4\n' >"$t/Makefile"
g init -q
g add Makefile
g commit -q -m "linux-source-7.3"
g tag base
for n in 1 2; do
	echo "line $n" >>"$t/README"
	g add README
	g commit -q -m "Documentation: line $n"
done

expect_status 1 "$TOP/rig/series/export-series.sh" -o "$TMP/series" "$t"
expect_output 'set the cover letter with git branch --edit-description'
g config "branch.$(g branch --show-current).description" "$(printf 'vfio: a test series\n\nIts story.')"
expect_status 1 "$TOP/rig/series/export-series.sh" -o "$TMP/series" "$t" nosuchbase
expect_output "has no commit 'nosuchbase'"
expect_status 1 "$TOP/rig/series/export-series.sh" -x "$t"
expect_output 'usage: export-series.sh \[-o DIR\] TREE \[BASE \[POSTING...\]\]'

# Into a named directory; a stale patch there goes.
mkdir -p "$TMP/series"
: >"$TMP/series/0009-stale.patch"
expect_status 0 "$TOP/rig/series/export-series.sh" -o "$TMP/series" "$t"
expect_output "export: 2 patches in $TMP/series"
[ "$(cat "$TMP/series/series")" = "$(printf '0001-Documentation-line-1.patch\n0002-Documentation-line-2.patch')" ] ||
	fail "series file: $(cat "$TMP/series/series")"
grep -q '^Subject: \[PATCH 0/2\] vfio: a test series$' "$TMP/series/0000-cover-letter.patch" ||
	fail "cover letter subject"
[ ! -e "$TMP/series/0009-stale.patch" ] || fail "a stale patch stayed"

# Postings: stacked branches, each its own directory and cover letter,
# and one series file naming every patch under its posting.
g branch first HEAD~1
g branch second HEAD
expect_status 1 "$TOP/rig/series/export-series.sh" -o "$TMP/post" "$t" base first second
expect_output 'set the cover letter with git branch --edit-description first'
g config branch.first.description "$(printf 'mm: first\n\nOne.')"
g config branch.second.description "$(printf 'vfio: second\n\nTwo.')"
expect_status 1 "$TOP/rig/series/export-series.sh" -o "$TMP/post" "$t" base first nosuch
expect_output "has no branch 'nosuch'"
expect_status 0 "$TOP/rig/series/export-series.sh" -o "$TMP/post" "$t" base first second
expect_output "export: 2 patches in $TMP/post"
[ "$(cat "$TMP/post/series")" = "$(printf 'first/0001-Documentation-line-1.patch\nsecond/0001-Documentation-line-2.patch')" ] ||
	fail "postings series file: $(cat "$TMP/post/series")"
grep -q '^Subject: \[PATCH 0/1\] vfio: second$' "$TMP/post/second/0000-cover-letter.patch" ||
	fail "second posting's cover letter subject"
[ "$(cat "$TMP/post/first/series")" = 0001-Documentation-line-1.patch ] ||
	fail "first posting's series file"

# import-series.sh makes the tree again from the files: the same
# branches, commits and descriptions, so the export is the same but
# for the cover letters' dates.  A tree with uncommitted changes, or a
# patch that does not apply, stops it.
u=$TMP/imported
git init -q "$u"
git -C "$u" fetch -q "$t" base:refs/heads/start
git -C "$u" rev-parse -q --verify base >/dev/null || git -C "$u" tag base start
expect_status 1 "$TOP/rig/series/import-series.sh" "$TMP/post"
expect_output 'usage: import-series.sh SERIES_DIR TREE'
expect_status 0 "$TOP/rig/series/import-series.sh" "$TMP/post" "$u"
expect_output "import: 2 patches from $TMP/post in $u \\(branches: first second \\)"
[ "$(git -C "$u" config branch.second.description)" = "$(printf 'vfio: second\n\nTwo.')" ] ||
	fail "imported description: $(git -C "$u" config branch.second.description)"
expect_status 0 "$TOP/rig/series/export-series.sh" -o "$TMP/again" "$u" base first second
diff -r -I '^Date: ' "$TMP/post" "$TMP/again" >&2 || fail "import then export changed the series"
git -C "$u" checkout -q base
echo dirty >"$u/Makefile"
expect_status 1 "$TOP/rig/series/import-series.sh" "$TMP/post" "$u"
expect_output 'has uncommitted changes'
git -C "$u" checkout -q -- Makefile
echo 'not a patch' >"$TMP/post/second/0001-Documentation-line-2.patch"
expect_status 1 "$TOP/rig/series/import-series.sh" "$TMP/post" "$u"
expect_output 'does not apply on second'

# By default into patches/linux-7.3 of the rig it runs from (a copy
# here, so that the real patches/ is not touched).
mkdir -p "$TMP/rig-copy"
cp -R "$TOP/rig" "$TMP/rig-copy/rig"
expect_status 0 "$TMP/rig-copy/rig/series/export-series.sh" "$t"
[ -s "$TMP/rig-copy/patches/linux-7.3/series" ] || fail "no default patches/linux-7.3"
echo "export: ok"
