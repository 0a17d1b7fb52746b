#!/bin/sh
# A patch that does not apply stops the run and is named; it is never
# skipped.  Uses the cached base source (fetched if missing).
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/assert.sh"

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

expect_status 1 env SERIES_DIR="$TMP/series" "$TOP/rig/apply-series.sh"
expect_output 'patch 2 does not apply: 0002-bad.patch'
expect_output 'mm/memory.c'

printf '0001-good.patch\n0003-missing.patch\n' >"$TMP/series/series"
expect_status 1 env SERIES_DIR="$TMP/series" "$TOP/rig/apply-series.sh"
expect_output 'names 0003-missing.patch, which is missing'

: >"$TMP/series/series"
expect_status 1 env SERIES_DIR="$TMP/series" "$TOP/rig/apply-series.sh"
expect_output 'lists no patch'
echo "bad patch: ok"
