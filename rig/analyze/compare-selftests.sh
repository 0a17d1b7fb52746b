#!/bin/sh
# Judge the selftests of a run (the table of rig/analyze/parse-selftests.sh,
# every kernel booted in one: its header row once, as lib.sh's
# tsv_append makes it) against the declared plan (rig/plan, or PLAN):
# which programs must run on each kernel, and what each case must give.
# Both are read by column name (rig/analyze/lib.awk): a table without
# its header row, or without a column read here, is an error (2).
# On any kernel, whatever the plan says:
#  - a program that did not finish, reported fewer cases than its TAP
#    plan announced, or had a result line cut by a kernel message fails;
#  - a case or program that no line of the plan matches fails (a new
#    test is declared before it is judged).
# By the plan, for each group the run ran (PLAN_GROUPS):
#  - a program the plan names must run (not absent), and as a whole
#    neither skip nor fail unless the plan expects it;
#  - each case gives what its line expects: pass, fail, skip, or as on
#    the kernel's peer (rig/kernels) in either direction (peer, for the
#    mm selftests); a case the plan names literally must be there;
#  - on a kernel with a series, every case that passes on its peer is
#    there too.
# A case name that repeats within a program (the mm tests' kselftest.h
# lines name cases by their first word, "ok 3 # SKIP ...") is told
# apart by its occurrence: NAME, NAME@2, ...  A kernel's flavour
# (patched-debug) is judged as the kernel (patched).
# Environment:
#   PLAN         the plan (default rig/plan; a saved run's plan.tsv)
#   PLAN_GROUPS  the groups of the plan the run ran (default:
#                upstream series mm; the soak: series stress)
#   KERNELS      the kernels that were to run; one without any row fails
# Usage: compare-selftests.sh SELFTESTS_TSV
# Prints one summary line per kernel and one line per finding; each
# error line names its kernel ("selftests: error: KERNEL: ...").
# Exit status: 0 as planned, 1 otherwise, 2 usage error.
set -eu
# shellcheck source=rig/lib.sh
. "$(dirname "$0")/../lib.sh"

tsv=${1:?usage: compare-selftests.sh SELFTESTS_TSV}
[ -r "$tsv" ] || { echo "compare-selftests: cannot read '$tsv'" >&2; exit 2; }
plan=${PLAN:?}
[ -r "$plan" ] || { echo "compare-selftests: cannot read the plan '$plan'" >&2; exit 2; }
groups=$PLAN_GROUPS

awk -F'\t' -v groups="$groups" -v kernels="${KERNELS:-}" -v peers="$(kernel_peers)" \
	-v withseries="$(kernels_with_series)" -v planfile="$plan" -v tsv="$tsv" "$RIG_AWK"'
