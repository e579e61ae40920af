#!/bin/sh
# The audit trail: every change leaves a row with before and after; audit list filters
# them; tampering with rows by hand (altering any field, removing, reordering) makes
# audit verify fail and name the first bad row.
. "$SRCDIR/tests/lib.sh"

PY=/usr/bin/python3
# rows FILE: number of data lines of a TSV listing (without the header).
rows() { echo $(($(wc -l <"$1") - 1)); }
# col N: the Nth column of every data line of $T/out, one per line.
col() { awk -F '\t' -v n="$1" 'NR > 1 { print $n }' "$T/out"; }
# same_text ACTUAL EXPECTED: the strings are equal (with a diagnostic when not).
same_text() {
	[ "$1" = "$2" ] && return 0
	echo "# got:"
	printf '%s\n' "$1" | diag
	echo "# expected:"
	printf '%s\n' "$2" | diag
	return 1
}

# Changes on four days, at known times.
RENDA_NOW=2026-03-02T09:00:00+08:00 "$RENDA" init >/dev/null
check "day 1: init" test -s "$RENDA_DB"
check "day 2: register li" run 0 env RENDA_NOW=2026-03-05T10:00:00+08:00 \
	"$RENDA" user add li --role viewer
li=$("$RENDA" user list | awk -F '\t' '$2 == "li" { print $1 }')
me_id=$("$RENDA" user list | awk -F '\t' -v me="$me" '$2 == me { print $1 }')
check "day 3: change li's name and role" run 0 env RENDA_NOW=2026-03-09T11:30:00+08:00 \
	"$RENDA" user edit li --name 李四 --role city-clerk
cat=$("$RENDA" ref list category | awk -F '\t' '$3 == "城市建设" { print $1 }')
check "day 4: rename a category" run 0 env RENDA_NOW=2026-03-12T16:00:00+08:00 \
	"$RENDA" ref edit category "$cat" --name 城乡建设
total=$("$RENDA" audit list | nrows)
last=$("$RENDA" audit list --limit 1 | tsv_col - id)
check "the audit rows are numbered 1..$total" test "$last" = "$total"
check "each change left one row, at its own time" same_text \
	"$("$RENDA" audit list --limit 3 | awk -F '\t' 'NR > 1 { print $2, $5, $7 }' | tac)" \
	"2026-03-05T10:00:00+08:00 user add
2026-03-09T11:30:00+08:00 user edit
2026-03-12T16:00:00+08:00 category edit"

# ---- audit list -------------------------------------------------------------------
check "audit list" run 0 "$RENDA" audit list
check "  has a header" same_text "$(head -n 1 "$T/out")" \
	"$(printf 'id\tat\taccount\trole\tentity\tentity_id\taction\tbefore\tafter')"
check "  lists every row" test "$(rows "$T/out")" = "$total"
check "  newest first" test "$(col 1 | head -n 1)" = "$last" -a "$(col 1 | tail -n 1)" = 1
check "--entity user" run 0 "$RENDA" audit list --entity user
check "  the three user changes, newest first" same_text "$(col 7 | tr '\n' ' ')" "edit add add "
check "  of li, li and $me" same_text "$(col 6 | tr '\n' ' ')" "$li $li $me_id "
check "--entity user --id $li" run 0 "$RENDA" audit list --entity user --id "$li"
check "  li's two rows" same_text "$(col 7 | tr '\n' ' ')" "edit add "
check "--entity category --id $cat" run 0 "$RENDA" audit list --entity category --id "$cat"
check "  the seed and the rename" same_text "$(col 7 | tr '\n' ' ')" "edit add "
check "--account $me" run 0 "$RENDA" audit list --account "$me"
check "  every row is $me's" test "$(rows "$T/out")" = "$total" -a "$(col 3 | sort -u)" = "$me"
check "--account mallory" run 0 "$RENDA" audit list --account mallory
check "  no rows" test "$(rows "$T/out")" = 0
check "--since 2026-03-05" run 0 "$RENDA" audit list --since 2026-03-05
check "  the last three changes" same_text "$(col 1 | tr '\n' ' ')" "$last $((last - 1)) $((last - 2)) "
check "--until 2026-03-09 (inclusive)" run 0 "$RENDA" audit list --until 2026-03-09
check "  everything but the last change" test "$(rows "$T/out")" = $((total - 1)) -a "$(col 1 | head -n 1)" = $((last - 1))
check "--since 2026-03-05 --until 2026-03-09" run 0 "$RENDA" audit list --since 2026-03-05 --until 2026-03-09
check "  the two changes of li" same_text "$(col 2 | tr '\n' ' ')" "2026-03-09T11:30:00+08:00 2026-03-05T10:00:00+08:00 "
check "--since 2026-03-10" run 0 "$RENDA" audit list --since 2026-03-10
check "  only the category rename" same_text "$(col 5)$(col 7)" "categoryedit"
check "--until 2026-03-01" run 0 "$RENDA" audit list --until 2026-03-01
check "  nothing" test "$(rows "$T/out")" = 0
check "--limit 2" run 0 "$RENDA" audit list --limit 2
check "  the two newest rows" same_text "$(col 1 | tr '\n' ' ')" "$last $((last - 1)) "
check "filters combine with --limit" run 0 "$RENDA" audit list --entity user --limit 1
check "  the newest user row" same_text "$(col 6)$(col 7)" "${li}edit"

