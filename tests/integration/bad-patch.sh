#!/bin/sh
# A patch that does not apply stops the run and is named; it is never
# skipped; so for the patched and the mainline kernel, each from its own
# series directory.  Uses the cached sources (fetched if missing).
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
# Its series are not the rig's: trees of its own, of the files its
# patches touch and it reads.
private_trees /README /Makefile /mm/memory.c

mkdir -p "$TMP/series"
cat >"$TMP/series/0001-good.patch" <<'PATCH'
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: Rig Test <rig@localhost>
Date: Sun, 22 Nov 2026 00:00:00 +0000
Subject: [PATCH 1/2] README: a line that applies

---
 README | 1 +
 1 file changed, 1 insertion(+)

diff --git a/README b/README
--- a/README
+++ b/README
@@ -1,3 +1,4 @@
+Rig test line.
 Linux kernel
 ============
 
-- 
2.39.5
PATCH
cat >"$TMP/series/0002-bad.patch" <<'PATCH'
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: Rig Test <rig@localhost>
Date: Sun, 22 Nov 2026 00:00:00 +0000
Subject: [PATCH 2/2] mm: a hunk whose context is not there

---
 mm/memory.c | 1 +
 1 file changed, 1 insertion(+)

diff --git a/mm/memory.c b/mm/memory.c
--- a/mm/memory.c
+++ b/mm/memory.c
@@ -1,3 +1,4 @@
 this context
+does not
 exist in
 mm/memory.c
-- 
2.39.5
PATCH
printf '0001-good.patch\n0002-bad.patch\n' >"$TMP/series/series"

expect_status 1 env PATCHED_SERIES="$TMP/series" "$TOP/rig/build/apply-series.sh" patched
expect_output 'patched: patch 2 does not apply: 0002-bad.patch'
expect_output 'mm/memory.c'
expect_status 1 env MAINLINE_SERIES="$TMP/series" "$TOP/rig/build/apply-series.sh" mainline
expect_output 'mainline: patch 2 does not apply: 0002-bad.patch'

printf '0001-good.patch\n0003-missing.patch\n' >"$TMP/series/series"
expect_status 1 env PATCHED_SERIES="$TMP/series" "$TOP/rig/build/apply-series.sh" patched
expect_output 'names 0003-missing.patch, which is missing'

# The good patch alone applies to each kernel's own source, in its own
# tree.
printf '0001-good.patch\n' >"$TMP/series/series"
pt=$(PATCHED_SERIES="$TMP/series" "$TOP/rig/build/apply-series.sh" patched)
mt=$(MAINLINE_SERIES="$TMP/series" "$TOP/rig/build/apply-series.sh" mainline)
[ "$pt" != "$mt" ] || fail "patched and mainline share the tree $pt"
for t in "$pt" "$mt"; do
	[ "$(head -n 1 "$t/README")" = "Rig test line." ] || fail "$t: the patch is not applied"
done
grep -q '^VERSION = 6$' "$pt/Makefile" || fail "patched tree $pt is not Linux 6"
grep -q '^VERSION = 7$' "$mt/Makefile" || fail "mainline tree $mt is not Linux 7"

: >"$TMP/series/series"
expect_status 1 env MAINLINE_SERIES="$TMP/series" "$TOP/rig/build/apply-series.sh" mainline
expect_output 'lists no patch'
rm "$TMP/series/series"
expect_status 1 env MAINLINE_SERIES="$TMP/series" "$TOP/rig/build/apply-series.sh" mainline
expect_output "series: $TMP/series has no series file"
expect_status 1 env MAINLINE_SERIES="$TMP/none" "$TOP/rig/build/apply-series.sh" mainline
expect_output "no mainline series: $TMP/none does not exist"
expect_status 1 "$TOP/rig/build/apply-series.sh" upstream
expect_output 'usage: apply-series.sh KERNEL, one of: patched mainline'
echo "bad patch: ok"
