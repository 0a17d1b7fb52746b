#!/bin/sh
# Bad rig options are refused with a clear message, before any work.
# shellcheck source=tests/assert.sh
. "$(dirname "$0")/../assert.sh"
opts=$TOP/rig/check-options.sh

expect_status 0 env BAR_GIB=32 BAR_COUNT=4 REPS=3 ACCEL=tcg "$opts"
expect_status 0 env BAR_GIB=64 BAR_COUNT=4 KERNELS="patched upstream" "$opts"
expect_status 0 env KERNELS="base patched upstream mainline" "$opts"
expect_status 0 env ACCEL=auto "$opts"
expect_status 0 env ALIGNS=pud,auto "$opts"
expect_status 1 env ALIGNS=pud,huge "$opts"
expect_output "ALIGNS takes a comma-separated list of pud, pmd, pte, auto \\(got 'huge'\\)"
expect_status 1 env ALIGNS=, "$opts"
expect_output "ALIGNS is empty"
expect_status 1 env BAR_GIB=24 "$opts"
expect_output 'BAR_GIB must be a power of two'
expect_status 1 env BAR_GIB=abc "$opts"
expect_output 'BAR_GIB must be a positive whole number'
expect_status 1 env BAR_GIB=512 BAR_COUNT=2 "$opts"
expect_output 'too large'
expect_status 1 env BAR_COUNT=0 "$opts"
expect_output 'BAR_COUNT must be 1 to 8'
expect_status 1 env REPS=-1 "$opts"
expect_output 'REPS must be'
expect_status 1 env ACCEL=hvf "$opts"
expect_output 'ACCEL must be tcg, kvm or auto'
expect_status 1 env KERNELS="base linus" "$opts"
expect_output "KERNELS takes base patched upstream mainline \\(rig/kernels\\) \\(got 'linus'\\)"

# run.sh stops on a bad option before fetching or building anything.
expect_status 2 env RIG_CACHE="$TMP/fresh-cache" RIG_OUT="$TMP/out.d" BAR_GIB=3 \
	"$TOP/rig/run.sh"
expect_output 'power of two'
[ ! -e "$TMP/fresh-cache" ] || fail "run.sh created its cache despite a bad option"
# ... and on a patched kernel whose series is not there.
expect_status 1 env RIG_CACHE="$TMP/fresh-cache" RIG_OUT="$TMP/out.d" \
	KERNELS="upstream mainline" MAINLINE_SERIES="$TMP/no-series" "$TOP/rig/run.sh"
expect_output "mainline needs its series in $TMP/no-series, which does not exist"
[ ! -e "$TMP/fresh-cache" ] || fail "run.sh created its cache without the mainline series"
# One place for every default: rig/options.  No script of the rig, the
# guest's or the Makefile gives a variable a default of its own
# (${NAME:=...}, ${NAME:-...}, ${NAME-...}; the system's HOME, TMPDIR
# and XDG_CACHE_HOME aside), and the table has each option once per
# target.
# shellcheck disable=SC2016 # the pattern matches a literal ${
own=$(grep -on '\${[A-Z][A-Z0-9_]*:\?[-=][^}]\+}' "$TOP"/rig/*.sh "$TOP"/rig/*/*.sh "$TOP/Makefile" |
	grep -v -e '{HOME' -e '{TMPDIR' -e '{XDG_CACHE_HOME' || true)
[ -z "$own" ] || fail "defaults outside rig/options: $own"
# shellcheck disable=SC2016 # an awk program, for lib.sh's options_awk
dup=$(sh -c '. "$0"; options_awk "$1"' "$TOP/rig/lib.sh" \
	'{ n[col("target") " " col("option")]++ } END { for (k in n) if (n[k] > 1) print k }')
[ -z "$dup" ] || fail "options given twice for one target in rig/options: $dup"
# make help lists each of them with its default.
rig=$("$TOP/rig/list-options.sh")
for o in BAR_GIB=32 REPS=3 SOAK_SECONDS=60 QEMUS=bookworm RIG_APT_TRIES=3 GUEST_MEM_MB=2048; do
	printf '%s\n' "$rig" | grep -q "^  $o " || fail "make help does not list $o"
done
# An inner script fails, by name, when what the entry script owns is
# missing; an entry script gets it from the table.
expect_status 1 env -u BAR_GIB "$TOP/rig/boot/boot-guest.sh" "$TMP" "$TMP/initrd" "$TMP/log"
expect_output 'BAR_GIB is not set: the entry script'
[ "$(sh -c '. "$0"; option_defaults soak; echo "$BAR_GIB $SOAK_SECONDS"' "$TOP/rig/lib.sh")" = "8 60" ] ||
	fail "the soak's defaults are not the table's"
[ "$(BAR_GIB=64 sh -c '. "$0"; option_defaults run; echo "$BAR_GIB $REPS"' "$TOP/rig/lib.sh")" = "64 3" ] ||
	fail "a value given does not win over the table's default"
# run.env: every option of make run and its guest, once each, as the
# run had it, read back by sh to the same values (a quote included).
# shellcheck disable=SC2016 # expanded by the inner shell
BAR_GIB=64 QUIET="it's" sh -c '. "$0"; option_defaults run guest; write_options "$1" run guest' \
	"$TOP/rig/lib.sh" "$TMP/run.env"
# shellcheck disable=SC2016 # expanded by the inner shell
want=$(sh -c '. "$0"; options_awk "$1"' "$TOP/rig/lib.sh" \
	'(col("target") == "run" || col("target") == "guest") && !s[col("option")]++ { print col("option") }' | sort)
[ "$(sed 's/=.*//' "$TMP/run.env" | sort)" = "$want" ] || fail "run.env lacks an option, or has one twice: $(cat "$TMP/run.env")"
# shellcheck disable=SC2016 # expanded by the inner shell
back=$(sh -c '. "$0"; echo "$BAR_GIB $REPS $QUIET"' "$TMP/run.env")
[ "$back" = "64 3 it's" ] || fail "run.env reads back as '$back'"
echo "options: all refused as expected"
