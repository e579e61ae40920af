#!/bin/sh
# The policies and regulations library (政策法规库): documents with issuer, number (文号),
# date, validity and full text; search by one or two Chinese characters and by longer
# texts (FTS5 trigram, and the index of single characters as voter issues use), by a
# regular expression (PCRE2); the search indexes follow an edit; the warning rules cite
# their basis in it; everyone reads it, administrators and city clerks change it.
. "$SRCDIR/tests/lib.sh"

export RENDA_NOW=2026-04-10T09:00:00+08:00
"$RENDA" init >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
eq() {
	[ "$1" = "$2" ] && return 0
	printf '# got:      %s\n# expected: %s\n' "$1" "$2"
	return 1
}
# found ARGS...: the numbers (文号) that `policy list ARGS` finds, sorted, one line.
found() { "$RENDA" policy list "$@" | tsv_col /dev/stdin number | sort | tr '\n' ' '; }

check "the library holds the documents the default rules cite" \
	test "$("$RENDA" policy list | nrows)" = 5
check "  each rule's basis is a document of it" run 0 "$RENDA" policy rules 中发〔2013〕13号
check "  the 三公经费 rule cites the regulation on thrift" contains "$T/out" "SANGONG-OVER"
found_eq() { # found_eq EXPECTED ARGS...
	w=$1
	shift
	g=$(found "$@")
	[ "$g" = "$w" ] && return 0
	printf '# found:    %s\n# expected: %s\n' "$g" "$w"
	return 1
}
check "  审计工作 finds the audit opinion" found_eq "国发〔2014〕48号 " --search 审计工作
check "a search of two characters: 审计" found_eq "国发〔2014〕48号 " --search 审计
check "a search of one character: 追" found_eq "国发〔2014〕48号 " --search 追
check "  三公 (two) in the regulation on thrift" found_eq "中发〔2013〕13号 " --search 三公
check "  a word of the number, 国务院令 (four)" \
	found_eq "中华人民共和国国务院令第712号 中华人民共和国国务院令第729号 " --search 国务院令
check "  nothing found for 彩票" found_eq "" --search 彩票

check "a document added, its text in a file" sh -c "printf '%s\n' '第一条 为加强本市政府债务管理，防范债务风险，制定本办法。' '第二条 举借债务应当纳入预算。' >'$T/debt.txt'"
check "  with issuer, number, date and validity" run 0 "$RENDA" policy add --title 平湖市政府债务管理办法 \
	--issuer 平湖市人民政府 --number 平政发〔2025〕12号 --date 2025年6月30日 --validity in_force \
	--file "$T/debt.txt"
check "  found by a word of its text" found_eq "平政发〔2025〕12号 " --search 防范债务风险
check "  by one character of it: 险" found_eq "平政发〔2025〕12号 " --search 险
# 政府债 and 务风险 are both in it (政府债务管理, 债务风险) but 政府债务风险 is not: the trigram
# index offers the document, the text itself decides.
check "  the trigram index offers it for 政府债务风险" test "$(sqlite3 "$RENDA_DB" \
	"SELECT count(*) FROM fin_policy_fts WHERE fin_policy_fts MATCH '\"政府债\" AND \"务风险\"'")" = 1
check "  which it does not hold" found_eq "" --search 政府债务风险
check "  by a regular expression over the text" found_eq "平政发〔2025〕12号 " --regex '第[一二]条 举借'
check "  a pattern over the numbers" \
	found_eq "中华人民共和国国务院令第712号 中华人民共和国国务院令第729号 " --regex '令第7\d{2}号$'
check "  a bad pattern is refused, naming it" run 1 "$RENDA" policy list --regex '第('
check "  (regex:)" contains "$T/err" "regex:"
check "  its date as stored" eq "$(show_fields policy 平政发〔2025〕12号 issued_on)" 2025-06-30
id=$(show_fields policy 平政发〔2025〕12号 id)
check "an edit: the text replaced, repealed" run 0 "$RENDA" policy edit "$id" --text 本办法已废止。 --validity repealed
check "  the old text is found no more" found_eq "" --search 防范债务风险
check "  nor by one of its characters" found_eq "" --search 险
check "  the new one is" found_eq "平政发〔2025〕12号 " --search 废止
check "  repealed" found_eq "平政发〔2025〕12号 " --validity repealed
check "  the title is still found" found_eq "平政发〔2025〕12号 " --search 债务管理
check "  both steps are in its history" test "$("$RENDA" audit list --entity policy --id "$id" | nrows)" = 2
check "an edit against an old version is refused" run 1 "$RENDA" policy edit "$id" --title 新标题 --version 1
check "  (changed meanwhile)" contains "$T/err" "changed by someone else"

cat >"$T/docs.csv" <<EOF
标题,发文机关,文号,发布日期,效力,全文
浙江省预算审查监督条例,浙江省人民代表大会常务委员会,,2023-07-28,有效,规定预算审查监督。
平湖市政府债务管理办法,平湖市人民政府,平政发〔2025〕12号,2025-06-30,repealed,本办法已废止。
EOF
check "an import with Chinese headers" run 0 "$RENDA" policy import "$T/docs.csv"
check "  adds the new document, leaves the same one" contains "$T/out" "1 added, 0 changed, 1 unchanged"
check "  found" found_eq " " --search 预算审查监督
printf 'title,issuer,issued_on\n甲,乙,2026-13-01\n' >"$T/bad.csv"
check "a bad date rejects the file" run 1 "$RENDA" policy import "$T/bad.csv"
check "  at its line" contains "$T/err" "bad.csv:2: date: '2026-13-01' is not a date"

# The rules cite their basis in the library.
printf 'period,department_code,department,function_code,function,annual,executed\n2026-03,D-JYJ,平湖市教育局,2050101,行政运行,2000000,0\n' >"$T/b.csv"
check "a warning raised" run 0 "$RENDA" finance import budget "$T/b.csv"
w=$("$RENDA" warning list | tsv_col /dev/stdin number)
check "  shows its basis and the document of the library" eq "$(show_fields warning "$w" basis policy | cut -d'|' -f2)" \
	"中华人民共和国主席令第二十二号 中华人民共和国预算法"

# Everyone reads the library; administrators and city clerks change it.
as_role town-clerk 乍浦镇
check "a town clerk searches it" found_eq "国发〔2014〕48号 " --search 审计
check "  and adds nothing" run 1 "$RENDA" policy add --title x --issuer y --date 2026-01-01
as_role unit 平湖市教育局
check "a unit operator reads a document" run 0 "$RENDA" policy show 1
check "  and edits none" run 1 "$RENDA" policy edit 1 --title x
as_role viewer
check "a viewer imports none" run 1 "$RENDA" policy import "$T/docs.csv"
as_role city-clerk
check "a city clerk adds one" run 0 "$RENDA" policy add --title 测试文件 --issuer 平湖市财政局 --date 2026-01-01
as_role admin
check "the audit trail verifies" run 0 "$RENDA" audit verify
done_testing
