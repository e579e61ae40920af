#!/bin/sh
# make bench: speed at scale (issue 14). Builds a database with `renda demo --scale
# BENCH_SCALE` (default 1, about 10,000 voter issues, so that it runs in CI in well
# under a minute; 100 is the million of the issue) and prints each figure of the
# issue's table beside its anchor: the bare SQLite query a user could run instead, or
# the library alone. Prints figures; asserts nothing. Each query figure is the best of
# five runs inside one process (tests/bench/speedbench); commands are timed whole.
# BENCH_DB names a database made by an earlier run (with its .key) to use instead of
# building one; BENCH_IMPORT the rows of the import (default 5,000; the issue's 50,000
# at the million scale).
set -u
: "${RENDA:?run through make bench}"
: "${SRCDIR:?run through make bench}"
: "${BUILDDIR:?run through make bench}"
SCALE=${BENCH_SCALE:-1}
NIMPORT=${BENCH_IMPORT:-5000}
T=$(mktemp -d "${TMPDIR:-/tmp}/renda-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" LC_ALL=C.UTF-8
# Changes carry the real clock.
unset RENDA_NOW LANGUAGE

ms() { date +%s%3N; }
q() { sqlite3 -batch -noheader "$RENDA_DB" "$@"; }
# row FIGURE RENDA ANCHOR [NOTE]: one line of the table.
row() { printf '%-44s %14s %20s  %s\n' "$1" "$2" "$3" "${4:-}"; }

echo "== speed at scale: renda demo --scale $SCALE"
if [ -n "${BENCH_DB:-}" ]; then
	cp "$BENCH_DB" "$T/renda.db" && cp "$BENCH_DB.key" "$T/renda.db.key" || exit 1
	# The copy written out before anything is timed (at scale 100 the kernel's writing of
	# 2.5 GB stalled the clerks' commits: p99 1.75 s).
	sync
	export RENDA_DB="$T/renda.db"
	demo_s="(given)"
else
	export RENDA_DB="$T/renda.db"
	t0=$(ms)
	"$RENDA" demo --scale "$SCALE" >"$T/demo.out" 2>&1 || { cat "$T/demo.out"; exit 1; }
	demo_s=$(awk -v a="$t0" -v b="$(ms)" 'BEGIN { printf "%.1f s", (b - a) / 1000 }')
fi
cases=$(q 'SELECT count(*) FROM vcase')
year=$(q "SELECT substr(max(submitted_at), 1, 4) - 1 FROM vcase")
yearn=$(q "SELECT count(*) FROM vcase WHERE submitted_at >= '$year' AND submitted_at < '$((year + 1))'")
echo "database: $cases voter issues ($yearn in $year)"
echo
row "figure" "renda" "anchor" "anchor is"
row "renda demo --scale $SCALE" "$demo_s" "—" "(the issue's aim at scale 100: 3 min)"

# ---- size ----------------------------------------------------------------------------
q 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
bytes=$(stat -c %s "$RENDA_DB")
part() { q "SELECT coalesce(sum(pgsize), 0) / 1048576 FROM dbstat WHERE name LIKE '$1'"; }
row "database size per voter issue" "$((bytes / cases)) B" "—" \
	"events $(part 'wf_event%') MiB, cases $(part 'vcase') MiB, trigram $(part 'vcase_fts%') MiB, characters $(part 'vcase_chars%') MiB, clocks $(part 'wf_clock%') MiB, audit $(part 'audit%') MiB"

# ---- queries (one process, best of five) ------------------------------------------
"$BUILDDIR/tests/bench/speedbench" "$RENDA_DB" "$year" >"$T/speed.tsv" || exit 1
tail -n +2 "$T/speed.tsv" | while IFS='	' read -r name r a note; do
	row "$name" "$r ms" "$a ms" "$note"
done

# ---- writes: eight clerks at once ------------------------------------------------------
# Each of 8 processes chases its own 10 assigned cases one after the other, five times
# over, as commands (clerkbench --commands: no shell between, whose own processes would
# take the two processors the clerks share); every command is timed whole (start-up, lock
# wait, work, commit), and RENDA_TIMING splits them.
q "SELECT id FROM vcase WHERE state IN ('assigned', 'responded') ORDER BY id DESC LIMIT 80" >"$T/ids"
audit_from=$(q "SELECT coalesce(max(id), 0) FROM audit")
# The bytes of an audit row's text (its images, hashes, time and names).
rowlen="length(CAST(coalesce(before_json, '') AS BLOB)) + length(CAST(coalesce(after_json, '')
	AS BLOB)) + length(hash) + length(at) + length(account) + length(role) +
	length(entity) + length(action)"
