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
# A creation's row keeps the whole record after it; a change's row, before and after
# it, the fields it changed: those whose values differ between the record as its
# creation left it and the record now (read from its table), with their values of then
# and now. Folding the after-images in order gives the record as it is.
"$RENDA" audit list --format json >"$T/all.json"
$PY - "$T/all.json" "$RENDA_DB" "$li" "$cat" >"$T/images" 2>&1 <<'EOF'
import json, sqlite3, sys
rows = sorted(json.load(open(sys.argv[1])), key=lambda r: int(r["id"]))
db = sqlite3.connect(sys.argv[2])
def image(r, side):
    return json.loads(r[side]) if r[side] else None
for entity, table, rid in (("user", "app_user", sys.argv[3]), ("category", "category", sys.argv[4])):
    mine = [r for r in rows if r["entity"] == entity and str(r["entity_id"]) == rid]
    cols = [c[1] for c in db.execute("PRAGMA table_info(%s)" % table)]
    record = dict(zip(cols, db.execute("SELECT * FROM %s WHERE id = ?" % table, (rid,)).fetchone()))
    assert len(mine) == 2 and image(mine[0], "before") is None, mine
    was, before, after = image(mine[0], "after"), image(mine[1], "before"), image(mine[1], "after")
    assert list(was) == cols, (was, cols)
    changed = [k for k in cols if record[k] != was[k]]
    assert changed and before == {k: was[k] for k in changed}, (before, changed)
    assert after == {k: record[k] for k in changed}, (after, changed)
    folded = dict(was)
    folded.update(after)
    assert folded == record, (folded, record)
    print(entity, " ".join(sorted(before)))
EOF
check "a change's row: the fields it changed, before and after it; a creation's, all" \
	grep -qx 'category name version' "$T/images"
check "  (li's edit: name, role and version)" grep -qx 'user name role version' "$T/images"
diag <"$T/images"
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
cp "$RENDA_DB.key" "$T/base.db.key"
m=$((total / 2)) # a row in the middle
W="$T/work.db"
# tamper DESCRIPTION SQL: applies SQL to a fresh copy (with its key) and runs audit verify on it.
tamper() {
	cp "$T/base.db" "$W"
	cp "$T/base.db.key" "$W.key"
	sqlite3 -batch "$W" "$2" || echo "# the SQL failed: $2"
	check "$1: audit verify fails" run 1 "$RENDA" --db "$W" audit verify
}
for f in at account role entity entity_id action before_json after_json hash; do
	case $f in
	at) v="'2026-03-02T09:00:01+08:00'" ;;
	account) v="'mallory'" ;;
	role) v="'viewer'" ;;
	entity_id) v="entity_id + 1" ;;
	before_json) v="coalesce(before_json, '') || ' '" ;;
	*) v="$f || 'x'" ;;
	esac
	tamper "altering $f of row $m" "UPDATE audit SET $f = $v WHERE id = $m"
	check "  names row $m" contains "$T/err" "broken at row $m:"
	check "  as altered" contains "$T/err" "audit row $m was altered"
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
tamper "deleting the last row and moving the recorded head back" "DELETE FROM audit WHERE id = $last;
	UPDATE meta SET value = (SELECT hash FROM audit WHERE id = $last - 1) WHERE key = 'audit_head'"
check "  the seal catches it" contains "$T/err" "rows were removed from the end"
keyrow=$(q "SELECT id FROM audit WHERE entity = 'audit' AND action = 'key'")
# The migrations' own rows (the schema and the reference rows they seed) come first.
seeded=$(q "SELECT max(id) FROM audit WHERE action IN ('migrate', 'seed')")
check "a new database is keyed from its start (key row $keyrow, after the schema's rows)" \
	test "$keyrow" -gt 1 -a "$keyrow" -eq $((seeded + 1))
tamper "cutting the trail back to before its key row" "DELETE FROM audit WHERE id >= $keyrow;
	UPDATE meta SET value = (SELECT hash FROM audit WHERE id = $keyrow - 1) WHERE key = 'audit_head';
	DELETE FROM meta WHERE key = 'audit_seal'"
check "  names the key row" contains "$T/err" "before its key row $keyrow"
tamper "deleting every audit row" "DELETE FROM audit; DELETE FROM meta WHERE key LIKE 'audit%'"
check "  as an empty trail" contains "$T/err" "the audit trail is empty"
tamper "swapping the contents of rows $m and $((m + 1))" "
	CREATE TEMP TABLE s AS SELECT * FROM audit WHERE id IN ($m, $((m + 1)));
	UPDATE audit SET (at, account, role, entity, entity_id, action, before_json, after_json,
		hash) = (SELECT at, account, role, entity, entity_id, action, before_json,
		after_json, hash FROM s WHERE s.id = $((2 * m + 1)) - audit.id)
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

