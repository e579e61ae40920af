#!/bin/sh
# Time that cannot be forged: a step is never dated before the step it answers. (That
# RENDA_NOW never dates a write in an installed build, only reads, is tested on the
# installed copy in tests/cli/setgid.sh: this build has the test clock.)
. "$SRCDIR/tests/lib.sh"

small_db
zp=$(q "SELECT code FROM deputy WHERE name = '沈建国'")
export RENDA_NOW=2026-03-02T09:00:00+08:00
"$RENDA" case add --deputy "$zp" --category 城市建设 --title 路灯 --content 灯坏了 >/dev/null
"$RENDA" case act 1 forward >/dev/null
RENDA_NOW=2026-03-05T10:00:00+08:00 "$RENDA" case act 1 assign --unit 平湖市住房和城乡建设局 >/dev/null
check "the case is assigned on 03-05" test "$(q "SELECT state FROM vcase WHERE id = 1")" = assigned
check "a response dated 03-04, before the assignment, is refused" \
	run 1 env RENDA_NOW=2026-03-04T16:00:00+08:00 "$RENDA" case act 1 respond --text 已收到
check "  saying it cannot come before the step it follows" \
	contains "$T/err" "cannot be dated before the step it follows (2026-03-05T10:00:00+08:00)"
check "  nothing was recorded" test "$(q "SELECT count(*) FROM wf_event WHERE action = 'respond'")" = 0
check "  the case is still assigned" test "$(q "SELECT state FROM vcase WHERE id = 1")" = assigned
check "a reply a second before the assignment is refused too" \
	run 1 env RENDA_NOW=2026-03-05T09:59:59+08:00 "$RENDA" case act 1 respond --text 已收到
check "the same second is fine" run 0 env RENDA_NOW=2026-03-05T10:00:00+08:00 "$RENDA" case act 1 respond --text 已收到
check "a reply before that response is refused" \
	run 1 env RENDA_NOW=2026-03-01T10:00:00+08:00 "$RENDA" case act 1 reply --text 已修复
check "a reply after it is recorded" run 0 env RENDA_NOW=2026-03-09T10:00:00+08:00 "$RENDA" case act 1 reply --text 已修复
check "  in order" test "$(q "SELECT group_concat(action, ' ') FROM (SELECT action FROM wf_event WHERE item_id = 1 ORDER BY id)")" = "receive forward assign respond reply"
"$RENDA" suggestion add --kind suggestion --deputy "$zp" --category 城市建设 --title 建议 --proposal 内容 >/dev/null 2>&1
if [ "$(q 'SELECT count(*) FROM suggestion')" = 1 ]; then
	RENDA_NOW=2026-03-10T10:00:00+08:00 "$RENDA" suggestion act 1 submit >/dev/null 2>&1
	check "a suggestion's step before its last is refused as well" \
		run 1 env RENDA_NOW=2026-03-09T10:00:00+08:00 "$RENDA" suggestion act 1 withdraw --text 撤回
	check "  saying why" contains "$T/err" "cannot be dated before the step it follows"
else
	skip "a suggestion's step before its last is refused as well" "no suggestion could be added"
	skip "  saying why" "no suggestion could be added"
fi
check "the trail checks out" run 0 "$RENDA" check
done_testing