if [ "$(wc -l <"$T/ids")" -ge 80 ]; then
	# The anchor: the same clerks making the same writes (a step, the case's new version)
	# through the sqlite3 shell, a process a write, after renda's.
	if RENDA_TIMING=1 "$BUILDDIR/tests/bench/clerkbench" --commands "$RENDA" "$T/ids" 8 \
		"$T/timing" >"$T/commands" 2>"$T/commands.err"; then
		set -- $(cat "$T/commands")
		split=$(cat "$T"/timing.* | sed -n 's/.*start-up \([0-9.]*\) ms, lock wait \([0-9.]*\) ms, work \([0-9.]*\) ms, commit \([0-9.]*\) ms.*/\1 \2 \3 \4/p' |
			awk '{ s += $1; l += $2; w += $3; c += $4; n++ } END { if (n) printf "mean start-up %.1f ms, lock wait %.1f ms, work %.1f ms, commit %.1f ms", s / n, l / n, w / n, c / n }')
		bare="—" bare_note="(no sqlite3 shell)"
		if command -v sqlite3 >/dev/null &&
			"$BUILDDIR/tests/bench/clerkbench" --bare "$(command -v sqlite3)" "$T/ids" 8 \
				"$RENDA_DB" >"$T/bare" 2>"$T/bare.err"; then
			bare=$(awk '{ printf "p50 %s ms, p99 %s ms", $2, $6 }' "$T/bare")
			bare_note=$(awk '{ printf "%s writes, %s failed, processor time a write %s ms", $10, $12, $14 }' "$T/bare")
		fi
		row "8 clerks writing at once: one write command" "p50 $2 ms, p99 $6 ms" "$bare" \
			"${10} commands, ${12} failed; p90 $4 ms, slowest $8 ms; processor time a command ${14} ms (eight processes on $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') processors); $split; anchor: the sqlite3 shell making the step and the case's new version (no audit row), a process a write: $bare_note"
	else
		row "8 clerks writing at once: one write command" "failed" "—" "$(head -n 1 "$T/commands.err")"
	fi
	# The same chases saved from the console: a clerk's session is open (its database
	# opened once, as the console opens it) and every save is the step form's model call.
	if "$BUILDDIR/tests/bench/clerkbench" "$RENDA_DB" "$T/ids" 8 >"$T/console" 2>"$T/console.err"; then
		set -- $(cat "$T/console")
		row "8 clerks saving at once from the console" "p50 $2 ms, p99 $6 ms" "—" \
			"${10} saves, ${12} failed; p90 $4 ms, slowest $8 ms (each clerk's first save prepares its statements)"
	else
		row "8 clerks saving at once from the console" "failed" "—" "$(head -n 1 "$T/console.err")"
	fi
	# What each of those steps added to the audit trail: its row keeps the fields of the
	# case it changed, before and after it. The demo writes no audit row for the
	# steps it generates, so the size per voter issue above leaves them out.
	audit_step=$(q "SELECT round(avg($rowlen)) FROM audit WHERE id > $audit_from AND
		entity = 'case' AND action = 'chase'")
	steps_case=$(q "SELECT round(1.0 * count(*) / (SELECT count(*) FROM vcase), 1) FROM wf_event
		WHERE workflow = 'case'")
	row "audit row of a step (a chase)" "${audit_step%.0} B" "—" \
		"the case's fields it changed before and after it, its hash in the chain; $steps_case steps a voter issue in the demo, which writes no audit row for those it generates (not in the size above)"
fi

# ---- import ----------------------------------------------------------------------------
dep=$(q "SELECT code FROM deputy WHERE status = 'in-office' AND level = 'city' ORDER BY id LIMIT 1")
town=$(q "SELECT t.name FROM deputy d JOIN town t ON t.id = d.town_id WHERE d.code = '$dep'")
awk -v n="$NIMPORT" -v d="$dep" -v t="$town" 'BEGIN {
	print "submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id"
	for (i = 1; i <= n; i++)
		printf "2025-06-%02dT09:%02d:00+08:00,%s,phone,张%d,139%08d,%s,城市建设,导入%d号路段积水,雨后积水严重影响通行希望尽快疏通排水管网,bench-%d\n",
			1 + i % 28, i % 60, d, i % 97, i, t, i, i
}' >"$T/import.csv"
# Meanwhile another clerk saves a change every 50 ms: none may fail.
id=$(sed -n 1p "$T/ids")
(
	while [ ! -e "$T/import.done" ]; do
		"$RENDA" case act "$id" chase --text "另一位工作人员" >/dev/null 2>&1 ||
			echo fail >>"$T/other.fail"
		echo >>"$T/other.ok"
		sleep 0.05
	done
) &
t0=$(ms)
RENDA_TIMING=1 "$RENDA" case import "$T/import.csv" >"$T/import.out" 2>"$T/import.err" ||
	{ cat "$T/import.err"; }
t1=$(ms)
touch "$T/import.done"
wait
held=$(sed -n 's/.*lock wait [0-9.]* ms, work \([0-9.]*\) ms, commit \([0-9.]*\) ms.*/\1 \2/p' "$T/import.err" |
	awk '{ printf "%.0f", $1 + $2 }')
ckpt=$(sed -n 's/.*checkpoint after it \([0-9.]*\) ms.*/\1/p' "$T/import.err" | awk '{ printf "%.0f", $1 }')
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1000 }')
row "import of $NIMPORT voter issues" "$secs s, $(awk -v n="$NIMPORT" -v s="$secs" 'BEGIN { printf "%.0f", n / s }') rows/s" "—" \
	"$(sed -n 's/.*: \([0-9]*\) added.*/\1/p' "$T/import.out") added; write lock held ${held:-?} ms, then the checkpoint after it ${ckpt:-?} ms (the lock released); another clerk's saves meanwhile: $(cat "$T/other.ok" 2>/dev/null | wc -l), failed $(cat "$T/other.fail" 2>/dev/null | wc -l)"

