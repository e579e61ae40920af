#!/bin/sh
# The console in Chinese (issue 11, item 8): the pick lists and reference lists show
# the kinds of units and towns in words (政府部门, 街道), and the audit screen names the
# record, its fields and their coded values in words (民情事项, 标题, 待处理; a flag 是 or
# 否), not the codes the database keeps.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=120

small_db
zp=$(q "SELECT code FROM deputy WHERE name = '沈建国'")
"$RENDA" case add --deputy "$zp" --category 城市建设 --title 路灯不亮 --content 中心路路灯坏了 \
	--channel phone >/dev/null || { echo "Bail out! case add failed"; exit 1; }

start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys 2
sleep 0.3
keys 3
check "the handling units" wait_for "平湖市教育局"
check "are of the kind 政府部门" contains_screen "政府部门"
keys End
check "and, at the end, 镇人民政府" wait_for "镇人民政府"
check "not department" sh -c "! tmux -L '$TM_SOCK' -u capture-pane -p -t t | grep -q department"
keys q
sleep 0.3
keys 1
check "the towns and streets" wait_for "当湖街道"
check "kind 街道" sh -c "tmux -L '$TM_SOCK' -u capture-pane -p -t t | grep '当湖街道' | grep -q '街道.*街道'"
check "not street" sh -c "! tmux -L '$TM_SOCK' -u capture-pane -p -t t | grep -qw street"
keys q q
sleep 0.3
keys 3
check "the audit trail names the record in words" wait_for "民情事项"
check "and the step" contains_screen "新增"
keys Home Enter
check "an audit row: its fields by name" wait_for "标题"
check "the voter issue's title" contains_screen "路灯不亮"
check "its state in words" contains_screen "待处理"
check "its channel in words" contains_screen "来电"
check "a flag in words: 不公开 否" sh -c "tmux -L '$TM_SOCK' -u capture-pane -p -t t | grep '不公开' | grep -q '否'"
check "  not 0" sh -c "! tmux -L '$TM_SOCK' -u capture-pane -p -t t | grep '不公开' | grep -qw 0"
check "no column names" sh -c "! tmux -L '$TM_SOCK' -u capture-pane -p -t t | grep -qE 'submitted_at|category_id|received'"
keys q q Q
wait_dead 3 >/dev/null

done_testing
