#!/bin/sh
# Database care from the console (main menu -> 数据库维护, administrators), 80x24 in
# Chinese: a backup into backups/ beside the database and to a file named (asking before
# replacing one), the check of renda check (faults marked once an audit row is altered),
# the audit trail's head as renda audit anchor prints it, and the search indexes rebuilt
# after they were emptied. Each outcome is read back with sqlite3 and the CLI.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=80
TM_ROWS=24
S() { "$RENDA" "$@" >"$T/s.out" 2>"$T/s.err" || { echo "Bail out! $*: $(cat "$T/s.err")"; exit 1; }; }
S init
S deputy add --name 沈建国 --resident_id "$(fix_id 33048219700101001)" --level city --town 乍浦镇
code=$(deputy_code 沈建国)
S case add --deputy "$code" --category 城市建设 --title 路灯不亮 --content 中心路路灯坏了
# found TEXT: how many voter issues a search finds.
found() { "$RENDA" case list --search "$1" | nrows -; }
cases() { sqlite3 -batch -noheader "$1" "SELECT count(*) FROM vcase"; }

start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
check "the main menu offers database care" contains_screen "数据库维护     立即备份、检查数据库"
menu_open 数据库维护
check "  its menu" wait_for "重建搜索索引"

keys 1
check "1 asks where to back up" wait_for "备份到（留空：数据库旁的 backups 目录）："
keys Enter
check "  empty: into backups/ beside the database" wait_match "已备份到 $T/backups/renda-"
b=$(ls "$T"/backups/renda-*.db 2>/dev/null | head -n 1)
check "  a whole copy ($b)" test -n "$b" -a "$(sqlite3 "$b" "PRAGMA integrity_check" 2>/dev/null)" = ok
check "  holding the voter issue" test "$(cases "$b")" = 1
check "  with its audit key" cmp -s "$RENDA_DB.key" "$b.key"
check "  which verifies the copy's trail" run 0 "$RENDA" --db "$b" audit verify

keys 1
wait_for "备份到" >/dev/null
typing "$T/copy.db"
keys Enter
check "a file named" wait_for "已备份到 $T/copy.db"
check "  holds the voter issue" test "$(cases "$T/copy.db")" = 1
S case add --deputy "$code" --category 城市建设 --title 井盖缺失 --content 北门井盖丢了
keys 1
wait_for "备份到" >/dev/null
typing "$T/copy.db"
keys Enter
check "  again: asks before replacing it" wait_for "已存在。要替换吗？"
keys n
check "  n keeps the old copy" test "$(cases "$T/copy.db")" = 1
keys 1
wait_for "备份到" >/dev/null
typing "$T/copy.db"
keys Enter
wait_for "已存在。要替换吗？" >/dev/null
keys y
check "  y replaces it" wait_for "已备份到 $T/copy.db"
check "  with both voter issues" test "$(cases "$T/copy.db")" = 2

keys 3
check "3 shows the audit trail's head" wait_for "审计日志链头"
head=$("$RENDA" audit anchor | sed -n 's/^head: //p')
check "  as renda audit anchor prints it" wait_match "链头 +$head"
check "  and its short form" contains_screen "$(echo "$head" | cut -c1-4) $(echo "$head" | cut -c5-8)"
keys q

keys 2
check "2 checks the database" wait_for "数据库检查"
check "  no fault" wait_match "结果 +未发现问题"
check "  the file whole" screen_matches "完整性 +正常"
keys q
q "UPDATE audit SET after_json = replace(after_json, '路灯不亮', '路灯很亮') WHERE entity = 'case'"
keys 2
wait_for "数据库检查" >/dev/null
check "an altered audit row: faults found" wait_match "^\* 结果 +发现问题：见标记的行"
check "  the audit trail's row marked" screen_matches "^\* 审计日志 "
keys q
keys 3
check "  the head is not shown for a broken trail" wait_for "审计日志在第"
broken=$(q "SELECT min(id) FROM audit WHERE entity = 'case'")
check "  which names the row altered ($broken)" contains_screen "审计日志在第 $broken 行断裂"
# The audit trail's V says the same.
keys q
wait_for "主菜单" >/dev/null
keys 3
wait_for "审计日志" >/dev/null
keys V
check "V on the audit trail names the row too" wait_for "审计日志在第 $broken 行断裂"
keys q
wait_for "主菜单" >/dev/null
menu_open 数据库维护
wait_for "重建搜索索引" >/dev/null
q "UPDATE audit SET after_json = replace(after_json, '路灯很亮', '路灯不亮') WHERE entity = 'case'"
keys q
wait_for "主菜单" >/dev/null
keys 3
wait_for "审计日志" >/dev/null
keys V
check "restored, V finds the trail intact" wait_match "审计日志完整：已校验 [0-9]+ 行。"
keys q
wait_for "主菜单" >/dev/null
menu_open 数据库维护
wait_for "重建搜索索引" >/dev/null

q "INSERT INTO vcase_fts (vcase_fts) VALUES ('delete-all'); INSERT INTO vcase_chars (vcase_chars) VALUES ('delete-all')"
check "emptied indexes find nothing" test "$(found 路灯) $(found 路灯不亮)" = "0 0"
keys 4
check "4 asks first" wait_for "现在重建全部民情事项的搜索索引吗？"
keys n
check "  n leaves them" test "$(found 路灯)" = 0
keys 4
wait_for "现在重建" >/dev/null
keys y
check "  y rebuilds them" wait_for "已重建民情事项的搜索索引。"
check "  searches find the voter issue again" test "$(found 路灯) $(found 路灯不亮) $(found 井盖)" = "1 1 1"
check "  both indexes whole" test "$(q "INSERT INTO vcase_fts (vcase_fts, rank) VALUES ('integrity-check', 1); SELECT 'ok'")" = ok
keys q Q
wait_dead 3 >/dev/null

as_role city-clerk
start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
check "a city clerk's main menu does not offer it" lacks_screen "数据库维护"
keys Q
wait_dead 3 >/dev/null
check "no sanitizer report" sanitizers_quiet
done_testing
