#!/bin/sh
# README and docs/ say what the tree has: README is a landing page
# (under 200 lines); every path of this repository that they name
# exists; every measurement README states comes from the results/
# directory its section links: each row of a table is in that run's
# report.md, and each time or count in the section is in one of the
# run's files, so that a number cannot be retyped wrong or outlive its
# run.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
cd "$TOP"

lines=$(wc -l <README.md)
[ "$lines" -lt 200 ] || fail "README.md has $lines lines: a landing page has under 200"

# The repository's paths named in README and docs/ (at the start of a
# word or after a quote, a bracket or a parenthesis; NAME, KERNEL and
# the like are placeholders).
for f in README.md docs/*.md; do
	grep -o '\(^\|[ `("[]\)\(rig\|tests\|docs\|results\|patches\)/[A-Za-z0-9_./-]*' "$f" |
		sed 's/^[ `("[]//; s/[.,]*$//' | sort -u | while read -r p; do
		case $p in *[A-Z][A-Z]*) continue ;; esac
		[ -e "$p" ] || fail "$f names $p, which is not in the tree"
	done
done

# section TITLE: README's section "## TITLE", to the next heading.
section() {
	awk -v t="## $1" '$0 == t { on = 1; next } /^## / { on = 0 } on' README.md
}

# Each section that states a measurement links its run: the run's
# files must hold each table row and each number of the section.
for title in "Two commands" "Measured"; do
	section "$title" >"$TMP/section"
	dirs=$(grep -o 'results/[0-9A-Za-z_.-]*/' "$TMP/section" | sort -u | tr '\n' ' ')
	[ -n "$dirs" ] || fail "README's section '$title' states numbers and links no results/ directory"
	# shellcheck disable=SC2086 # one directory per word
	find $dirs -type f -exec cat {} + >"$TMP/evidence"
	grep '^| [a-z]' "$TMP/section" | grep -v '^| mode ' | while IFS= read -r row; do
		grep -qxF -- "$row" "$TMP/evidence" || fail "README's row is in no file of $dirs: $row"
	done
	grep -o '[0-9][0-9.,]* \(us\|ms\|s\)\b\|[0-9][0-9,]* lookups\|[0-9]* passed, [0-9]* failed, [0-9]* skipped' \
		"$TMP/section" | sort -u | while IFS= read -r n; do
		m=$(printf '%s\n' "$n" | sed 's/ lookups$//; s/,//g')
		grep -qF -- "$m" "$TMP/evidence" || fail "README's '$n' ($title) is in no file of $dirs"
	done
done
echo "docs: ok"
