#!/bin/sh
# Schema 26 (data/migrations/0026-short-triggers.sql) writes the triggers that mark the
# deputies whose duty points go stale, and those that delete the cockpit's kept figures
# from a day on, through views of one trigger each. They must do what schema 25's did.
# The same demo database is made at schema 25 (the migrations up to 25 alone) and
# migrated to 26 by renda; then the same changes are made to both, a row at a time, in
# every table whose triggers schema 26 rewrote: each row updated as it is, its times and
# deputies changed and changed back, deleted and inserted again, and a row whose voter
# issue or motion is gone (its time read as NULL). After every statement the deputies
# marked (with their transaction numbers) and the days still kept are noted: the two
# databases' notes must be the same line for line.
. "$SRCDIR/tests/lib.sh"

RENDA_NOW=2026-03-02T09:00:00+08:00
export RENDA_NOW
data_upto 25
check "a demo database made at schema 25" run 0 env RENDA_DATADIR="$T/data25" "$RENDA" demo
check "  is at 25" test "$(q "PRAGMA user_version")" = 25
cp "$RENDA_DB" "$T/old.db"
cp "$RENDA_DB.key" "$T/old.db.key"
check "renda migrates a copy" run 0 "$RENDA" deputy list
check "  to 26 or later" test "$(q "PRAGMA user_version")" -ge 26
cp "$T/old.db" "$T/quick.db"
cp "$T/old.db.key" "$T/quick.db.key"
mkdir "$T/data26" && cp -r "$T/data25/migrations" "$T/data26/" && ln -s "$SRCDIR/data/ref" "$T/data26/ref"
ln -s "$SRCDIR"/data/migrations/0026-*.sql "$T/data26/migrations/"
check "migrated from 25 to 26 alone" run 0 env RENDA_DATADIR="$T/data26" "$RENDA" --db "$T/quick.db" deputy list
check "  at 26" test "$(sqlite3 "$T/quick.db" "PRAGMA user_version")" = 26
check "  without the warning of a long upgrade (26 says it is quick)" lacks "$T/err" "upgrading"
check "  with the views of schema 26" test "$(q "SELECT count(*) FROM sqlite_schema WHERE
	type = 'view' AND name IN ('stale_deputy', 'stale_item', 'cockpit_kept_from')")" = 3

# Schema 26 itself (later schemas drop some of these triggers on purpose: 27's, on the tables
# no cockpit figure reads).
python3 - "$T/old.db" "$T/quick.db" "$T" <<'EOF' >"$T/py" 2>&1
import re, sqlite3, sys

old, new, tmp = sys.argv[1:4]
# The tables whose triggers schema 26 rewrote: read from schema 25's own database.
o = sqlite3.connect(old)
tables = [t for (t,) in o.execute(
    "SELECT DISTINCT tbl_name FROM sqlite_schema WHERE type = 'trigger' AND "
    "(name GLOB 'points_stale_*' OR (name GLOB 'kept_*' AND "
    "sql NOT LIKE '%DELETE FROM cockpit_kept;%')) ORDER BY 1")]
TIMES = ("submitted_at", "created_at", "started", "at", "starts_at")
DEPUTIES = ("deputy_id", "lead_deputy_id")
STEPS = ("forward", "deputy-reply", "submit", "withdraw", "convert", "register", "record")
other = o.execute("SELECT max(id) FROM deputy").fetchone()[0]

def cols(db, t):
    return [r[1] for r in db.execute("PRAGMA table_info(%s)" % t)]

def rows(db, t):
    c = cols(db, t)
    got = list(db.execute("SELECT * FROM %s LIMIT 2" % t))
    got += list(db.execute("SELECT * FROM %s ORDER BY 1 DESC LIMIT 1" % t))
    if t == "wf_event":
        for wf, act in db.execute("SELECT DISTINCT workflow, action FROM wf_event ORDER BY 1, 2"):
            if act in STEPS:
                got += list(db.execute("SELECT * FROM wf_event WHERE workflow = ? AND "
                                       "action = ? LIMIT 1", (wf, act)))
    return c, got

def match(c, r):
    return " AND ".join("%s IS ?" % k for k in c), list(r)