# What real use adds to the size per voter issue above: the audit row of its creation (the
# import's, one a voter issue, which is its first step's too) and one for each step after
# it (the chase above; as many as the demo's steps a voter issue, less the first); the
# demo writes neither for the records it generates.
created=$(q "SELECT round(avg($rowlen)) FROM audit WHERE id > $audit_from AND entity = 'case'
	AND action = 'add'")
if [ -n "${audit_step:-}" ] && [ -n "$created" ]; then
	later=$(awk -v n="$steps_case" 'BEGIN { printf "%.1f", n - 1 }')
	real=$(awk -v b="$((bytes / cases))" -v c="${created%.0}" -v n="$later" \
		-v s="${audit_step%.0}" 'BEGIN { printf "%.0f", b + c + n * s }')
	row "size per voter issue with its audit rows" "$real B" "—" \
		"what real use writes: the demo's $((bytes / cases)) B, its creation's audit row ${created%.0} B, $later later steps' rows of ${audit_step%.0} B (the aim: 1,500 B)"
fi

# ---- the yearly workbook ---------------------------------------------------------------
# own_peak FILE CMD...: runs CMD, writing to FILE the peak of its own memory (RssAnon, in
# KiB, sampled every 10 ms): the resident size counts the pages of the database file it
# reads mapped as well, which are the kernel's cache, shared and given back on demand.
own_peak() {
	out=$1
	shift
	"$@" >/dev/null 2>&1 &
	pid=$!
	peak=0
	while kill -0 "$pid" 2>/dev/null; do
		a=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
		[ -n "$a" ] && [ "$a" -gt "$peak" ] && peak=$a
		sleep 0.01
	done
	wait "$pid"
	echo "$peak" >"$out"
}
# The limit: libxlsxwriter alone writing the same cells (read through the report's own
# reader first; only the writing timed, xlsxbench). It runs first: its untimed read brings
# the year's pages into the kernel's cache, so that renda, whose time counts its reading,
# is not measured on a cold cache against a limit that never is (at scale 100, cold: 0.78x;
# both warm: 1.0x).
"$BUILDDIR/tests/bench/xlsxbench" "$RENDA_DB" "$year" "$T/alone.xlsx" >"$T/alone.out" 2>&1
/usr/bin/time -f "%e %U %S %M" -o "$T/report.time" \
	"$RENDA" report cases --year "$year" --out "$T/report.xlsx" >/dev/null 2>&1 || echo "bench: report failed"
own_peak "$T/report.own" "$RENDA" report cases --year "$year" --out "$T/report.xlsx" --force
read -r w u s m <"$T/report.time"
alone=$(sed -n 's/.* in \([0-9.]*\) s (CPU \([0-9.]*\) s user, \([0-9.]*\) s system).*/\1 \2 \3/p' "$T/alone.out")
set -- $alone
aw=${1:-0} au=${2:-0} as=${3:-0}
# speed A B: A's time over B's (B runs at that fraction of A's speed).
speed() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }
row "yearly workbook, $yearn cases" "${w} s, CPU ${u} s user, ${s} s system" \
	"${aw} s, CPU ${au} s user, ${as} s system" \
	"libxlsxwriter alone on the same cells; renda at $(speed "$aw" "$w")x the limit's speed, $(speed "$(awk -v a="$au" -v b="$as" 'BEGIN { print a + b }')" "$(awk -v a="$u" -v b="$s" 'BEGIN { print a + b }')")x in CPU time (aim 0.9x)"