# ---- the key ------------------------------------------------------------------------
check "the key file is the owner's alone (0600)" test "$(stat -c %a "$RENDA_DB.key")" = 600
cp "$T/base.db" "$W"
rm -f "$W.key"
check "a copy without its key: audit verify fails" run 1 "$RENDA" --db "$W" audit verify
check "  saying the key is missing" contains "$T/err" "the audit key $W.key is missing"
n0=$(sqlite3 "$W" 'SELECT n FROM tx_number')
check "  it can still be read" run 0 "$RENDA" --db "$W" user list
check "  without a write transaction (the transaction number is where it was)" \
	test "$(sqlite3 "$W" 'SELECT n FROM tx_number')" = "$n0"
check "  and nothing can be changed in it" run 1 "$RENDA" --db "$W" user add wu --role viewer
check "  saying why" contains "$T/err" "the audit key $W.key is missing: nothing can be changed"
check "  (no row was added)" test "$(sqlite3 "$W" 'SELECT count(*) FROM audit')" = "$total"
check "  and no new key was made for it" test ! -e "$W.key"
cp "$T/base.db.key" "$W.key"
check "with the key back, it verifies" run 0 "$RENDA" --db "$W" audit verify

# ---- recomputed chains: without the key, and with it ------------------------------------
if [ -x "$PY" ]; then
	cat >"$T/rehash.py" <<-'EOF'
		# rehash.py DB KEYFILE MODE [ROW]: walks the chain as renda does, with Python's own
		# hashlib and hmac; MODE check (assert it), forge ROW (alter it and recompute every
		# hash after it, with SHA-256 for lack of the key), insider ROW (the same with the
		# key), legacy (turn the database into one an unkeyed renda made: no key row, no seal).
		import hashlib, hmac, sqlite3, sys
		db, keyfile, mode = sqlite3.connect(sys.argv[1]), sys.argv[2], sys.argv[3]
		row = int(sys.argv[4]) if len(sys.argv) > 4 else 0
		lines = open(keyfile).read().split("\n")
		assert lines[0] == "renda audit key 1" and lines[3] == "state committed", lines
		key, start = bytes.fromhex(lines[1].split()[1]), int(lines[2].split()[1])
		def msg(prev, r):
		    out = b""
		    for v in (prev,) + tuple(r):
		        if v is None:
		            out += b"-:"
		        else:
		            b = str(v).encode()
		            out += b"%d:" % len(b) + b
		    return out
		def h(prev, r, keyed):
		    if keyed:
		        return hmac.new(key, msg(prev, r), hashlib.sha256).hexdigest()
		    return hashlib.sha256(msg(prev, r)).hexdigest()
		cols = "id, at, account, role, entity, entity_id, action, before_json, after_json, hash"
		if mode == "legacy":
		    db.execute("DELETE FROM audit WHERE entity = 'audit' AND action = 'key'")
		    db.execute("UPDATE audit SET id = id - 1 WHERE id > ?", (start,))
		    db.execute("DELETE FROM meta WHERE key = 'audit_seal'")
		rows = list(db.execute("SELECT %s FROM audit ORDER BY id" % cols))
		prev = "0" * 64
		for r in rows:
		    keyed = mode != "legacy" and r[0] >= start and (mode != "forge" or r[0] < row)
		    if mode == "check":
		        assert r[9] == h(prev, r[:9], keyed), r[0]
		        prev = r[9]
		        continue
		    after = r[8] + " " if r[0] == row else r[8]
		    new = h(prev, r[:8] + (after,), keyed)
		    if r[0] >= row or mode == "legacy":
		        db.execute("UPDATE audit SET after_json = ?, hash = ? WHERE id = ?",
		                   (after, new, r[0]))
		    prev = new
		if mode != "check":
		    db.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (prev,))
		    if mode == "insider":
		        seal = hmac.new(key, b"seal:%d:%s" % (rows[-1][0], prev.encode()),
		                        hashlib.sha256).hexdigest()
		        db.execute("UPDATE meta SET value = ? WHERE key = 'audit_seal'", (seal,))
		    db.commit()
	EOF
	check "Python's own HMAC-SHA256 with the key reproduces every row's hash" \
		"$PY" "$T/rehash.py" "$T/base.db" "$T/base.db.key" check
	cp "$T/base.db" "$W"
	cp "$T/base.db.key" "$W.key"
	check "a forger without the key alters row $m and recomputes the chain after it" \
		"$PY" "$T/rehash.py" "$W" "$W.key" forge "$m"
	check "  audit verify fails" run 1 "$RENDA" --db "$W" audit verify
	check "  at row $m, whose keyed hash does not match" \
		contains "$T/err" "audit row $m was altered, or rows before it were removed or reordered: its keyed hash does not match"
	check "  renda check fails too" run 1 "$RENDA" --db "$W" check

	check "audit verify --head with the head noted now" run 0 "$RENDA" audit verify --head "$(q "SELECT hash FROM audit WHERE id = $m")"
	check "  names the row" contains "$T/out" "the head noted earlier is row $m"
	noted=$(q "SELECT hash FROM audit WHERE id = $m")
	cp "$T/base.db" "$W"
	cp "$T/base.db.key" "$W.key"
	check "an insider with the key alters row $((m - 1)) and recomputes everything" \
		"$PY" "$T/rehash.py" "$W" "$W.key" insider "$((m - 1))"
	check "  the chain alone verifies (the key was used)" run 0 "$RENDA" --db "$W" audit verify
	check "  but not against the head noted earlier" \
		run 1 "$RENDA" --db "$W" audit verify --head "$noted"
	check "  which is no longer in the trail" contains "$T/err" "is not in the audit trail"
	check "a short head (16 digits, as anchor prints it) works too" \
		run 0 "$RENDA" audit verify --head "$(echo "$noted" | cut -c1-16)"
	check "a malformed head is a usage error" run 2 "$RENDA" audit verify --head xyz

	# ---- a database made before the chain was keyed ----------------------------------
	L="$T/legacy.db"
	cp "$T/base.db" "$L"
	cp "$T/base.db.key" "$L.key"
	check "make a database as an unkeyed renda left it" "$PY" "$T/rehash.py" "$L" "$L.key" legacy
	rm -f "$L.key"
	lrows=$(sqlite3 "$L" 'SELECT count(*) FROM audit')
	check "  its plain chain verifies, and renda keys it on opening" run 0 "$RENDA" --db "$L" audit verify
	check "  with a key file" test -s "$L.key"
	check "  and a key row after the old rows" \
		test "$(sqlite3 "$L" "SELECT id FROM audit WHERE action = 'key'")" = $((lrows + 1))
	check "  a change is written keyed" run 0 "$RENDA" --db "$L" user add wu --role viewer
	check "  and the whole trail verifies" run 0 "$RENDA" --db "$L" audit verify
	check "  Python agrees: plain before row $((lrows + 1)), keyed from it" \
		"$PY" "$T/rehash.py" "$L" "$L.key" check
	check "a forger recomputing the old plain part" \
		"$PY" "$T/rehash.py" "$L" "$L.key" forge 3
	check "  is caught at the key row, whose HMAC covers the old head" \
		run 1 "$RENDA" --db "$L" audit verify