check "the category rename in TSV" run 0 "$RENDA" audit list --entity category --id "$cat" --limit 1
check "  before shows the old name" contains "$T/out" '"name":"城市建设"'
check "  after shows the new name" test "$(col 9 | grep -c '"name":"城乡建设"')" = 1
check "  and before does not" test "$(col 8 | grep -c '城乡建设')" = 0

if [ -x "$PY" ]; then
	check "--format json" run 0 "$RENDA" audit list --entity user --id "$li" --format json
	check "  parses as JSON" "$PY" -c 'import json,sys; json.load(sys.stdin)' <"$T/out"
	cat >"$T/edit.py" <<-'EOF'
		import json, sys
		rows = json.load(sys.stdin)
		assert [r["action"] for r in rows] == ["edit", "add"], rows
		edit = rows[0]
		before, after = json.loads(edit["before"]), json.loads(edit["after"])
		assert (before["name"], before["role"]) == ("", "viewer"), before
		assert (after["name"], after["role"]) == ("李四", "city-clerk"), after
		assert after["version"] == before["version"] + 1, (before, after)
		assert rows[1]["before"] is None and json.loads(rows[1]["after"])["login"] == "li"
		assert edit["at"] == "2026-03-09T11:30:00+08:00" and edit["account"] == sys.argv[1]
	EOF
	check "  before and after of the edit show the old and new values" \
		"$PY" "$T/edit.py" "$me" <"$T/out"
	check "json of every row" run 0 "$RENDA" audit list --format json
	check "  parses, one object per row" \
		"$PY" -c 'import json,sys; assert len(json.load(sys.stdin)) == int(sys.argv[1])' "$total" <"$T/out"
	check "json of no rows" run 0 "$RENDA" audit list --account mallory --format json
	check "  is an empty array" "$PY" -c 'import json,sys; assert json.load(sys.stdin) == []' <"$T/out"
	check "--format csv" run 0 "$RENDA" audit list --entity user --format csv
	check "  parses as CSV with the JSON intact" "$PY" -c '
import csv, json, sys
rows = list(csv.DictReader(sys.stdin))
assert len(rows) == 3, rows
assert json.loads(rows[0]["after"])["name"] == "李四"' <"$T/out"
else
	for d in "--format json parses" "before and after of the edit" "json of every row" \
		"json of no rows" "--format csv parses"; do
		skip "$d" "$PY is missing"
	done
fi

# ---- tampering ---------------------------------------------------------------------
check "the untouched trail verifies" run 0 "$RENDA" audit verify
check "  counting every row" contains "$T/out" "audit trail intact: $total rows"
# The hash chain is the database's own: no command prints a row's hash.
check "  and printing the head hash, to be noted elsewhere" \
	contains "$T/out" "head: $(q "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")"
cp "$RENDA_DB" "$T/base.db"
m=$((total / 2)) # a row in the middle
W="$T/work.db"
# tamper DESCRIPTION SQL: applies SQL to a fresh copy and runs audit verify on it.
tamper() {
	cp "$T/base.db" "$W"
	sqlite3 -batch "$W" "$2" || echo "# the SQL failed: $2"
	check "$1: audit verify fails" run 1 "$RENDA" --db "$W" audit verify
}
for f in at account role entity entity_id action before_json after_json prev_hash hash; do
	case $f in
	at) v="'2026-03-02T09:00:01+08:00'" ;;
	account) v="'mallory'" ;;
	role) v="'viewer'" ;;
	entity_id) v="entity_id + 1" ;;
	before_json) v="coalesce(before_json, '') || ' '" ;;
	prev_hash) v="replace(prev_hash, substr(prev_hash, 1, 1), 'x')" ;;
	*) v="$f || 'x'" ;;
	esac
	tamper "altering $f of row $m" "UPDATE audit SET $f = $v WHERE id = $m"
	check "  names row $m" contains "$T/err" "broken at row $m:"
	[ $f = prev_hash ] || check "  as altered" contains "$T/err" "audit row $m was altered"
