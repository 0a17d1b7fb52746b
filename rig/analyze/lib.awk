# The rig's awk library: functions every awk program of the rig that
# reads a table uses.  lib.sh loads it as RIG_AWK; a program starts
# with it:  awk -F'\t' "$RIG_AWK"' FNR == 1 { tsv_header("a b"); next } ...'
#
# Tables.  Every table the rig's scripts hand each other (raw.tsv,
# selftests.tsv, console-status.tsv, vmm.tsv, ...) and every table of
# rig/ (kernels, plan, splat-allowlist) has a header row naming its
# columns, and is read by those names, never by position.  In a table
# of rig/, lines starting with # and blank lines are comments.

# tsv_header(NEED): take the current line as the header row of
# FILENAME's table; NEED, the columns the program reads (blank-
# separated), must all be there, or the program stops (status 2).
function tsv_header(need,    i, n, w) {
	TSV_HEAD[FILENAME] = $0
	TSV_NF[FILENAME] = NF
	for (i = 1; i <= NF; i++)
		TSV_COL[FILENAME, $i] = i
	n = split(need, w, " ")
	for (i = 1; i <= n; i++)
		if (!((FILENAME, w[i]) in TSV_COL))
			tsv_die(FILENAME ": no column " w[i] " in its header row: " $0)
}

# col(NAME): the current line's field in column NAME of its table.  A
# row that repeats the header row is an error: two tables were joined
# as they are, not with lib.sh's tsv_append.
function col(name) {
	if (!((FILENAME, name) in TSV_COL))
		tsv_die(FILENAME ": no column " name " (no header row read?)")
	if ($0 == TSV_HEAD[FILENAME])
		tsv_die(FILENAME ":" FNR ": a second header row (a table appended as it is, not with tsv_append)")
	return $(TSV_COL[FILENAME, name])
}

# tsv_comment(): whether the current line of a table of rig/ is a
# comment (or blank), to be skipped.
function tsv_comment() {
	return $0 ~ /^#/ || $0 ~ /^[ \t]*$/
}

# rig_row(NEED): whether the current line of a table of rig/ is a row:
# not a comment, and not its header row, the first line that is not
# one (read with tsv_header(NEED)).  TSV_NF[FILENAME]: the header's
# width, for a program that checks its rows'.
function rig_row(need) {
	if (tsv_comment())
		return 0
	if (!(FILENAME in TSV_HEAD)) {
		tsv_header(need)
		return 0
	}
	return 1
}

function tsv_die(msg) {
	printf "rig: error: %s\n", msg > "/dev/stderr"
	TSV_FAILED = 1
	exit 2
}

# on_kernel(FIELD, K): whether FIELD, the kernels column of a table of
# rig/ (rig/plan, rig/splat-allowlist), names kernel K.  FIELD is *
# (every kernel), series (a kernel with a patch series in rig/kernels),
# bare (one without), or names, comma-separated.  A kernel's flavour
# (NAME-debug) is the kernel.  Without K (""), only * names it.  Needs
# withseries, the kernels with a series (-v withseries="$(kernels_with_series)").
function on_kernel(field, k,    n, w, i, s) {
	sub(/-debug$/, "", k)
	s = (k != "" && index(" " withseries " ", " " k " ") > 0)
	n = split(field, w, ",")
	for (i = 1; i <= n; i++)
		if (w[i] == "*" || (k != "" &&
		    (w[i] == k || (w[i] == "series" && s) || (w[i] == "bare" && !s))))
			return 1
	return 0
}

# sort_numbers(A, N): sort A[1..N] in place, ascending, as numbers
# (the few timing runs of one case).
function sort_numbers(a, n,    i, j, t) {
	for (i = 2; i <= n; i++) {
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--)
			a[j + 1] = a[j]
		a[j + 1] = t
	}
}
