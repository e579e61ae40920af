#!/bin/sh
# Data exchange at the console (issue 19), 80x24 and in Chinese: the main menu's last
# entry opens the exchange log; a conflict is shown side by side and taken; a file is
# applied and the next one written, each from a prompt; other roles are refused. What
# the screens did is read back with renda sync and renda case.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=80
TM_ROWS=24

city=$RENDA_DB zp="$T/zp.db"
S() { "$@" >"$T/s.out" 2>"$T/s.err" || { echo "Bail out! $*: $(cat "$T/s.err")"; exit 1; }; }
C() { "$RENDA" "$@"; }
Z() { "$RENDA" --db "$zp" "$@"; }
S C init
S Z init --site 乍浦镇
S C sync key --to 乍浦镇 --out "$T/zp.key"
S Z sync key-load "$T/zp.key"
S C deputy add --name 沈建国 --resident_id "$(fix_id 33048219700101001)" --level city --town 乍浦镇
code=$(deputy_code 沈建国)
S C case add --deputy "$code" --category 城市建设 --title 路灯不亮 --content 中心路路灯坏了
S C case act 2026-000001 forward
S C sync export --to 乍浦镇 --out "$T/c1.sync"
S Z sync apply "$T/c1.sync"
# Both sides take a step of the same voter issue.
S C case act 2026-000001 reject --text 已进入诉讼程序
S Z case act 2026-000001 assign --unit 平湖市住房和城乡建设局
S Z sync export --to city --out "$T/z1.sync"
S C sync apply "$T/z1.sync"
S C sync conflicts
check "the CLI lists the conflict" test "$(nrows "$T/s.out")" = 1

start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
check "the city's administrator works in the whole city" sh -c \
	'printf "%s\n" "$1" | grep -q "（管理员，全市）"' sh "$(line 1)"
keys End Enter
check "the main menu's last entry is the exchange log" wait_for "数据交换"
check "  with the file applied" wait_for "已导入"
check "  and the one written" contains_screen "已导出"
check "  and the open conflict named on the title line" contains_screen "1 个冲突待处理"
keys c
check "c lists the conflicts" wait_for "交换冲突"
check "  the voter issue" wait_for "民情事项"
check "  by its number" contains_screen "2026-000001"
keys Enter
check "Enter shows it side by side" wait_for "对方"
check "  ours and theirs" contains_screen "本方"
check "  the state each side has" wait_match "状态 +不予受理 +已交办"
check "  the keys to resolve it" contains_screen "采用对方"
keys t
check "t asks first" wait_for "用对方对"
keys n
check "  n leaves it" wait_for "保留本方"
check "  open" test "$(C sync conflicts | nrows -)" = 1
keys t
wait_for "用对方对" >/dev/null
keys y
check "y takes theirs" wait_for "已采用对方的"
check "  the view says so" wait_for "采用对方"
check "  the CLI sees no open conflict" test "$(C sync conflicts | nrows -)" = 0
check "  the voter issue is assigned, as 乍浦镇 had it" test "$(show_fields case 2026-000001 state)" = assigned
keys q q
wait_for "数据交换" >/dev/null

# Applying a file from a prompt, and writing the next one.
S Z case act 2026-000001 respond --text 已派人查看
S Z sync export --to city --out "$T/z2.sync"
keys i
check "i asks for the file" wait_for "导入交换文件："
typing "$T/z2.sync"
keys Enter
check "  a report of what it did" wait_for "已导入乍浦镇发来的第 2 号文件"
check "  the records it changed" contains_screen "修改数"
check "  read back: responded" test "$(show_fields case 2026-000001 state)" = responded
keys q
wait_for "数据交换" >/dev/null
keys E
check "E asks for the town (the only one offered)" wait_for "乍浦镇"
check "  the question whole at 80 columns" contains_screen "导出下一个交换文件给（镇（街道）名称或代码）： 乍浦镇"
keys Enter
check "  then for the file" wait_for "交换文件写入："
keys C-u
typing "$T/c-next.sync"
keys Enter
check "  and writes it" wait_for "已将发给乍浦镇的第"
check "  a file 乍浦镇 applies" run 0 Z sync apply "$T/c-next.sync"
check "  and then shows the city's resolution" test "$(Z case show 2026-000001 | awk -F '\t' '$1 == "state" { print $2 }')" = responded
check "  the log lists it" wait_for "c-next.sync"
keys Q
wait_dead 3 >/dev/null