else
	skip "the chain recomputed with and without the key" "$PY is missing"
fi

# ---- audit anchor ---------------------------------------------------------------------
check "audit anchor" run 0 "$RENDA" audit anchor
head=$(q "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
check "  names the database, the rows and the head" same "$T/out" "$(cat <<-EOF
	renda audit anchor
	database: $RENDA_DB
	host: $(hostname)
	time: $(sed -n 's/^time: //p' "$T/out")
	rows: $(q 'SELECT count(*) FROM audit')
	head: $head
	short: $(echo "$head" | cut -c1-4) $(echo "$head" | cut -c5-8) $(echo "$head" | cut -c9-12) $(echo "$head" | cut -c13-16)
	verify: renda audit verify --head $head
	EOF
)"
check "  at the real time, whatever RENDA_NOW says" \
	test "$(sed -n 's/^time: \(....\).*/\1/p' "$T/out")" = "$(date +%Y)"
check "  its verify line works" run 0 "$RENDA" audit verify --head "$head"
tamper "anchor on a broken trail" "UPDATE audit SET account = 'x' WHERE id = $m"
check "  refuses to anchor it" run 1 "$RENDA" --db "$W" audit anchor

# ---- records changed behind renda's back --------------------------------------------------
check "renda check: every record matches its audit rows" run 0 "$RENDA" check
check "  says so" contains "$T/out" "records: each matches its audit rows"
cp "$T/base.db" "$W"
cp "$T/base.db.key" "$W.key"
sqlite3 "$W" "UPDATE app_user SET role = 'admin' WHERE login = 'li'"
check "a role raised with sqlite3 (no audit row)" run 1 "$RENDA" --db "$W" check
check "  is named" contains "$T/err" "records: user $li differs from its audit rows"
check "  yet the chain itself is intact" run 0 "$RENDA" --db "$W" audit verify
# A field li's edit did not change is held by li's first row only (the creation's whole
# image); the name the edit changed, by the edit's row, the last that holds it.
cp "$T/base.db" "$W"
sqlite3 "$W" "UPDATE app_user SET active = 0 WHERE login = 'li'"
check "a field the last change left alone, changed with sqlite3" run 1 "$RENDA" --db "$W" check
check "  is named" contains "$T/err" "records: user $li differs from its audit rows"
check "  in Chinese, the record's kind in words" run 1 env LANGUAGE=zh_CN LC_ALL=C.UTF-8 \
	"$RENDA" --db "$W" check
