#!/bin/sh
# Fields that show what they hold: a prefilled value shows from its first character
# (a 10-character date in a 10-column box whole, focused or not); a value wider than
# its box shows '<' and '>' where text is out of view; a view wraps between words,
# never inside a number, a date or a code; a form scrolled in a small window shows
# its first field again once the window grows.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"

"$RENDA" init >/dev/null || exit 1
"$RENDA" deputy add --name 林小红 --resident_id 330482196211150026 --gender 女 \
	--town 乍浦镇 --level city >/dev/null || exit 1
code=$(q "SELECT code FROM deputy")
born=$(q "SELECT birth_date FROM deputy")

# field LABEL: the text of the box after LABEL (and the required mark), as on the screen.
field() { screen | grep -E "^  $1 " | head -n 1 | sed -E "s/^  $1 +\\*? ?//; s/ +\$//"; }
field_is() {
	f_end=$(($(ms) + 3000))
	until [ "$(field "$1")" = "$2" ]; do
		if [ "$(ms)" -gt "$f_end" ]; then
			echo "# the box of $1 shows '$(field "$1")', not '$2'"
			screen | diag
			return 1
		fi
		sleep 0.02
	done
}

check "the deputy was born on 1962-11-15 (from the resident ID)" test "$born" = 1962-11-15
start
wait_for "Main menu" >/dev/null
keys 4
wait_for "林小红" >/dev/null
keys e
wait_for "Deputy: 林小红" >/dev/null
check "a 10-character date prefilled in its 10-column box shows whole" field_is "Born" "1962-11-15"
check "  not cut to 962-11-15" sh -c "! tmux -L '$TM_SOCK' capture-pane -p -t t | grep -q ' 962-11-15'"
check "the 18-character resident ID shows whole" field_is "Resident ID" "330482196211150026"
tab_to "YYYY-MM-DD; taken from the resident ID"
check "focused with the cursor at its end, the date still shows whole" field_is "Born" "1962-11-15"
keys Escape
wait_for "林小红" >/dev/null

# A name wider than its box (12 columns): markers where text is out of view.
keys q 2 2
wait_for "城市建设" >/dev/null
keys a
wait_for "New: Category" >/dev/null
typing CS
keys Tab
typing 基层社会治理事项工作
check "typing past the box's edge: '<' says the start is out of view" field_is "Name" "<理事项工作"
keys Home
check "Home: the start, and '>' says more is to the right" field_is "Name" "基层社会治 >"
keys Tab
check "a box left shows its value from the first character, with '>'" field_is "Name" "基层社会治 >"
keys BTab Home Right Right Right Right Right Right Right
check "in the middle: both markers" field_is "Name" "<会治理事项>"
keys F2
check "the whole name is saved" wait_for "Saved."
check "  as typed" test "$(q "SELECT name FROM category WHERE code = 'CS'")" = 基层社会治理事项工作
keys q q
wait_for "Main menu" >/dev/null
keys Q
wait_dead 3 >/dev/null

# A view wraps between words: numbers, dates and codes stay whole on one line.
words="受理 2025-11-30 金额 1234567.89 元 编号 C17-5-S002 电话 0573-85123456 比例 98.75%"
content="$words $words $words $words $words 结束"
"$RENDA" case add --deputy "$code" --category 城市建设 --title 换行 --content "$content" \
	>/dev/null || exit 1
TM_ROWS=50
for width in 60 67 73 81 100; do
	TM_COLS=$width
	start
	wait_for "Main menu" >/dev/null
	keys 6 1
	wait_for "换行" >/dev/null
	keys Enter
	wait_for "结束" >/dev/null
	screen >"$T/view"
	whole=0
	for w in 2025-11-30 1234567.89 C17-5-S002 0573-85123456 98.75%; do
		n=$(grep -o -- "$w" "$T/view" | wc -l)
		[ "$n" = 5 ] || { echo "# at $width columns $w shows whole $n times, not 5"; whole=1; }
	done
	check "at $width columns every date, number and code of the content is whole" test $whole = 0
	keys Q
	wait_dead 3 >/dev/null
done
TM_COLS=100

# A view breaks Chinese as it is set (避头尾): no line begins with a closing mark (，。）...)
# and none ends with an opening one (（《...): the character before goes down with it.
sentence="问题已经存在9个月，晚上出行很不方便，存在安全隐患（夜间尤甚），占12.5%，希望有关部门在2025-12-31前尽快安排维修。"
"$RENDA" case add --deputy "$code" --category 城市建设 --title 标点 \
	--content "$sentence$sentence$sentence$sentence《平湖》结束" >/dev/null || exit 1
# view_at WIDTH TITLE: the voter issue TITLE (its text ending in 结束) viewed in a console
# WIDTH columns wide, into $T/view without trailing blanks; the console is left.
view_at() {
	TM_COLS=$1
	start
	wait_for "Main menu" >/dev/null
	keys 6 1
	wait_for "$2" >/dev/null
	keys Enter
	wait_for "结束" >/dev/null
	screen | sed 's/ *$//' >"$T/view"
	keys Q
	wait_dead 3 >/dev/null
}
TM_ROWS=50
bad=""
for width in 60 61 62 63 64 65 66 67 68 69; do
	view_at $width 标点
	LC_ALL=C.UTF-8 grep -q '^ *[，。、；：？！）》」』】]' "$T/view" && bad="$bad $width:begins"
	LC_ALL=C.UTF-8 grep -q '[（《「『【]$' "$T/view" && bad="$bad $width:ends"
	[ "$(tr -d ' \n' <"$T/view" | grep -o '问题已经存在9个月' | wc -l)" = 4 ] ||
		bad="$bad $width:text"
	[ "$(grep -o '12\.5%，' "$T/view" | wc -l)" = 4 ] || bad="$bad $width:12.5%"
	[ "$(grep -o '2025-12-31' "$T/view" | wc -l)" = 4 ] || bad="$bad $width:date"
