#!/bin/sh
# make bench: the console's voter issues on a million cases. The cases are made as
# tests/bench/report.sh makes them (lib-cases.sh: SQL on top of `renda demo`), then the
# search indexes are rebuilt with `renda case reindex`. Prints milliseconds from the key
# sent to the screen that shows its result (the page and the count of the list),
# polling through tmux every 5 ms, so tmux's own delay is in them; asserts nothing.
# Page moves are the best of three (the machine is shared). BENCH_CASES changes the
# number of cases; BENCH_DB names a database made by an earlier run to use instead
# (it is only read).
set -u
: "${RENDA:?run through make bench}"
: "${SRCDIR:?run through make bench}"
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
. "$SRCDIR/tests/bench/lib-cases.sh"
N=${BENCH_CASES:-1000000}
# The clock stands after the years of the cases: the one in ten still assigned are overdue.
export RENDA_NOW=2027-03-01T09:00:00+08:00
TM_COLS=160

if [ -n "${BENCH_DB:-}" ]; then
	export RENDA_DB="$BENCH_DB"
	total=$(q 'SELECT count(*) FROM vcase')
	echo "database: $total cases in $BENCH_DB"
else
	t0=$(ms)
	bench_cases_db "$N" || exit 1
	t1=$(ms)
	"$RENDA" case reindex >/dev/null || { echo "bench: renda case reindex failed" >&2; exit 1; }
	t2=$(ms)
	total=$(q 'SELECT count(*) FROM vcase')
	echo "database: $total cases made in $((t1 - t0)) ms; search indexes rebuilt in $((t2 - t1)) ms"
fi

# rows N: the count as the title line shows it ("1,009,780 rows", "1 row").
rows() {
	[ "$1" = 1 ] && { echo "1 row"; return; }
	printf "%s rows" "$(echo "$1" | sed ':a; s/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta')"
}
# timed TEXT: milliseconds until the screen shows TEXT (polling every 5 ms).
timed() {
	t_0=$(ms)
	until screen | grep -qF -- "$1"; do
		[ $(($(ms) - t_0)) -gt 60000 ] && { echo "timeout"; return; }
		sleep 0.005
	done
	echo $(($(ms) - t_0))
}
# best3 KEYS-BACK KEYS TEXT: best of three of KEYS until TEXT, going back with KEYS-BACK.
best3() {
	b=
	for _ in 1 2 3; do
		keys $1
		sleep 0.3
		keys $2
		t=$(timed "$3")
		[ -z "$b" ] || [ "$t" -lt "$b" ] && b=$t
	done
	echo "$b"
}
# The case at a place of the list (newest first, as the console sorts it).
nth() { q "SELECT number FROM vcase ORDER BY submitted_at DESC, id DESC LIMIT 1 OFFSET $1"; }
oldest=$(q 'SELECT number FROM vcase ORDER BY submitted_at, id LIMIT 1')

t_start=$(ms)
start
wait_for "Main menu" 30 >/dev/null
keys 6
wait_for "All voter issues" >/dev/null
keys 1
timed "$(rows "$total")" >/dev/null
echo "console start to the first full case list (page and count): $(($(ms) - t_start)) ms"
page=$(($(screen | grep -c '^ .*[0-9]\{4\}-[0-9]\{6\} ')))
echo "PgDn (best of 3):                         $(best3 Home PageDown " $(nth "$page") ") ms"
echo "End, the oldest case (best of 3):         $(best3 Home End " $oldest ") ms"
echo "Home (best of 3):                         $(best3 End Home " $(nth 0) ") ms"

# Category: chosen with v (the selection form; the category picked from its list).
cat_n=$(q "SELECT count(*) FROM vcase v JOIN category c ON c.id = v.category_id WHERE c.name = '生态环境'")
keys v
wait_for "Which voter issues to list" >/dev/null
keys Enter
wait_for "Category: pick from" >/dev/null
keys f
typing 生态
keys Enter
wait_for "Enter Choose" >/dev/null
keys Enter
wait_for "生态环境" >/dev/null
keys F2
echo "category chosen, to its list and count:   $(timed "$(rows "$cat_n")") ms ($cat_n cases)"
keys PageDown
next=$(q "SELECT v.number FROM vcase v JOIN category c ON c.id = v.category_id WHERE c.name = '生态环境' ORDER BY v.submitted_at DESC, v.id DESC LIMIT 1 OFFSET $page")
echo "  PgDn in it:                             $(timed " $next ") ms"
keys v
wait_for "Which voter issues to list" >/dev/null
keys BSpace F2
timed "$(rows "$total")" >/dev/null

# Overdue (o): the cases with a deadline past.
od_n=$(q "SELECT count(DISTINCT item_id) FROM wf_clock WHERE workflow = 'case' AND stopped IS NULL AND clock <> 'return' AND due < '${RENDA_NOW%%T*}'")
keys o
echo "o, the overdue cases and their count:     $(timed "$(rows "$od_n")") ms ($od_n cases)"
keys o
timed "$(rows "$total")" >/dev/null

# search TEXT: / TEXT until the list and its count show. The count to wait for comes from a
# LIKE scan (what every search finds).
search() {
	n=$(q "SELECT count(*) FROM vcase WHERE title LIKE '%$1%' OR content LIKE '%$1%' OR reply LIKE '%$1%'")
	keys / C-u
	wait_for "Search (full text):" >/dev/null
	typing "$1"
	keys Enter
	echo "$(timed "$(rows "$n")") ms ($(rows "$n" | sed 's/row/case/') found)"
}
echo "2-character search 路灯:                  $(search 路灯)"
echo "2-character search 拥堵 (again):          $(search 拥堵)"
echo "4-character search 河道垃圾:              $(search 河道垃圾)"
echo "4-character search 第12345 (one case):    $(search 第12345号)"
keys PageDown
keys / C-u Enter
timed "$(rows "$total")" >/dev/null
keys f
wait_for "Filter:" >/dev/null
typing 灌溉
echo "filter 灌溉 typed to shown (f, as you type): $(timed 'filter: 灌溉; ') ms"
keys Q
