#!/bin/sh
# The console's audit trail keeps to the scope as renda audit list does: a town clerk
# sees the rows of its town's records only, a viewer every record's rows masked as the
# record is (a voter's phone, a private case's content).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"

me=$(id -un)
as_role() { # as_role ROLE [TOWN-NAME]: the caller's account, changed by hand
	case $1 in
	town-clerk) q "UPDATE app_user SET role = 'town-clerk', unit_id = NULL, town_id = (SELECT id FROM town WHERE name = '$2') WHERE login = '$me'" ;;
	*) q "UPDATE app_user SET role = '$1', town_id = NULL, unit_id = NULL WHERE login = '$me'" ;;
	esac
}
small_db
zp=$(q "SELECT code FROM deputy WHERE name = '沈建国'")
xd=$(q "SELECT code FROM deputy WHERE name = '钱佳怡'")
"$RENDA" case add --deputy "$zp" --category 城市建设 --title 乍浦路灯 --content 中心路路灯坏了 \
	--voter-name 王大伯 --voter-phone 13900001111 >/dev/null
"$RENDA" case add --deputy "$xd" --category 农业农村 --title 新埭灌溉 --content 灌溉渠堵塞 \
	--voter-name 李阿姨 --voter-phone 13700002222 >/dev/null
"$RENDA" case add --deputy "$zp" --category 社会事业 --title 乍浦私事 --content 邻里纠纷细节 \
	--voter-name 赵先生 --voter-phone 13600003333 --private >/dev/null
# thousands N: N with thousands separators, as the list's count shows it.
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

as_role town-clerk 新埭镇
n=$(($("$RENDA" audit list | wc -l) - 1))
start
wait_for "Main menu" >/dev/null
keys 3
check "a town clerk's audit trail has the rows audit list gives it ($n)" wait_for "$(thousands "$n") rows"
keys f
wait_for "Filter:" >/dev/null
typing "case add"
keys Enter
check "  one case of its own town" wait_for "1 row"
keys Enter
check "  the 新埭镇 case" wait_for "灌溉渠堵塞"
check "  with its voter, since a clerk sees it" contains_screen 13700002222
keys q q Q
wait_dead 3

as_role viewer
n=$(($("$RENDA" audit list | wc -l) - 1))
start
wait_for "Main menu" >/dev/null
keys 3
check "a viewer's audit trail has the rows audit list gives it ($n)" wait_for "$(thousands "$n") rows"
keys f
wait_for "Filter:" >/dev/null
typing "case add"
keys Enter
check "  every case" wait_for "3 rows"
keys Enter
check "  the newest is the private case, its content hidden" wait_for "(private)"
check "  never shown" sh -c '! tmux -L "$0" -u capture-pane -p -t t | grep -q 邻里纠纷细节' "$TM_SOCK"
check "  its voter's phone masked" contains_screen "136****3333"
keys q End Enter
check "the oldest, the 乍浦镇 case, shows its content" wait_for "中心路路灯坏了"
check "  and the voter's phone masked" contains_screen "139****1111"
check "  never whole" sh -c '! tmux -L "$0" -u capture-pane -p -t t | grep -q 13900001111' "$TM_SOCK"
keys q q Q
check "the console exits" wait_dead 3
check "no sanitizer report" sanitizers_quiet
done_testing