done
tamper "a NULL before_json made empty" "UPDATE audit SET before_json = '' WHERE id = $m AND before_json IS NULL"
check "  names row $m" contains "$T/err" "audit row $m was altered"
tamper "altering row 1" "UPDATE audit SET account = 'mallory' WHERE id = 1"
check "  names row 1" contains "$T/err" "broken at row 1:"
tamper "altering rows $m and $((m + 9))" \
	"UPDATE audit SET after_json = 'x' WHERE id IN ($m, $((m + 9)))"
check "  names the first, row $m" contains "$T/err" "broken at row $m:"
tamper "altering the last row" "UPDATE audit SET at = '2026-03-13T16:00:00+08:00' WHERE id = $last"
check "  names row $last" contains "$T/err" "broken at row $last:"
tamper "deleting row $m" "DELETE FROM audit WHERE id = $m"
check "  names row $m" contains "$T/err" "broken at row $m:"
check "  as missing" contains "$T/err" "audit row $m is missing"
tamper "deleting the last row" "DELETE FROM audit WHERE id = $last"
check "  names row $last" contains "$T/err" "broken at row $last:"
check "  as removed from the end" contains "$T/err" "removed from the end"
tamper "deleting the last three rows" "DELETE FROM audit WHERE id > $last - 3"
check "  names row $((last - 2))" contains "$T/err" "broken at row $((last - 2)):"
tamper "swapping the contents of rows $m and $((m + 1))" "
	CREATE TEMP TABLE s AS SELECT * FROM audit WHERE id IN ($m, $((m + 1)));
	UPDATE audit SET (at, account, role, entity, entity_id, action, before_json, after_json,
		prev_hash, hash) = (SELECT at, account, role, entity, entity_id, action, before_json,
		after_json, prev_hash, hash FROM s WHERE s.id = $((2 * m + 1)) - audit.id)
	WHERE id IN ($m, $((m + 1)))"
check "  names row $m" contains "$T/err" "broken at row $m:"
check "  as reordered" contains "$T/err" "removed or reordered"
tamper "swapping the ids of rows $m and $((m + 1))" "
	UPDATE audit SET id = -1 WHERE id = $m; UPDATE audit SET id = $m WHERE id = $((m + 1));
	UPDATE audit SET id = $((m + 1)) WHERE id = -1"
check "  names row $m" contains "$T/err" "broken at row $m:"
tamper "moving the last row to the end of the trail" "UPDATE audit SET id = $last + 1 WHERE id = $last"
check "  names row $last" contains "$T/err" "broken at row $last:"
check "renda check fails on a tampered trail" run 1 "$RENDA" --db "$W" check
check "  naming the row" contains "$T/err" "audit: broken at row $last:"
check "the original still verifies" run 0 "$RENDA" audit verify

# A forger who also recomputes the altered row's own hash is caught at the next row.
if [ -x "$PY" ]; then
	cat >"$T/rehash.py" <<-'EOF'
		import hashlib, sqlite3, sys
		db, m = sqlite3.connect(sys.argv[1]), int(sys.argv[2])
		def feed(h, s):
		    if s is None:
		        h.update(b"-:")
		    else:
		        b = str(s).encode()
		        h.update(b"%d:" % len(b) + b)
		def row_hash(prev, r):
		    h = hashlib.sha256()
		    for v in (prev,) + tuple(r):
		        feed(h, v)
		    return h.hexdigest()
		q = ("SELECT id, at, account, role, entity, entity_id, action, before_json, after_json,"
		     " prev_hash, hash FROM audit ORDER BY id")
		prev = "0" * 64
		for r in db.execute(q):
		    assert r[9] == prev and r[10] == row_hash(prev, r[:9]), r[0]
		    prev = r[10]
		if m:
		    db.execute("UPDATE audit SET after_json = after_json || ' ' WHERE id = ?", (m,))
		    r = db.execute(q.replace("ORDER BY id", "WHERE id = ?"), (m,)).fetchone()
		    db.execute("UPDATE audit SET hash = ? WHERE id = ?", (row_hash(r[9], r[:9]), m))
		    db.commit()
	EOF
	check "an independent SHA-256 of each row's fields reproduces the chain" \
		"$PY" "$T/rehash.py" "$T/base.db" 0
	cp "$T/base.db" "$W"
	check "alter row $m and recompute its hash" "$PY" "$T/rehash.py" "$W" "$m"
	check "  audit verify fails" run 1 "$RENDA" --db "$W" audit verify
	check "  at the next row, which no longer follows" contains "$T/err" "audit row $((m + 1)) does not follow row $m"
else
	skip "a recomputed hash is caught at the next row" "$PY is missing"
fi
done_testing
