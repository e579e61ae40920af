#!/bin/sh
# The working-day calendar: calendar list, import, workdays, add, is-workday.
# Expected dates are counted by hand from the official arrangements (see tests/unit/test_cal.c).
. "$SRCDIR/tests/lib.sh"

check "init loads the official calendar" run 0 "$RENDA" init

# ---- list
check "list --year 2025" run 0 "$RENDA" calendar list --year 2025
head -n 3 "$T/out" >"$T/head"
check "list is TSV with a header: day, weekday, kind, name" same "$T/head" "day	weekday	kind	name
2025-01-01	Wed	holiday	元旦
2025-01-26	Sun	workday	春节调休上班"
check "one line per 2025 entry of data/ref/calendar.csv" \
	test "$(wc -l <"$T/out")" -eq $((1 + $(grep -c '^2025-' "$SRCDIR/data/ref/calendar.csv")))
check "no warning for a covered year" lacks "$T/err" "no holiday data"
check "list without --year lists every entry" run 0 "$RENDA" calendar list
check "all of them" test "$(wc -l <"$T/out")" -eq "$(wc -l <"$SRCDIR/data/ref/calendar.csv")"
check "list --format csv" run 0 "$RENDA" calendar list --year 2024 --format csv
check "has a CSV header and rows" contains "$T/out" "2024-10-12,Sat,workday,国庆节调休上班"
check "list --format json" run 0 "$RENDA" calendar list --year 2026 --format json
check "is a JSON array of objects" contains "$T/out" '{"day":"2026-02-28","weekday":"Sat","kind":"workday","name":"春节调休上班"}'
check "list --year 2028: nothing" run 0 "$RENDA" calendar list --year 2028
check "only the header" same "$T/out" "day	weekday	kind	name"
check "and a warning on stderr" contains "$T/err" "no holiday data for 2028"
check "a bad --year is a usage error" run 2 "$RENDA" calendar list --year 20x5
check "naming --year" contains "$T/err" "--year"
check "a bad --format is a usage error" run 2 "$RENDA" calendar list --format xml

# ---- workdays
check "workdays over Spring Festival 2025" run 0 "$RENDA" calendar workdays 2025-01-24 2025-02-10
check "26, 27, 5, 6, 7, 8 (Sat), 10" same "$T/out" "7"
check "workdays in February 2024" run 0 "$RENDA" calendar workdays 2024-02-01 2024-02-29
check "17 with two make-up Sundays" same "$T/out" "17"
check "workdays backwards" run 0 "$RENDA" calendar workdays 2025-02-07 2025-01-24
check "is negative" same "$T/out" "-5"
check "workdays over National Day 2026" run 0 "$RENDA" calendar workdays 2026-09-18 2026-10-11
check "20-24, 28-30, 8, 9, 10" same "$T/out" "11"
check "workdays into 2027 (no data yet)" run 0 "$RENDA" calendar workdays 2026-12-01 2027-01-31
check "counts 2027-01-01 as a working Friday" same "$T/out" "43"
check "and warns" contains "$T/err" "no holiday data for 2027"
check "a bad FROM is a usage error" run 2 "$RENDA" calendar workdays 2025-02-30 2025-03-01
check "naming FROM and the value" contains "$T/err" "FROM: '2025-02-30'"
check "a bad TO is a usage error" run 2 "$RENDA" calendar workdays 2025-01-01 2025-13-01
check "naming TO" contains "$T/err" "TO: '2025-13-01'"
check "one date is not enough" run 2 "$RENDA" calendar workdays 2025-01-01

# ---- add
check "add 5 working days" run 0 "$RENDA" calendar add 2025-01-24 5
check "2025-01-24 + 5 = 02-07" same "$T/out" "2025-02-07"
check "no warning inside the data" lacks "$T/err" "warning"
check "add --unit workdays" run 0 "$RENDA" calendar add 2025-01-24 6 --unit workdays
check "lands on the make-up Saturday" same "$T/out" "2025-02-08"
check "add 7 working days over National Day 2024" run 0 "$RENDA" calendar add 2024-09-27 7
check "29 (Sun), 30, 8, 9, 10, 11, 12 (Sat)" same "$T/out" "2024-10-12"
check "add 0 on a holiday" run 0 "$RENDA" calendar add 2026-02-15 0
check "is the next working day" same "$T/out" "2026-02-24"
check "add a negative N" run 0 "$RENDA" calendar add 2025-02-05 -3
check "counts backwards: 27, 26, 24" same "$T/out" "2025-01-24"
check "add -- -1" run 0 "$RENDA" calendar add 2024-02-18 -- -1
check "before the holiday" same "$T/out" "2024-02-09"
check "add --unit days, option first" run 0 "$RENDA" calendar add --unit days 2024-02-28 2
check "calendar days" same "$T/out" "2024-03-01"
check "add --unit=weeks" run 0 "$RENDA" calendar add 2025-09-26 1 --unit=weeks
check "calendar weeks" same "$T/out" "2025-10-03"
check "add --unit months" run 0 "$RENDA" calendar add 2024-01-31 1 --unit months
check "clamps to the month's end" same "$T/out" "2024-02-29"
check "add --unit months again" run 0 "$RENDA" calendar add 2025-01-31 1 --unit months
check "in a common year too" same "$T/out" "2025-02-28"
check "add into 2027" run 0 "$RENDA" calendar add 2026-12-28 5
check "29, 30, 31, 1 (no data), 4" same "$T/out" "2027-01-04"
check "warns about 2027" contains "$T/err" "no holiday data for 2027"
check "an unknown unit is a usage error" run 2 "$RENDA" calendar add 2025-01-24 5 --unit fortnights
check "naming --unit" contains "$T/err" "--unit"
check "N must be a number" run 2 "$RENDA" calendar add 2025-01-24 five
check "naming N" contains "$T/err" "N: 'five'"
check "a bad FROM" run 2 "$RENDA" calendar add 2025-1-24 5
check "naming FROM" contains "$T/err" "FROM: '2025-1-24'"
check "an unknown option" run 2 "$RENDA" calendar add 2025-01-24 5 --bogus
check "past 9999" run 2 "$RENDA" calendar add 9999-12-31 1
check "help" run 0 "$RENDA" calendar add --help
check "shows the units" contains "$T/out" "--unit workdays|days|weeks|months"