done
check "from 60 to 69 columns no line of the text begins with a closing mark or ends with an opening one, a number stays whole with its mark, and the text is all there${bad:+ (not at$bad)}" test -z "$bad"
# A number before a closing mark at the end of a line: lines of 10 to 40 characters before
# "12.5%，", so that at 80 columns one of them fills its line up to the mark; the number
# goes down whole with the mark.
lines=$(awk 'BEGIN { for (n = 10; n <= 40; n++) { s = ""; for (i = 0; i < n; i++) s = s "一"
	printf "%s12.5%%，尾\n", s } }')
"$RENDA" case add --deputy "$code" --category 城市建设 --title 百分比 --content "$lines" \
	>/dev/null || exit 1
TM_COLS=80
TM_ROWS=120
start
wait_for "Main menu" >/dev/null
keys 6 1
wait_for "百分比" >/dev/null
keys Enter
wait_for "12.5%" >/dev/null
screen | sed 's/ *$//' >"$T/view"
check "at 80 columns no line begins with the mark" sh -c '! LC_ALL=C.UTF-8 grep -q "^ *，" "$1"' - "$T/view"
check "  and each of the 31 numbers is whole with its mark on one line" \
	test "$(grep -o '12\.5%，' "$T/view" | wc -l)" = 31
keys Q
wait_dead 3 >/dev/null

# A list of names wraps after its 、: a name (of two, three or four characters) is never split.
names="张伟、王芳、欧阳明、李娜、司马光、刘洋、陈静、诸葛孔明、杨帆、赵磊、黄敏、周杰、吴婷、徐强、孙丽、马超、朱琳、胡军、郭涛、何平、上官婉儿、高翔、林峰、罗敏、夏侯惇、钱佳怡、沈建国、顾秀英、陆伟明、施永忠"
"$RENDA" case add --deputy "$code" --category 城市建设 --title 名单 \
	--content "参加的代表：$names。结束" >/dev/null || exit 1
TM_ROWS=50
bad=""
for width in 60 61 62 63 64 65 66 67 68 69; do
	view_at $width 名单
	sed -n '/参加的代表/,/结束/p' "$T/view" >"$T/list"
	# Every line but the last ends with 、 (the list goes on), and the names are all there.
	[ "$(sed '$d' "$T/list" | LC_ALL=C.UTF-8 grep -vc '、$')" = 0 ] || bad="$bad $width:split"
	[ "$(sed '1s/^.*参加的代表/参加的代表/' "$T/list" | tr -d ' \n')" = "参加的代表：$names。结束" ] ||
		bad="$bad $width:text"
	[ "$(wc -l <"$T/list")" -gt 2 ] || bad="$bad $width:lines"
done
check "from 60 to 69 columns a list of names breaks only after a 、, and is all there${bad:+ (not at$bad)}" test -z "$bad"

# A field that picks from a list: typing into it opens the list filtered by what is typed
# (Chinese, as an input method sends it); Enter ends the filter, Enter takes the row.
TM_COLS=100
TM_ROWS=30
start
wait_for "Main menu" >/dev/null
keys 6 1
wait_for "Voter issues" >/dev/null
keys a 1
wait_for "$code" >/dev/null
keys f C-u
typing "$code"
keys Enter Enter
wait_for "* Received" >/dev/null
tab_to "One of the categories of voter issues" >/dev/null
typing 城市建设
check "typing 城市建设 into Category opens the categories filtered by it: one row" \
	wait_match "filter: 城市建设.* 1 row"
keys Enter
keys Enter
check "  Enter and Enter: the category is picked" field_is "Category" 城市建设
tab_to "One of the categories of voter issues" >/dev/null
typing 农
check "typing one character filters as well" wait_match "filter: 农.* 1 row"
keys Escape Escape
check "  Esc, Esc: back in the form, the category as it was" field_is "Category" 城市建设
keys Escape
wait_for "Leave the form" >/dev/null
keys y
keys Q
wait_dead 3 >/dev/null

# A form scrolled in a small window shows its first field once the window grows.
TM_ROWS=14
TM_COLS=70
start
wait_for "Main menu" >/dev/null
keys 4
wait_for "林小红" >/dev/null
keys a
wait_for "New: Deputy" >/dev/null
tab_to "Such as resigned, moved away"
check "in 14 lines the last fields push the first out of view" sh -c "! tmux -L '$TM_SOCK' capture-pane -p -t t | grep -q '^  Deputy code'"
tm resize-window -t t -x 100 -y 40
check "grown to 40 lines, the form shows its first field again" wait_for "  Deputy code"
check "  and the field being typed in" contains_screen "Reason for leaving"
keys Escape
keys Q
wait_dead 3 >/dev/null
check "no sanitizer report" sanitizers_quiet
done_testing
