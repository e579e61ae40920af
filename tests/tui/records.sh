#!/bin/sh
# Users and reference data end to end: an account added through the form (choices
# picked from lists), accounts disabled through marks, a reference CSV imported with
# its report (and one cancelled), a record's history and an audit row's change. What is
# stored is read back with renda user list and ref list.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"

"$RENDA" init >/dev/null || exit 1
# account LOGIN: role|town|active of the account as renda user list shows it.
account() { "$RENDA" user list | awk -F '\t' -v l="$1" '$2 == l { print $4 "|" $5 "|" $7 }'; }
# codes PATTERN: how many categories have a code matching the extended regex PATTERN.
codes() { "$RENDA" ref list category | tsv_col - code | grep -cE "$1"; }

start
wait_for "Main menu" >/dev/null
keys 1
wait_for "1 row" >/dev/null
keys a
check "a opens the account form" wait_for "New account"
typing wang
keys Tab
typing 王小明
keys Tab Enter
check "a choice field picks from a menu" wait_for "unit operator"
keys 3
check "the role is picked" wait_for "New account"
check "  and shown in its field" screen_matches '^  Role +\* town clerk'
keys Tab Enter
check "a reference field picks from the list of towns" wait_for "Town: pick from Towns and streets"
keys f
typing 乍浦
keys Enter
wait_for "F1 Help  q Back  Enter Choose" >/dev/null
keys Enter
check "the town is picked" wait_gone "pick from"
check "  and shown in its field" screen_matches '^  Town +乍浦镇'
keys F2
check "the account is saved" wait_for "Saved."
check "and listed" screen_matches '^  wang +王小明 +town clerk +乍浦镇 +yes'
check "it is stored with its town" test "$(account wang)" = "town-clerk|乍浦镇|1"
"$RENDA" user add li --role viewer >/dev/null
"$RENDA" user add zhao --role viewer >/dev/null
keys C-l
check "^L reads the list again" wait_for "4 rows"
keys Home Down Down
keys Space Space
check "Space marks rows" wait_for "2 marked"
keys d
check "disabling asks first" wait_for "Disable 2 marked accounts?"
keys y
check "the marked accounts are disabled" wait_for "Disabled 2 accounts"
check "both, and only them" test "$(account li) $(account wang) $(account zhao)" = "viewer||1 town-clerk|乍浦镇|0 viewer||0"
check "the list shows it" screen_matches '^  zhao +viewer +no *$'
keys h
check "h shows the record's history" wait_for "History of zhao"
check "with its changes" screen_matches ' user +[0-9]+ remove *$'
keys Enter
check "Enter opens the audit row" wait_for "Before"
check "with the field that changed" screen_matches '^\* active +1 +0 *$'
keys q q q

# Import reference data from CSV: a report of what happened.
printf 'code,name,sort\nJC,基层治理,9\nQT2,其他事项,10\n' >"$T/ok.csv"
printf 'code,name,sort\nJD,街道事务,11\nX,,12\n' >"$T/bad.csv"
keys 2 2
wait_for "城市建设" >/dev/null
keys i
check "i asks for a file" wait_for "Import CSV file:"
typing "$T/ok.csv"
keys Enter
check "the import report" wait_for "Import into Categories"
check "two rows added" screen_matches 'Added +2'
check "they are stored" test "$(codes '^(JC|QT2)$')" = 2
keys q
wait_for "基层治理" >/dev/null
keys i
wait_for "Import CSV file:" >/dev/null
typing "$T/bad.csv"
keys Enter
check "a bad file is refused" wait_for "nothing was imported"
check "naming file and line" contains_screen "bad.csv:3"
check "and none of its rows is stored" test "$(codes '^JD$')" = 0
keys q
awk 'BEGIN { print "code,name,sort"; for (i = 1; i <= 20000; i++) printf "K%d,类别%d,%d\n", i, i, i }' \
	>"$T/big.csv"
keys i
wait_for "Import CSV file:" >/dev/null
typing "$T/big.csv"
keys Enter
check "a long import shows a progress bar" wait_for "Esc Cancel"
check "that counts the time" wait_working
keys Escape
check "Esc cancels it" wait_for "Cancelled: nothing was imported" 10
check "and nothing of it is stored" test "$(codes '^K')" = 0
keys q Q
wait_dead 3 >/dev/null
check "no sanitizer report" sanitizers_quiet
done_testing