# ---- is-workday
check "is-workday on a make-up Sunday" run 0 "$RENDA" calendar is-workday 2025-01-26
check "yes, make-up workday, its name" same "$T/out" "yes	make-up workday	春节调休上班"
check "is-workday on a holiday" run 0 "$RENDA" calendar is-workday 2025-01-29
check "no, holiday, its name" same "$T/out" "no	holiday	春节"
check "is-workday on a Saturday" run 0 "$RENDA" calendar is-workday 2025-01-25
check "no, weekend" same "$T/out" "no	weekend"
check "is-workday on a Friday" run 0 "$RENDA" calendar is-workday 2025-01-24
check "yes, weekday" same "$T/out" "yes	weekday"
check "is-workday in 2028" run 0 "$RENDA" calendar is-workday 2028-03-01
check "answers from the weekday" same "$T/out" "yes	weekday"
check "and warns" contains "$T/err" "no holiday data for 2028"
check "is-workday in Chinese" run 0 env LANGUAGE=zh_CN "$RENDA" calendar is-workday 2025-01-29
check "translates the reason, not yes/no" same "$T/out" "no	节假日	春节"
check "a bad DATE is a usage error" run 2 "$RENDA" calendar is-workday 2025-02-29
check "naming DATE" contains "$T/err" "DATE: '2025-02-29'"

# ---- import
# A hypothetical 2027 arrangement, saved as Excel in China does: GB18030.
cat >"$T/2027.utf8" <<'EOF'
day,kind,name
2027-01-01,holiday,元旦
2027-01-02,holiday,元旦
2027-01-03,holiday,元旦
2027-02-05,holiday,春节
2027-02-06,holiday,春节
2027-02-07,holiday,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-12,holiday,春节
2027-02-13,holiday,春节
2027-02-20,workday,春节调休上班
EOF
iconv -f UTF-8 -t GB18030 "$T/2027.utf8" >"$T/2027.csv"
check "the test file really is not UTF-8" test "$(iconv -f UTF-8 -t UTF-8 "$T/2027.csv" 2>/dev/null | wc -c)" -lt "$(wc -c <"$T/2027.csv")"
check "import a GB18030 file" run 0 "$RENDA" calendar import "$T/2027.csv"
check "reports what it did" same "$T/out" "$T/2027.csv: 13 added, 0 changed, 0 unchanged"
check "the names are stored as UTF-8" test "$("$RENDA" calendar list --year 2027 | awk -F '\t' '$1 == "2027-02-08" { print $4 }')" = 春节
check "is-workday sees the new holiday" run 0 "$RENDA" calendar is-workday 2027-02-08
check "by name" same "$T/out" "no	holiday	春节"
check "and no longer warns about 2027" lacks "$T/err" "no holiday data"
check "add into 2027 again" run 0 "$RENDA" calendar add 2026-12-28 5
check "29, 30, 31, 4, 5" same "$T/out" "2027-01-05"
check "without a warning" lacks "$T/err" "warning"
check "workdays into 2027 again" run 0 "$RENDA" calendar workdays 2026-12-01 2027-01-31
check "one fewer" same "$T/out" "42"
check "over the 2027 holiday" run 0 "$RENDA" calendar add 2027-02-04 1
check "Monday after" same "$T/out" "2027-02-15"
check "importing again" run 0 "$RENDA" calendar import "$T/2027.csv"
check "changes nothing" same "$T/out" "$T/2027.csv: 0 added, 0 changed, 13 unchanged"
check "the import is audited" test "$("$RENDA" audit list --entity calendar | tsv_col - after | grep -c '"day":"2027-')" -eq 13

printf 'day,kind,name\n2028-01-01,holiday,元旦\n2028-02-30,holiday,春节\n2028-02-05,holiday,春节\n' >"$T/bad.csv"
check "a file with a bad row is refused" run 1 "$RENDA" calendar import "$T/bad.csv"
check "the row is named file:line" contains "$T/err" "$T/bad.csv:3:"
check "with the reason" contains "$T/err" "2028-02-30"
check "and nothing was imported" test "$("$RENDA" calendar list --year 2028 | nrows)" -eq 0
check "says so" contains "$T/err" "nothing was imported"
check "a missing file is refused" run 1 "$RENDA" calendar import "$T/none.csv"
check "naming it" contains "$T/err" "$T/none.csv"
check "import needs a FILE" run 2 "$RENDA" calendar import
check "audit verify still passes" run 0 "$RENDA" audit verify

# ---- who may
as_role town-clerk 当湖街道
check "a town clerk may not import" run 1 "$RENDA" calendar import "$T/2027.csv"
check "is told only an administrator may" contains "$T/err" "administrator"
check "a town clerk may read the calendar" run 0 "$RENDA" calendar is-workday 2025-01-26
# renda never renames an account (the login is the operating-system account's name): the
# account is made another by hand, so that this one is not registered.
q "UPDATE app_user SET login = 'somebody-else' WHERE login = '$me'"
check "an unregistered account may not even read it" run 1 "$RENDA" calendar workdays 2025-01-24 2025-02-10
check "and is told so" contains "$T/err" "not registered"
done_testing