row "yearly workbook: memory" "$(cat "$T/report.own") KiB own" "—" \
	"resident ${m} KiB with the database's mapped pages (aim: 20 MB)"

# ---- the data cockpit and the duty points (issue 18: figures at a million under 1 s) ----
# best3 CMD...: the best of three whole runs of a command, in ms.
best3() {
	b=
	for _ in 1 2 3; do
		t0=$(ms)
		"$@" >/dev/null 2>&1 || { echo "bench: $* failed" >&2; return; }
		t=$(($(ms) - t0))
		[ -z "$b" ] || [ "$t" -lt "$b" ] && b=$t
	done
	echo "$b"
}
row "data cockpit, now" "$(best3 "$RENDA" cockpit) ms" "—" "(issue 18's aim at scale 100: 1000 ms)"
# As of a past day: computed (nothing kept), then read as kept (schema 24).
asof_computed() { q "DELETE FROM cockpit_kept" && "$RENDA" cockpit --as-of "$year-06-30"; }
row "data cockpit, as of $year-06-30, computed" "$(best3 asof_computed) ms" "—" \
	"every figure from the histories"
row "data cockpit, as of $year-06-30, kept" "$(best3 "$RENDA" cockpit --as-of "$year-06-30") ms" \
	"—" "the figures kept when that day was first read"
# The duty points' totals kept between readings (schema 20): computed with nothing kept
# (every deputy's events of the year read and scored), read as kept, and after a change
# of one deputy (a correction: that deputy's events alone are read again).
computed() { q "DELETE FROM points_total" && "$RENDA" points ranking --year "$year"; }
row "duty points ranking of $year, computed" "$(best3 computed) ms" "—" \
	"every deputy's events of the year, scored"
row "duty points ranking of $year, kept" "$(best3 "$RENDA" points ranking --year "$year") ms" "—" \
	"the totals kept, no deputy marked"
marked_cockpit() {
	b=
	for _ in 1 2 3; do
		d=$("$RENDA" points ranking --year "$year" | awk -F '\t' 'NR == 2 { print $3 }')
		"$RENDA" points correct "$d" --item research --date "$year-12-01" --reason bench \
			>/dev/null 2>&1 || { echo "bench: points correct failed" >&2; return; }
		t0=$(ms)
		"$RENDA" cockpit >/dev/null 2>&1 || { echo "bench: cockpit failed" >&2; return; }
		t=$(($(ms) - t0))
		[ -z "$b" ] || [ "$t" -lt "$b" ] && b=$t
	done
	echo "$b"
}
row "data cockpit, one deputy's points changed" "$(marked_cockpit) ms" "—" \
	"that deputy's events read again, the others kept"
