#!/bin/sh
# Both series are well formed (flat, or in postings: POSTING/NAME, each
# with its cover letter): for patches/linux-6.12 (the patched
# kernel's) and patches/linux-7.3 (mainline's), the series file names
# every patch in the directory and nothing else, each patch is
# checkpatch --strict clean (the checkpatch of the tree it applies to),
# has a subsystem prefix and a Signed-off-by, and the whole series
# applies to its source with git am (apply-series.sh).  A series
# directory that does not exist at all (linux-7.3 before the mainline
# series is exported) is skipped, loudly: the test then ends as a SKIP
# after checking the other.  One that exists is checked in full.
# PATCHED_SERIES and MAINLINE_SERIES point elsewhere, as for the rig.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"

# check_maintained TREE PATCH: every file PATCH adds is under a path
# that an F: line of TREE's MAINTAINERS names, or PATCH changes
# MAINTAINERS itself.
check_maintained() {
	grep -q '^+++ b/MAINTAINERS$' "$2" && return 0
	awk '/^diff --git /{f=$4} /^new file mode/{sub(/^b\//, "", f); print f}' "$2" |
		while read -r new; do
			sed -n 's/^F:[[:space:]]*//p' "$1/MAINTAINERS" |
				while read -r pat; do
					case $new in
					"$pat"*) echo covered; break ;;
					esac
				done | grep -q covered || {
				echo "not in MAINTAINERS: $new" >&2
				return 1
			}
		done
}

# checkpatch_clean TREE PATCH: TREE's checkpatch --strict finds nothing
# in PATCH but what it says of every definition of a kselftest fixture
# variant generator (FIXTURE_VARIANT_ADD_*(): a macro whose body is a
# FIXTURE_VARIANT_ADD() with its initializer, or a list of them, as
# upstream's own in tools/testing/selftests/vfio/), which it takes for
# a complex or multi-statement macro.  Its report is shown otherwise.
checkpatch_clean() {
	(cd "$1" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict -q \
		--show-types --ignore UNKNOWN_COMMIT_ID,FILE_PATH_CHANGES \
		"$2") >"$TMP/checkpatch.out" 2>&1 && return 0
	awk '
	function done() {
		if (head != "" && !(head ~ /^(ERROR|WARNING):(COMPLEX_MACRO|MULTISTATEMENT_MACRO_USE_DO_WHILE):/ &&
		    block ~ /\n\+#define FIXTURE_VARIANT_ADD_[A-Z0-9_]*\(/)) {
			print block; bad = 1
		}
		head = ""; block = ""
	}
	/^(ERROR|WARNING|CHECK):/ { done(); n++; head = $0; block = $0; next }
	/^$/ { done(); next }
	head != "" { block = block "\n" $0; next }
	{ other = other "\n" $0 }
	END {
		done()
		# It failed, and not on anything it names: show all of it.
		if (!n) { print "checkpatch failed:" other; bad = 1 }
		exit bad
	}' "$TMP/checkpatch.out"
}

# check_series KERNEL DIR: all of the above for one series.
check_series() {
	kernel=$1 dir=$2
	[ -s "$dir/series" ] || fail "no series file in $dir"
	# A series is flat (NAME) or in postings (POSTING/NAME), each
	# posting with its own cover letter; the series file names each
	# patch by its path under DIR.
	patches=$(cd "$dir" && find . -maxdepth 2 -name '0*.patch' | sed 's|^\./||' | LC_ALL=C sort)
	[ -n "$patches" ] || fail "no patch in $dir"
	for name in $patches; do
		case ${name##*/} in
		0000-cover-letter.patch) continue ;;
		esac
		grep -qx "$name" "$dir/series" || fail "$dir: $name is not in the series file"
	done
	while read -r name; do
		[ -f "$dir/$name" ] || fail "$dir: series names $name, which is missing"
	done <"$dir/series"

	tree=$("$TOP/rig/build/apply-series.sh" "$kernel")
	for name in $patches; do
		p=$dir/$name
		name=${name##*/}
		subject=$(sed -n 's/^Subject: \[PATCH[^]]*\] //p' "$p")
		[ "$name" = 0000-cover-letter.patch ] || case $subject in
		mm:* | mm/*:* | vfio/*:* | vfio:* | selftests/vfio:* | Documentation*:* | MAINTAINERS:*) ;;
		*) fail "$dir: $name: subject '$subject' lacks a subsystem prefix" ;;
		esac
		[ "$name" = 0000-cover-letter.patch ] ||
			grep -q '^Signed-off-by: ' "$p" || fail "$dir: $name has no Signed-off-by"
		# Debian's sources carry no upstream history: a commit the
		# message cites cannot be looked up, so that check is left out.
		# checkpatch asks about MAINTAINERS for every new file; instead,
		# each new file must be covered by an F: entry of the tree's
		# MAINTAINERS (or the patch must change MAINTAINERS).
		# The cover letter is no patch: checkpatch is for the others.
		[ "$name" = 0000-cover-letter.patch ] && continue
		checkpatch_clean "$tree" "$p" ||
			fail "$dir: $name is not checkpatch --strict clean"
		check_maintained "$tree" "$p" ||
			fail "$dir: $name adds a file no MAINTAINERS entry covers"
	done
	echo "series: $kernel: $(wc -l <"$dir/series") patches in $dir, clean, apply with git am"
}

checked='' skipped=''
for k in patched mainline; do
	if [ "$k" = patched ]; then
		dir=${PATCHED_SERIES:-$TOP/patches/linux-6.12}
	else
		dir=${MAINLINE_SERIES:-$TOP/patches/linux-7.3}
	fi
	if [ ! -e "$dir" ]; then
		echo "SKIP: $k: $dir does not exist yet: its series is not checked"
		skipped="$skipped $k"
		continue
	fi
	check_series "$k" "$dir"
	checked="$checked $k"
done
if [ -n "$skipped" ]; then
	echo "no series directory yet for:$skipped (checked:${checked:- none})"
	exit 77
fi
echo "series: all clean:$checked"
