#!/bin/sh
# The series must not change where an anonymous mapping lands: compare
# the placement test's "# PLACEMENT anon" line (a 1 GiB anonymous mmap,
# 64-bit) of each kernel with the series against the kernel without it,
# from the consoles of one run: patched against base, mainline against
# upstream.  Addresses move with ASLR; the alignment to PMD_SIZE
# (mod_pmd) does not, so that is what is compared.
# Usage: compare-anon.sh OUTDIR   (reads OUTDIR/console-KERNEL.log)
# Prints one line per pair that ran; exit status 1 if a pair differs.
set -eu

out=${1:?usage: compare-anon.sh OUTDIR}

# anon_mod_pmd LOG: the distinct mod_pmd values of LOG's anon lines.
anon_mod_pmd() {
	tr -d '\r' <"$1" | sed -n 's/^# PLACEMENT anon .* mod_pmd=\([^ ]*\).*/\1/p' |
		sort -u | tr '\n' ' ' | sed 's/ $//'
}

st=0
for pair in base:patched upstream:mainline; do
	without=${pair%:*} with=${pair#*:}
	a=$out/console-$without.log b=$out/console-$with.log
	if [ ! -r "$a" ] || [ ! -r "$b" ]; then
		continue
	fi
	x=$(anon_mod_pmd "$a") y=$(anon_mod_pmd "$b")
	if [ -z "$x" ] || [ -z "$y" ]; then
		echo "anon placement: $with vs $without: not measured (no PLACEMENT anon line)"
		st=1
	elif [ "$x" = "$y" ]; then
		echo "anon placement: 1 GiB mmap mod 2 MiB = $y on $with, $x on $without: same"
	else
		echo "anon placement: 1 GiB mmap mod 2 MiB = $y on $with, $x on $without: DIFFERENT"
		st=1
	fi
done
exit "$st"
