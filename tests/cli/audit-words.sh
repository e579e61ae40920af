#!/bin/sh
# The audit trail in words: in Chinese, every kind of record, action and role that the
# demo's trail holds is a word, not a code (points_correction, project and audit were
# shown as codes); and every kind the sources write to the trail (a workflow's name, a
# literal of audit_log()) has its word in model/core/vocab.c.
. "$SRCDIR/tests/lib.sh"

"$RENDA" demo >/dev/null 2>&1 || { echo "Bail out! renda demo failed"; exit 1; }
# Generated records are counted in the demo's one row of their kind, as the voter issues.
n=$(q "SELECT count(*) FROM suggestion")
check "the demo's $n motions and suggestions are counted in its one row of them" test "$n" -gt 0 -a \
	"$(q "SELECT json_extract(after_json, '\$.generated_suggestions') FROM audit WHERE entity = 'suggestion' AND action = 'demo'")" = "$n"
check "  none has a row of its own" \
	test "$(q "SELECT count(*) FROM audit WHERE entity = 'suggestion' AND action <> 'demo'")" = 0
kinds=$(q "SELECT count(DISTINCT entity) FROM audit")
check "the demo's trail holds records of many kinds ($kinds)" test "$kinds" -ge 20
env LANGUAGE=zh_CN "$RENDA" audit list --limit 100000 >"$T/zh" ||
	{ echo "Bail out! audit list failed"; exit 1; }
check "  all of its rows are listed" test "$(($(wc -l <"$T/zh") - 1))" = "$(q "SELECT count(*) FROM audit")"
awk -F '\t' 'NR > 1 { print $4; print $5; print $7 }' "$T/zh" | sort -u >"$T/words"
check "  in Chinese every role, kind and action is a word: $(grep '[a-z]' "$T/words" | tr '\n' ' ')" \
	sh -c '! grep -q "[a-z]" "$1"' - "$T/words"

# The kinds the sources write: workflows' names and audit_log()'s literals.
src=$SRCDIR/src
{
	grep -rho '\.name = "[a-z_-]*"' "$src/model" | sed 's/.*"\(.*\)"/\1/'
	grep -rhoE 'audit_log[a-z_]*\([a-z>.-]*(db|d->db|c->db), ([a-z&>.-]+, )?"[a-z_-]+"' "$src" |
		sed 's/.*"\(.*\)"/\1/'
} | sort -u >"$T/written"
missing=""
while read -r k; do
	grep -q "{\"$k\", NC_(\"entity\"" "$src/model/core/vocab.c" || missing="$missing $k"
done <"$T/written"
check "the sources write $(wc -l <"$T/written") kinds of records to the trail" \
	test "$(wc -l <"$T/written")" -ge 15
check "  each has its word${missing:+ (not:$missing)}" test -z "$missing"
done_testing