# Each change: a list of (sql, args) made in one transaction of its own number.
changes = []
for t in tables:
    c, rs = rows(o, t)
    for r in rs:
        w, a = match(c, r)
        changes.append([("UPDATE %s SET %s WHERE %s" % (t, ", ".join("%s = %s" % (k, k) for k in c), w), a)])
        for k in c:
            v = r[c.index(k)]
            if k in TIMES:
                d = dict(zip(c, r)); d[k] = "2020-02-10T10:00:00+08:00"
                w2, a2 = match(c, [d[x] for x in c])
                changes.append([("UPDATE %s SET %s = ? WHERE %s" % (t, k, w), [d[k]] + a),
                                ("UPDATE %s SET %s = ? WHERE %s" % (t, k, w2), [v] + a2)])
            if k in DEPUTIES and v is not None:
                d = dict(zip(c, r)); d[k] = other if v != other else 1
                w2, a2 = match(c, [d[x] for x in c])
                changes.append([("UPDATE %s SET %s = ? WHERE %s" % (t, k, w), [d[k]] + a),
                                ("UPDATE %s SET %s = ? WHERE %s" % (t, k, w2), [v] + a2)])
        changes.append([("DELETE FROM %s WHERE %s" % (t, w), a),
                        ("INSERT INTO %s VALUES (%s)" % (t, ", ".join("?" * len(c))), list(r))])
    # A part whose voter issue or motion is gone: its time is read as NULL.
    for parent, key in (("vcase", "case_id"), ("suggestion", "suggestion_id")):
        if key in c and rs:
            r = rs[0]
            pid = r[c.index(key)]
            pc = cols(o, parent)
            prow = o.execute("SELECT * FROM %s WHERE id = ?" % parent, (pid,)).fetchone()
            w, a = match(c, r)
            changes.append([("DELETE FROM %s WHERE id = ?" % parent, [pid]),
                            ("/* gone */ UPDATE %s SET %s = %s WHERE %s" % (t, key, key, w), a),
                            ("INSERT INTO %s VALUES (%s)" % (parent, ", ".join("?" * len(pc))), list(prow))])
o.close()

SEED = """WITH RECURSIVE d(day) AS (SELECT '2019-12-01' UNION ALL SELECT date(day, '+1 day') FROM d
  WHERE day < '2027-12-31')
INSERT INTO cockpit_kept (scope, asof, period, ord, day, recipe, panel, key, label, msgid,
  kind, value, bar, exact, module, filter)
SELECT 'x', day, 0, 0, day, 'r', 'p', 'k', 'l', 0, 0, 0, 0, 1, NULL, '[]' FROM d;"""

def trace(path):
    db = sqlite3.connect(path, isolation_level=None)
    out = []
    for i, ch in enumerate(changes):
        db.execute("BEGIN")
        db.execute("DELETE FROM points_stale")
        db.execute("DELETE FROM cockpit_kept")
        db.execute(SEED)
        full = db.execute("SELECT count(*) FROM cockpit_kept").fetchone()[0]
        db.execute("UPDATE tx_number SET n = n + 1")
        for sql, args in ch:
            try:
                db.execute(sql, args)
            except sqlite3.DatabaseError as e:  # the schema's own guards refuse alike
                out.append("%d %s | refused: %s" % (i, sql.split(" WHERE ")[0][:60], e))
                continue
            # a mark by its transaction: 0 this one (the databases' numbers differ by
            # the migration's own transaction)
            marks = db.execute("SELECT group_concat(deputy_id || ':' || (mark - "
                               "(SELECT n FROM tx_number)), ' ') FROM "
                               "(SELECT * FROM points_stale ORDER BY deputy_id)").fetchone()[0]
            kept = db.execute("SELECT count(*), max(day) FROM cockpit_kept").fetchone()
            out.append("%d %s | marks %s | kept %d of %d, to %s" % (
                i, sql.split(" WHERE ")[0][:60], marks, kept[0], full, kept[1]))
        db.execute("COMMIT")
    db.close()
    return out

a, b = trace(old), trace(new)
open(tmp + "/trace.old", "w").write("\n".join(a) + "\n")
open(tmp + "/trace.new", "w").write("\n".join(b) + "\n")
print("tables", len(tables), "changes", len(changes), "statements", len(a))
print("marked", sum(1 for x in a if "marks None" not in x))
kept = [re.search(r"\| kept (\d+) of (\d+),", x) for x in a]
kept = [(int(m.group(1)), int(m.group(2))) if m else (-1, -1) for m in kept]
print("some days deleted", sum(1 for k, f in kept if 0 < k < f))
print("gone", sum(1 for x, (k, f) in zip(a, kept) if "/* gone */" in x and k == 0))
print("refused", sum(1 for x in a if "| refused" in x))
print("every day deleted", sum(1 for k, f in kept if k == 0))
EOF
check "the same changes made to both" test $? = 0
diag <"$T/py"
# figure WORD N: the Nth field of the line of $T/py that starts with WORD (0 if none).
figure() { awk -v w="$1" -v n="$2" '$1 == w { v = $n } END { print v + 0 }' "$T/py"; }
check "  in the tables of both kinds of trigger (more than 10)" test "$(figure tables 2)" -gt 10
check "  deputies marked after many statements" test "$(figure marked 2)" -gt 100
check "  days kept deleted from a day on after many" test "$(figure some 4)" -gt 50
check "  and every day after some" test "$(figure every 4)" -gt 0
check "  as after each change of a part whose voter issue or motion is gone (4 tables)" \
	test "$(figure gone 2)" -ge 4
check "schema 26 marks the same deputies and deletes the same days as schema 25" \
	cmp -s "$T/trace.old" "$T/trace.new"
diff "$T/trace.old" "$T/trace.new" | head -20 | diag

done_testing
