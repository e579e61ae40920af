#!/bin/sh
# The libraries only some commands use are loaded when one needs them, not by every start
# (src/util/libs.c; libxlsxwriter by src/export/xlsxlib.c): a write command loads none of
# them, each work that needs one loads it (the dynamic loader's own trace says which), and
# a library that cannot be loaded is a clear error naming its file, with nothing changed.
. "$SRCDIR/tests/lib.sh"

RENDA_NOW=2026-03-02T09:00:00+08:00
export RENDA_NOW
"$RENDA" demo >/dev/null 2>&1 || { echo "Bail out! renda demo failed"; exit 1; }

# traced CMD...: runs CMD with the dynamic loader's trace in $T/trace (its status kept).
traced() {
	LD_DEBUG=files "$@" 2>"$T/trace" >/dev/null
}
# loaded FILE: how many times the traced command's loader opened the library FILE (its
# name's start).
loaded() { grep -c "file=$1[^ ]* \[0\]; *\(needed\|dynamically\)" "$T/trace"; }
# loads FILE CMD...: the same for CMD, run now.
loads() {
	f=$1
	shift
	traced "$@"
	loaded "$f"
}
lazy="libcsv libpcre2-8 libqrencode libpng16 libminizip libexpat libxlsxwriter"

# The program names none of them as a library it needs.
readelf -d "$RENDA" >"$T/needed"
for lib in $lazy; do
	check "the program does not need $lib at its start" sh -c '! grep -q "NEEDED.*$1" "$2"' - \
		"$lib" "$T/needed"
done
check "  (it does need SQLite)" grep -q "NEEDED.*libsqlite3" "$T/needed"

# A step of a voter issue (a write command) and a list load none of them.
id=$(q "SELECT id FROM vcase WHERE state = 'assigned' LIMIT 1")
traced "$RENDA" case act "$id" chase --text 催办一下
check "a chase is made" test "$(q "SELECT count(*) FROM wf_event WHERE workflow = 'case' AND
	item_id = $id AND action = 'chase' AND text = '催办一下'")" = 1
for lib in $lazy; do
	check "  without loading $lib" test "$(loaded $lib)" = 0
done
traced "$RENDA" case list --limit 5
for lib in $lazy; do
	check "a list of voter issues does not load $lib" test "$(loaded $lib)" = 0
done

# Each is loaded by the work that needs it.
printf 'submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content\n' \
	>"$T/one.csv"
code=$(q "SELECT code FROM deputy WHERE status = 'in-office' AND level = 'city' LIMIT 1")
printf '2026-03-01T09:00:00+08:00,%s,phone,王五,13900000001,,其他,路灯不亮,夜里一片漆黑\n' \
	"$code" >>"$T/one.csv"
check "an import of a CSV file loads libcsv" test "$(loads libcsv "$RENDA" case import \
	"$T/one.csv")" -gt 0
check "  and imports it" test "$(q "SELECT count(*) FROM vcase WHERE title = '路灯不亮' AND
	content = '夜里一片漆黑'")" = 1
check "a regular expression loads PCRE2" test "$(loads libpcre2-8 "$RENDA" case list \
	--regex '路灯.亮')" -gt 0
check "a QR code as text loads libqrencode" test "$(loads libqrencode "$RENDA" qr "$code" \
	--format text)" -gt 0
check "  and not libpng" test "$(loads libpng16 "$RENDA" qr "$code" --format text)" = 0
check "a QR code as PNG loads libpng" test "$(loads libpng16 "$RENDA" qr "$code" \
	--out "$T/png")" -gt 0
check "  and writes it" test -s "$T/png/$code.png"
check "a roster workbook loads libxlsxwriter" test "$(loads libxlsxwriter "$RENDA" deputy \
	export "$T/roster.xlsx")" -gt 0
check "reading the workbook loads minizip" test "$(loads libminizip "$RENDA" ref import \
	station "$T/roster.xlsx")" -gt 0
check "  and expat" test "$(loads libexpat "$RENDA" ref import station "$T/roster.xlsx")" -gt 0

# A library that cannot be loaded (a damaged file of its name first on the loader's path):
# the command says which and why, and changes nothing.
csv=$(LD_DEBUG=files "$RENDA" case import "$T/one.csv" 2>&1 >/dev/null |
	sed -n 's/.*file=\(libcsv[^ ]*\) \[0\].*/\1/p' | head -n 1)
check "the loader names the libcsv file it loads" test -n "$csv"
mkdir "$T/bad"
: >"$T/bad/$csv"
sed 's/路灯不亮/水管破裂/' "$T/one.csv" >"$T/two.csv"
n=$(q "SELECT count(*) FROM vcase")
check "an import without a usable libcsv fails" run 1 env LD_LIBRARY_PATH="$T/bad" \
	"$RENDA" case import "$T/two.csv"
check "  naming the library" contains "$T/err" "cannot load the library $csv:"
check "  and the file the loader tried" contains "$T/err" "$T/bad/$csv"
check "  in Chinese too" sh -c 'LANGUAGE=zh_CN LD_LIBRARY_PATH="$1" "$2" case import "$3" 2>&1 |
	grep -qF "无法载入程序库 $4："' - "$T/bad" "$RENDA" "$T/two.csv" "$csv"
check "  and nothing is imported" test "$(q "SELECT count(*) FROM vcase")" = "$n"
check "renda check names the libraries it loads when needed" run 0 "$RENDA" check
check "  each of them" contains "$T/out" "libraries loaded when needed: $csv, libpcre2-8"
check "  without a usable libcsv, renda check is a fault" run 1 env LD_LIBRARY_PATH="$T/bad" \
	"$RENDA" check
check "  naming it" contains "$T/err" "library: cannot load the library $csv: $T/bad/$csv"
check "  and the others still loaded" contains "$T/err" "libraries loaded when needed: libpcre2-8"
check "a chase needs no libcsv and works without it" run 0 env LD_LIBRARY_PATH="$T/bad" \
	"$RENDA" case act "$id" chase --text 再催一次
# The locale: a start reads the character type and the messages' language, the categories
# renda uses, not the locale's other ten (numbers, times and sorting are renda's own).
if command -v strace >/dev/null 2>&1; then
	LC_ALL=C.UTF-8 strace -f -e trace=openat -o "$T/opened" "$RENDA" case show "$id" >/dev/null 2>&1
	check "a start reads the locale's character type" grep -q '/LC_CTYPE"' "$T/opened"
	check "  and its messages" grep -q '/LC_MESSAGES"' "$T/opened"
	check "  but none of its other categories: $(grep -oE '/LC_[A-Z]+"' "$T/opened" |
		grep -vE 'LC_(CTYPE|MESSAGES)' | sort -u | tr '\n' ' ')" \
		sh -c '! grep -qE "/LC_(NUMERIC|TIME|COLLATE|MONETARY|PAPER|NAME|ADDRESS|TELEPHONE|MEASUREMENT|IDENTIFICATION)\"" "$1"' - "$T/opened"
	check "  and says its messages in Chinese all the same" \
		sh -c 'LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$1" case show 999999999 2>&1 | grep -q "没有"' - "$RENDA"
else
	skip "a start reads only the locale categories renda uses" "strace not found"
fi
done_testing