# Keys from the console: K at the city writes a town's key file, L at that town loads it,
# p lists the sites with their keys; files signed with it then travel (read back with
# renda sync, and the key ids compared with the file's own).
xd="$T/xd.db"
X() { "$RENDA" --db "$xd" "$@"; }
S X init --site 新埭镇
echo 别的文件 >"$T/xd.key"
start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys End Enter
wait_for "数据交换" >/dev/null
keys K
check "K asks for the town" wait_for "生成交换密钥给（镇（街道）名称或代码）："
typing 新埭镇
keys Enter
check "  then for the file, its code offered" wait_for "密钥写入： XD.key"
keys C-u
typing "$T/xd.key"
keys Enter
check "  a file that exists: asks first" wait_for "已存在。要替换它吗？"
keys n
check "  n keeps it" test "$(cat "$T/xd.key")" = 别的文件
check "  and makes no key" test "$(C sync peers | grep -c 新埭镇)" = 0
keys K
wait_for "生成交换密钥给" >/dev/null
typing 新埭镇
keys Enter
wait_for "密钥写入：" >/dev/null
keys C-u
typing "$T/xd.key"
keys Enter
wait_for "已存在。要替换它吗？" >/dev/null
keys y
check "  y writes it" wait_for "已将与新埭镇交换的密钥写入"
check "  a key file" test "$(head -n 1 "$T/xd.key")" = "renda exchange key 1"
xid=$(sed -n 's/^id //p' "$T/xd.key")
check "  whose key the city keeps ($xid)" test -n "$xid" -a \
	"$(C sync peers | awk -F '\t' '$2 == "新埭镇" { print $3 }')" = "$xid"
keys p
check "p lists the sites" wait_for "与本数据库交换数据的站点"
check "  乍浦镇" contains_screen "乍浦镇  密钥 "
check "  and 新埭镇 with its key" wait_match "新埭镇 +密钥 $xid，启用于 "
check "  and the files each has had" contains_screen "已导出文件 0 个，已"
keys q Q
wait_dead 3 >/dev/null
start LANGUAGE=zh_CN RENDA_DB="$xd"
wait_for "主菜单" >/dev/null
keys End Enter
wait_for "数据交换" >/dev/null
keys K
check "K at a town says keys are made at the city" wait_for "密钥在市级数据库生成"
check "  and makes none" test "$(X sync peers | nrows -)" = 0
keys L
check "L asks for the key file" wait_for "载入密钥文件："
typing "$T/xd.key"
keys Enter
check "  and loads it" wait_for "已载入与市级平台交换的密钥"
check "  the town keeps the same key" \
	test "$(X sync peers | awk -F '\t' 'NR == 2 { print $3 }')" = "$xid"
keys p
check "p at the town lists the city" wait_match "市级平台 +密钥 $xid"
keys q Q
wait_dead 3 >/dev/null
S C deputy add --name 陆新埭 --resident_id "$(fix_id 33048219710101001)" --level city --town 新埭镇
S C sync export --to 新埭镇 --out "$T/x1.sync"
check "a file signed with the console's key is applied at the town" run 0 X sync apply "$T/x1.sync"
check "  bringing its deputy" test "$(X deputy list | grep -c 陆新埭)" = 1

# A town's own database: finance data and its warnings stay at the city, so its main menu
# offers neither (the policy library, the city's reference data, it does).
start LANGUAGE=zh_CN RENDA_DB="$zp"
wait_for "主菜单" >/dev/null
check "a town's own main menu has the modules" wait_for "民情事项"
check "  (the town's database, named on the title line)" contains_screen "zp.db"
check "  whose administrator works in 乍浦镇's own database, not the whole city's" sh -c \
	'printf "%s\n" "$1" | grep -q "（管理员，乍浦镇自有数据库）" && ! printf "%s\n" "$1" |
	grep -q 全市' sh "$(line 1)"
check "  and the policy library" contains_screen "政策法规"
check "  but not finance supervision nor its warnings" sh -c \
	"! tmux -L '$TM_SOCK' -u capture-pane -p -t t | grep -Eq '^   ([1-9]| ) (财经监督|财经预警) '"
check "  and no description names them either" sh -c \
	"! tmux -L '$TM_SOCK' -u capture-pane -p -t t | grep -Eq '财经监督|财经预警'"
keys Q
wait_dead 3 >/dev/null

# Other roles: the main menu does not offer it (only an administrator exchanges).
as_role city-clerk
start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
check "a city clerk's main menu has the modules" wait_for "民情事项"
check "  but not the data exchange" sh -c "! tmux -L '$TM_SOCK' -u capture-pane -p -t t | grep -q 数据交换"
keys Q
wait_dead 3 >/dev/null
check "no sanitizer report" sanitizers_quiet
done_testing
