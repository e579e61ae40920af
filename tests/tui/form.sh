#!/bin/sh
# Forms: add and edit a record with Chinese text filling a field to its last column,
# a bad value (message, input kept, cursor on the field), a resize in the middle of
# a form, and a save that meets another clerk's change. What a save stores is read
# back with renda ref list; what a check waits for is text that the step it names
# brings, not text that was on the screen before.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"

"$RENDA" init >/dev/null || exit 1

# message_has TEXT: the message line (above the hints) shows TEXT.
message_has() { screen | tail -n 2 | head -n 1 | grep -qF -- "$1"; }
# cursor_line: the screen line the terminal cursor is on.
cursor_line() { line $(($(cursor | cut -d, -f2) + 1)); }
# category CODE: name|order|version of the category as renda ref list shows it.
category() {
	"$RENDA" ref list category | awk -F '\t' -v c="$1" '$2 == c { print $3 "|" $4 "|" $NF }'
}
# list_row CODE NAME ORDER: the list shows the category's row (not a form's field).
list_row() {
	screen_matches "^ +$1 +$2 +$3 yes *\$"
}
# box_end TEXT: display column just after TEXT on its screen line.
box_end() {
	l=$(screen | grep -F -- "$1" | head -n 1)
	cols "${l%%"$1"*}$1"
}

start
wait_for "Main menu" >/dev/null
keys 2 2
check "the categories" wait_for "城市建设"
keys a
check "a opens a new category" wait_for "New: Category"
typing JC
keys Tab
typing 基层治理事项
keys Tab
typing abc
keys F2
check "a bad number is refused with a message saying why" wait_for "'abc' is not a whole number"
check "  on the message line, naming the field" message_has "Order"
check "  there" message_has "'abc' is not a whole number"
check "the field is marked" screen_matches '^! Order +abc'
check "nothing is stored" test "$(category JC)" = ""
check "the Chinese text typed is kept" contains_screen "基层治理事项"
check "the bad value is kept" contains_screen "abc"
check "the cursor is on the bad field" sh -c "echo \"\$0\" | grep -q Order" "$(cursor_line)"
# The name box is 12 columns: six Chinese characters fill it to its last column.
check "the six characters end at the box's last column" \
	test "$(box_end 基层治理事项)" -eq $(($(cols "$(screen | grep -F 'Code' | head -n 1 | sed 's/JC.*//')") + 12))

tm resize-window -t t -x 72 -y 20
# Redrawn for 72 columns and 20 lines: the hints on the last line, "* required" at the
# right edge (without a redraw both would be cut off).
check "a resize in the middle of the form redraws it" wait_for_line 20 "F1 Help  Tab Next"
check "  to the new width" screen_matches '^ New: Category .*\* required$'
check "and keeps the input" contains_screen "基层治理事项"
tm resize-window -t t -x 40 -y 10
check "too small for a moment" wait_for "Terminal too small"
tm resize-window -t t -x "$TM_COLS" -y "$TM_ROWS"
check "back at full size the form is whole" wait_for_line "$TM_ROWS" "F1 Help  Tab Next"
check "  with the input" contains_screen "基层治理事项"
check "with the bad value still there" contains_screen "abc"
keys C-u
typing 9
keys F2
check "the corrected form saves" wait_for "Saved."
check "the form is closed" wait_gone "New: Category"
check "the new category is listed" list_row JC 基层治理事项 9
check "it is stored" test "$(category JC)" = "基层治理事项|9|1"
id=$("$RENDA" ref list category | awk -F '\t' '$2 == "JC" { print $1 }')

# Edit it: find it, open the form, change the name.
keys / 
typing JC
keys Enter e
check "e opens the record's form" wait_for "Category: 基层治理事项"
keys Tab C-u
typing 基层治理
keys F2
check "the change saves" wait_for "Saved."
check "  and the list shows it" list_row JC 基层治理 9
check "the name is changed" test "$(category JC)" = "基层治理|9|2"

# A save that meets another clerk's change shows both versions.
keys e
wait_for "Category: 基层治理" >/dev/null
keys Tab C-u
typing 我的名称
"$RENDA" ref edit category "$id" --name 他人名称 >/dev/null
keys F2
check "a conflict shows both versions" wait_for "Saved meanwhile"
check "mine" contains_screen "我的名称"
check "and theirs" contains_screen "他人名称"
check "nothing was overwritten yet" test "$(category JC)" = "他人名称|9|3"
keys m
check "keep mine saves over theirs" wait_for "Saved your version"
check "mine is stored" test "$(category JC)" = "我的名称|9|4"

keys e
wait_for "Category: 我的名称" >/dev/null
keys Tab C-u
typing 再改一次
"$RENDA" ref edit category "$id" --name 别人又改 >/dev/null
keys F2
wait_for "Saved meanwhile" >/dev/null
keys t
check "take theirs drops mine" wait_for "your changes were dropped"
check "theirs stays" test "$(category JC)" = "别人又改|9|5"

keys e
wait_for "Category: 别人又改" >/dev/null
keys Tab C-u
typing 合并后
"$RENDA" ref edit category "$id" --sort 7 >/dev/null
keys F2
wait_for "Saved meanwhile" >/dev/null
keys e
check "edit goes back to the form" wait_for "Category: 别人又改"
check "  with my values" screen_matches '^  Name +\* 合并后'
keys Tab
check "and shows what the other clerk saved" wait_for "The other clerk saved: 7"
keys F2
check "saving again stores what the form shows" wait_for "Saved."
check "the merged record" test "$(category JC)" = "合并后|9|7"

# A value the model refuses (a code that exists) keeps the form open with the input.
keys a
wait_for "New: Category" >/dev/null
typing CJ
keys Tab
typing 重复
keys F2
check "the model's refusal is shown" wait_for "refused"
check "the form stays open with the input" screen_matches '^  Name +\* 重复'
check "nothing of it is stored" test "$("$RENDA" ref list category | grep -c 重复)" = 0
keys Escape
check "leaving a form with input asks first" wait_for "lose what you typed"
keys y
check "y leaves it" wait_gone "New: Category"
check "  back to the list" wait_for_line "$TM_ROWS" "a Add"
keys Q
wait_dead 3 >/dev/null

# In Chinese the record's title joins the kind and the record as Chinese does (分类：合并后),
# in its form and in its view.
start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys 2 2
wait_for "城市建设" >/dev/null
keys /
typing JC
keys Enter e
check "in Chinese the form's title: 分类：合并后" wait_for "分类：合并后"
keys Escape
wait_gone "分类：合并后" >/dev/null
keys Enter
check "  and the view's" wait_for "分类：合并后"
keys Q
wait_dead 3 >/dev/null
check "no sanitizer report" sanitizers_quiet
done_testing
