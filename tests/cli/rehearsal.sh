#!/bin/sh
# A workflow step and a voter issue's recording are rehearsed before their write lock
# (db.c, db_rehearse()): their reads run and their writes are prepared, not made, so the
# write itself prepares no statement while the other clerks wait for the lock. The
# rehearsal must leave nothing behind: the step writes one event, one audit row and one
# version, a refused step writes nothing and says why once, and the audit trail stays
# whole.
. "$SRCDIR/tests/lib.sh"

RENDA_NOW=2026-03-02T09:00:00+08:00
export RENDA_NOW
"$RENDA" demo >/dev/null 2>&1 || { echo "Bail out! renda demo failed"; exit 1; }

id=$(q "SELECT id FROM vcase WHERE state = 'assigned' ORDER BY id LIMIT 1")
check "an assigned voter issue" test -n "$id"
steps="SELECT count(*) FROM wf_event WHERE workflow = 'case' AND item_id = $id"
rows="SELECT count(*) FROM audit"
version="SELECT version FROM vcase WHERE id = $id"
s0=$(q "$steps") a0=$(q "$rows") v0=$(q "$version")

# A chase: every statement it runs under the lock was prepared by its rehearsal.
check "a chase is recorded" run 0 env RENDA_TIMING=1 "$RENDA" case act "$id" chase \
	--text "请尽快答复（预演之后）"
check "  no statement prepared under the write lock" \
	contains "$T/err" "(1 transactions; 0 statements prepared under the write lock)"
check "  one step more" test "$(q "$steps")" = $((s0 + 1))
check "  one audit row more" test "$(q "$rows")" = $((a0 + 1))
check "  the next version" test "$(q "$version")" = $((v0 + 1))
check "  the step's text, once" test "$(q "SELECT count(*) FROM wf_event WHERE item_id = $id AND
	text = '请尽快答复（预演之后）'")" = 1
check "  its audit row is the chase" test "$(q "SELECT entity || ' ' || entity_id || ' ' || action
	FROM audit ORDER BY id DESC LIMIT 1")" = "case $id chase"

# The rehearsal takes no lock: while another connection holds the write lock for 1.5 s,
# the chase rehearses whole, then waits for the lock in its own transaction. (A
# rehearsal that wrote would be refused the lock at its first write, SQLite's answer to
# a reader that wants to write while another writes, and stop there: the statements
# after it would be prepared under the lock.)
rm -f "$T/held"
/usr/bin/python3 - "$RENDA_DB" "$T/held" <<-'EOF' &
	import sqlite3, sys, time
	c = sqlite3.connect(sys.argv[1], isolation_level=None)
	c.execute("BEGIN IMMEDIATE")
	c.execute("UPDATE tx_number SET n = n + 1")
	open(sys.argv[2], "w").close()
	time.sleep(1.5)
	c.execute("COMMIT")