BEGIN {
	n = split(groups, w, " ")
	for (i = 1; i <= n; i++) active[w[i]] = 1
	# peer[K]: the kernel K is judged against (patched-debug: as patched).
	n = split(peers, w, " ")
	for (i = 1; i <= n; i++) { split(w[i], kp, ":"); peer[kp[1]] = kp[2] }
}
function err(k, msg) { printf "selftests: error: %s: %s\n", k, msg; bad = 1 }
# glob2re GLOB: the regular expression of a shell glob (* and ?).
function glob2re(g,    r, i, ch) {
	r = "^"
	for (i = 1; i <= length(g); i++) {
		ch = substr(g, i, 1)
		if (ch == "*") r = r ".*"
		else if (ch == "?") r = r "."
		else if (index("\\^$.[]|()+{}", ch)) r = r "\\" ch
		else r = r ch
	}
	return r "$"
}
function literal(g) { return g !~ /[*?]/ }
# forkernel I K: whether line I of the plan is for kernel K.
function forkernel(i, k) { return on_kernel(pk[i], k) }
# line K P C: the last line of the plan for kernel K, program P, case C
# (0: none).
function line(k, p, c,    i) {
	for (i = np; i >= 1; i--)
		if (forkernel(i, k) && p ~ pre[i] && c ~ cre[i]) return i
	return 0
}
function why(i) { return " (plan line " pline[i] ": " preason[i] ")" }
FILENAME == planfile {
	if (!rig_row("group kernels program case expect reason")) next
	e = col("expect")
	if (NF != TSV_NF[FILENAME] || e !~ /^(pass|fail|skip|peer|any|absent)$/ || (e != "pass" && (col("reason") == "" || col("reason") == "-"))) {
		printf "compare-selftests: %s:%d: not group kernels program case expect reason, with a reason unless pass\n", planfile, FNR > "/dev/stderr"
		planbad = 1
		exit 2
	}
	if (!(col("group") in active)) next
	np++
	pk[np] = col("kernels"); pp[np] = col("program"); pc[np] = col("case")
	pe[np] = e; preason[np] = col("reason"); pline[np] = FNR
	pre[np] = glob2re(pp[np]); cre[np] = glob2re(pc[np])
	next
}
FNR == 1 { tsv_header("kernel program case result"); next }
{
	k = col("kernel")
	p = col("program"); c = col("case"); r = col("result")
	if (!(k in seen)) { seen[k] = 1; order[++nk] = k }
	if (c != "-" && ++nth[k, p, c] > 1) c = c "@" nth[k, p, c]
	res[k, p, c] = r
	ran[k, p] = 1
	if (c != "-") cases[k, p]++
	count[k, r]++
	if (r != "ok" && r != "skip")
		failed[k] = failed[k] " " p ":" c (c == "-" ? "(" r ")" : "")
}
END {
	if (planbad || TSV_FAILED) exit 2
	if (!(planfile in TSV_HEAD)) {
		printf "compare-selftests: %s has no header row\n", planfile > "/dev/stderr"
		exit 2
	}
	if (!(tsv in TSV_HEAD)) {
		printf "compare-selftests: %s has no header row (it is empty)\n", tsv > "/dev/stderr"
		exit 2
	}
	bad = 0
	n = split(kernels, want, " ")
	for (i = 1; i <= n; i++)
		if (!(want[i] in seen))
			err(want[i], "no selftest result at all (the guest did not boot or run them)")
	for (i = 1; i <= nk; i++) {
		k = order[i]
		printf "selftests: %s: %d ok, %d skipped, %d failed, %d unfinished\n",
			k, count[k, "ok"], count[k, "skip"], count[k, "fail"],
			count[k, "unfinished"]
		if (failed[k] != "")
			printf "selftests: %s: not passed:%s\n", k, failed[k]
	}
	# A case judged against a peer that did not run is not judged: said.
	for (key in res) {
		split(key, f, SUBSEP)
		k = f[1]; b = peer[k]
		if (f[3] == "-" || b == "" || (b in seen)) continue
		l = line(k, f[2], f[3])
		if (l && pe[l] == "peer") unjudged[k]++
	}
	for (i = 1; i <= nk; i++)
		if (unjudged[order[i]])
			printf "selftests: NOTE: %s: %d cases are judged against %s, which did not run: not judged\n",
				order[i], unjudged[order[i]], peer[order[i]]
	# Programs the plan names: each runs where it must.
	for (i = 1; i <= nk; i++) {
		k = order[i]
		for (j = 1; j <= np; j++) {
			p = pp[j]
			if (!literal(p) || !forkernel(j, k) || ((k, p) in done)) continue
			done[k, p] = 1
			l = line(k, p, "-")
			if (pe[l] == "absent") continue
			if (!((k, p) in ran) || res[k, p, "-"] == "absent")
				err(k, p " did not run" why(l))
		}
	}
	for (key in res) {
		split(key, f, SUBSEP)
		k = f[1]; p = f[2]; c = f[3]; r = res[key]
		if (r == "unfinished") { err(k, p " did not finish"); continue }
		if (r == "missing") { err(k, p " reported fewer cases than its TAP plan announced"); continue }
		if (r == "garbled") { err(k, p ": a result line cut by a kernel message: " c); continue }
		l = line(k, p, c == "-" ? "-" : c)
		if (l == 0) { err(k, p " " c " is " r ", and no line of the plan is for it: declare it"); continue }
		e = pe[l]
		if (c == "-") {
			# The program as a whole: absent is judged above.
			if (r == "absent") continue
			b = peer[k]
			if (e == "peer" && (b in seen)) {
				rb = ((b, p, "-") in res) ? res[b, p, "-"] : (((b, p) in ran) ? "ok" : "not there")
				if (r != rb)
					err(k, p " is " r " as a whole, on " b " " rb why(l))
				continue
			}
			if ((r == "skip" && e != "skip") || (r == "fail" && e != "fail" && e != "any"))
				err(k, p " is " r " as a whole, the plan expects " e why(l))
			continue
		}
		if (e == "pass" && r != "ok")
			err(k, p " " c " is " r ", the plan expects pass" (cases[peer[k], p] && res[peer[k], p, c] == "ok" ? ", on " peer[k] " ok" : ""))
		else if (e == "fail" && r != "fail")
			err(k, p " " c " is " r ", the plan expects fail" why(l))
		else if (e == "skip" && r != "skip")
			err(k, p " " c " is " r ", the plan expects skip" why(l))
	}
	# Cases the plan names literally are there.
	for (i = 1; i <= nk; i++) {
		k = order[i]
		for (j = 1; j <= np; j++) {
			if (!forkernel(j, k) || !literal(pp[j]) || !literal(pc[j]) || pc[j] == "-") continue
			if (pe[j] != "pass" && pe[j] != "fail" && pe[j] != "skip") continue
			if (pe[line(k, pp[j], "-")] == "absent" || !((k, pp[j]) in ran)) continue
			if (!((k, pp[j], pc[j]) in res))
				err(k, pp[j] " " pc[j] " is missing" why(j))
		}
	}
	# With a series, every case that passes on the peer is there.
	for (key in res) {
		split(key, f, SUBSEP)
		b = f[1]; p = f[2]; c = f[3]
		if (res[key] != "ok" || c == "-") continue
		for (i = 1; i <= nk; i++) {
			k = order[i]
			if (peer[k] != b || ((k, p, c) in res) || !((k, p) in ran)) continue
			if (res[k, p, "-"] == "absent") continue
			l = line(k, p, c)
			if (!l || pe[l] != "peer")
				err(k, p " " c " is missing, on " b " ok")
		}
	}
	# peer: each case as on the peer, either way.
	for (key in res) {
		split(key, f, SUBSEP)
		x = f[1]; p = f[2]; c = f[3]
		if (c == "-") continue
		for (i = 1; i <= nk; i++) {
			k = order[i]
			b = peer[k]
			if (b == "" || !(b in seen) || (x != k && x != b)) continue
			l = line(k, p, c)
			if (!l || pe[l] != "peer") continue
			if (x == b && ((k, p, c) in res)) continue
			if (!((k, p) in ran) && pe[line(k, p, "-")] == "absent") continue
			rk = ((k, p, c) in res) ? res[k, p, c] : "not there"
			rb = ((b, p, c) in res) ? res[b, p, c] : "not there"
			if (rk != rb)
				err(k, p " " c " is " rk ", on " b " " rb why(l))
		}
	}
	exit bad
}' "$plan" "$tsv"