check "  (账号 $li, not user)" contains "$T/err" "记录：账号 $li 与其审计记录不符"
cp "$T/base.db" "$W"
first_name=$(sqlite3 "$W" "SELECT json_extract(after_json, '$.name') FROM audit WHERE
	entity = 'user' AND entity_id = $li ORDER BY id LIMIT 1")
sqlite3 "$W" "UPDATE app_user SET name = '$first_name' WHERE login = 'li'"
check "the name set back with sqlite3 to what it was before the edit ('$first_name', not 李四)" \
	run 1 "$RENDA" --db "$W" check
check "  is named" contains "$T/err" "records: user $li differs from its audit rows"
cp "$T/base.db" "$W"
sqlite3 "$W" "INSERT INTO category (code, name) VALUES ('ZZ', '暗加')"
check "a category added with sqlite3" run 1 "$RENDA" --db "$W" check
check "  is named" contains "$T/err" "has no audit row"
cp "$T/base.db" "$W"
sqlite3 "$W" "DELETE FROM app_user WHERE login = 'li'"
check "an account deleted with sqlite3" run 1 "$RENDA" --db "$W" check
check "  is named" contains "$T/err" "records: user $li is gone, and no audit row says so"

# ---- schema 29: a row no longer holds the hash of the row before it ----------------------
# A database made at schema 28 (the migrations up to 28 alone), with rows keyed and not,
# is upgraded: the column is gone, every row keeps its hash, and the chain still verifies.
data_upto 28
O="$T/old28.db"
check "a database made at schema 28" run 0 env RENDA_DATADIR="$T/data28" "$RENDA" --db "$O" init
check "  with a change after its key row" run 0 env RENDA_DATADIR="$T/data28" "$RENDA" --db "$O" \
	ref add category --code Z9 --name 迁移前
check "  at 28, each row holding the hash of the row before it" test "$(sqlite3 "$O" "
	SELECT (SELECT user_version FROM pragma_user_version) = 28 AND count(*) > 0 AND
	count(*) = sum(a.prev_hash = coalesce((SELECT b.hash FROM audit b WHERE b.id = a.id - 1),
	'$(printf '0%.0s' $(seq 64))')) FROM audit a")" = 1
sqlite3 "$O" "SELECT id, hash FROM audit ORDER BY id" >"$T/hashes28"
check "renda upgrades it" run 0 "$RENDA" --db "$O" audit verify
check "  to 29 or later, where a row holds no prev_hash" test "$(sqlite3 "$O" "SELECT
	(SELECT user_version FROM pragma_user_version) >= 29 AND NOT EXISTS (SELECT 1 FROM
	pragma_table_info('audit') WHERE name = 'prev_hash')")" = 1
check "  every row of schema 28 with its hash as it was" test "$(sqlite3 "$O" "SELECT id, hash FROM
	audit WHERE id <= $(wc -l <"$T/hashes28") ORDER BY id" | cmp - "$T/hashes28" && echo same)" = same
check "  and the upgrade's own row after them" test "$(sqlite3 "$O" "SELECT count(*) FROM audit WHERE
	id > $(wc -l <"$T/hashes28") AND entity = 'schema' AND action = 'migrate'")" -ge 1
check "a change after the upgrade" run 0 "$RENDA" --db "$O" ref add category --code Z8 --name 迁移后
check "  verifies with the rows before it" run 0 "$RENDA" --db "$O" audit verify
done_testing