EOF
holder=$!
i=0
while [ ! -e "$T/held" ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
check "another connection holds the write lock" test -e "$T/held"
check "a chase meanwhile is recorded" run 0 env RENDA_TIMING=1 "$RENDA" case act "$id" chase \
	--text 锁被占用时催办
wait $holder
check "  it waited for the lock in its transaction, not before" test "$(sed -n \
	's/.*lock wait \([0-9]*\)\.[0-9] ms.*/\1/p' "$T/err")" -ge 1000
check "  nothing prepared under the lock" \
	contains "$T/err" "(1 transactions; 0 statements prepared under the write lock)"
check "  its step recorded" test "$(q "SELECT count(*) FROM wf_event WHERE item_id = $id AND
	text = '锁被占用时催办'")" = 1

# A step the state refuses: refused once (the rehearsal's refusal is not said), nothing
# written.
s1=$(q "$steps") a1=$(q "$rows") v1=$(q "$version")
check "an evaluation before any reply is refused" run 1 "$RENDA" case act "$id" evaluate \
	--eval satisfied
check "  said once" test "$(grep -c . "$T/err")" = 1
check "  no step" test "$(q "$steps")" = "$s1"
check "  no audit row" test "$(q "$rows")" = "$a1"
check "  the same version" test "$(q "$version")" = "$v1"

# A step on a version someone else has moved on: refused once, nothing written.
check "a chase on an old version is refused" run 1 "$RENDA" case act "$id" chase --text 催 \
	--version "$v0"
check "  said once, naming the version now" test "$(grep -c "now version $v1" "$T/err")" = 1
check "  no step" test "$(q "$steps")" = "$s1"
check "  no audit row" test "$(q "$rows")" = "$a1"

# A voter issue recorded: under the lock only the character index's insert is prepared
# (it reads the row just written, which its rehearsal did not write).
dep=$(q "SELECT code FROM deputy WHERE status = 'in-office' ORDER BY id LIMIT 1")
n0=$(q "SELECT count(*) FROM vcase")
check "a voter issue recorded" run 0 env RENDA_TIMING=1 "$RENDA" case add --category 城市建设 \
	--title "预演路段井盖缺失" --content "晚上看不见，容易摔倒" --deputy "$dep"
check "  at most one statement prepared under the write lock" grep -Eq \
	"\(1 transactions; [01] statements prepared under the write lock\)" "$T/err"
check "  one voter issue more" test "$(q "SELECT count(*) FROM vcase")" = $((n0 + 1))
new=$(q "SELECT max(id) FROM vcase")
check "  one step, its creation" test "$(q "SELECT count(*) || ' ' || min(action) FROM wf_event
	WHERE workflow = 'case' AND item_id = $new")" = "1 receive"
check "  its audit row" test "$(q "SELECT entity || ' ' || entity_id || ' ' || action FROM audit
	ORDER BY id DESC LIMIT 1")" = "case $new add"
for word in 井 井盖 预演路段; do
	check "  found by a search for $word" run 0 "$RENDA" case list --search "$word"
	check "    the new one among them" test "$(tsv_col "$T/out" id | grep -cx "$new")" = 1
done

# A record of the module kit added and edited (ref.c): the same.
town=$(q "SELECT name FROM town ORDER BY id LIMIT 1")
d0=$(q "SELECT count(*) FROM deputy")
check "a deputy added" run 0 env RENDA_TIMING=1 "$RENDA" deputy add --name 预演代表 \
	--resident_id 330482199001011232 --level town --town "$town"
check "  no statement prepared under the write lock" \
	contains "$T/err" "(1 transactions; 0 statements prepared under the write lock)"
check "  one deputy more" test "$(q "SELECT count(*) FROM deputy")" = $((d0 + 1))
did=$(q "SELECT id FROM deputy WHERE name = '预演代表'")
check "  its audit row" test "$(q "SELECT entity || ' ' || entity_id || ' ' || action FROM audit
	ORDER BY id DESC LIMIT 1")" = "deputy $did add"
a2=$(q "$rows")
check "the deputy edited" run 0 env RENDA_TIMING=1 "$RENDA" deputy edit "$did" --phone 13911112222
check "  no statement prepared under the write lock" \
	contains "$T/err" "(1 transactions; 0 statements prepared under the write lock)"
check "  the phone and version 2" test "$(q "SELECT phone || ' ' || version FROM deputy
	WHERE id = $did")" = "13911112222 2"
check "  one audit row more, the edit's" test "$(q "$rows") $(q "SELECT action FROM audit ORDER BY
	id DESC LIMIT 1")" = "$((a2 + 1)) edit"
check "an edit of an old version is refused" run 1 "$RENDA" deputy edit "$did" --version 1 \
	--phone 13911113333
check "  said once" test "$(grep -c . "$T/err")" = 1
check "  the phone kept" test "$(q "SELECT phone FROM deputy WHERE id = $did")" = 13911112222
check "  no audit row" test "$(q "$rows")" = $((a2 + 1))

# A deputy's suggestion added (a draft): the same.
g0=$(q "SELECT count(*) FROM suggestion")
check "a suggestion added" run 0 env RENDA_TIMING=1 "$RENDA" suggestion add --kind suggestion \
	--deputy "$dep" --category 其他 --title 关于预演之后再写入的建议 --basis 依据 --proposal 方案
check "  no statement prepared under the write lock" \
	contains "$T/err" "(1 transactions; 0 statements prepared under the write lock)"
check "  one suggestion more, a draft" test "$(q "SELECT count(*) FROM suggestion") $(q "SELECT
	state FROM suggestion WHERE title = '关于预演之后再写入的建议'")" = "$((g0 + 1)) draft"

check "the audit trail and the records are whole" run 0 "$RENDA" check
check "  the trail intact" contains "$T/out" "audit: intact"
check "  the records match their rows" contains "$T/out" "records: each matches its audit rows"

done_testing
