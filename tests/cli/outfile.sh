#!/bin/sh
# Every file renda writes for a person goes through one module (util/outfile): a
# temporary file made exclusively beside the destination, renamed into place. A
# symbolic link planted at the destination is never followed (a dangling one counts as
# a file: --force needed, and --force replaces the link itself); nothing temporary is
# left behind; files with personal data are 0600, or 0640 in the [files] group.
# The list of output commands is checked against the command table: a new command
# that writes a file must be added here.
. "$SRCDIR/tests/lib.sh"

small_db
export RENDA_NOW=2026-03-02T09:00:00+08:00
code=$(q "SELECT code FROM deputy ORDER BY id LIMIT 1")
"$RENDA" case add --category 城市建设 --title 路灯 --content 路灯坏了 --deputy "$code" \
	--voter-name 张三 --voter-phone 13800138000 >/dev/null || echo "Bail out! case add failed"

# ---- every command that writes a file is covered ------------------------------------
# Commands whose FILE is read, not written, and those whose output is the database.
inputs="ref import|deputy import|case import|calendar import|project cycle import|finance import|assets import|policy import|sync key-load|sync apply"
outputs="backup|deputy export|qr|qr sheet|report cases|report suggestions|report projects|points archive|report points|report finance|sync key|sync export|report cockpit"
"$RENDA" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ {
	n = split($0, w, /  +/); print w[2] }' >"$T/commands"
check "the command table lists commands" test "$(wc -l <"$T/commands")" -gt 40
uncovered=
while read -r c; do
	"$RENDA" $c --help >"$T/help" 2>&1
	u=$(head -n 1 "$T/help")
	case $u in
	*FILE* | *--out* | *DIR*) ;;
	*) continue ;;
	esac
	echo "$c" | grep -Exq "$inputs|$outputs|init|demo" || uncovered="$uncovered [$c]"
done <"$T/commands"
check "every command that names a file is covered here${uncovered:+ (not:$uncovered)}" test -z "$uncovered"

# ---- one output path ----------------------------------------------------------------
victim="$T/victim"
# planted KIND NAME EXPECTED-MODE ARGS...: ARGS has @ where the output path goes.
planted() {
	kind=$1 name=$2 pmode=$3
	shift 3
	# A backup takes its audit key along.
	left=$name
	[ "$kind" = backup ] && left="$name
$name.key"
	O="$T/o"
	rm -rf "$O"
	mkdir "$O"
	dest="$O/$name"
	# go ARGS...: renda with ARGS, the word @ replaced by the destination.
	go() {
		for a; do
			shift
			if [ "$a" = @ ]; then set -- "$@" "$dest"; else set -- "$@" "$a"; fi
		done
		"$RENDA" "$@"
	}

	printf 'precious\n' >"$victim"
	ln -s "$victim" "$dest"
	check "$kind: a symbolic link at the destination is refused" run 1 go "$@"
	check "  saying it exists and naming --force" contains "$T/err" "already exists; use --force"
	check "  the file it leads to is untouched" test "$(cat "$victim")" = precious
	check "  the link is still a link" test -L "$dest"
	check "  and nothing is left beside it" test "$(ls -A "$O")" = "$name"
	check "$kind: with --force" run 0 go "$@" --force
	check "  the link is replaced by a file" test -f "$dest" -a ! -L "$dest"
	check "  the file it led to is untouched" test "$(cat "$victim")" = precious
	check "  mode $pmode" test "$(stat -c %a "$dest")" = "$pmode"
	check "  nothing temporary is left" test "$(ls -A "$O")" = "$left"

	rm -f "$dest"
	ln -s "$O/ghost" "$dest"
	check "$kind: a dangling link counts as a file" run 1 go "$@"
	check "  the link's target was not made" test ! -e "$O/ghost"
	check "$kind: --force replaces the link, not its target" run 0 go "$@" --force
	check "  a file" test -f "$dest" -a ! -L "$dest" -a ! -e "$O/ghost"

	check "$kind: an existing file is kept without --force" run 1 go "$@"
	check "  nothing temporary is left" test "$(ls -A "$O")" = "$left"
}

umask 022
planted "deputy export" roster.csv 600 deputy export @
check "  a CSV a reader opens" contains "$T/o/roster.csv" "Resident ID"
planted "report cases" cases.xlsx 600 report cases --year 2026 --out @
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	check "  a workbook openpyxl opens" /usr/bin/python3 -c \
		'import openpyxl, sys; assert openpyxl.load_workbook(sys.argv[1]).sheetnames' "$T/o/cases.xlsx"
else
	skip "  a workbook openpyxl opens" "python3-openpyxl is missing"
fi
planted "report suggestions" sugg.xlsx 600 report suggestions --out @
planted "report projects" projects.xlsx 600 report projects --year 2026 --out @
printf 'period,department_code,department,function_code,function,annual,executed\n2026-02,D-JYJ,平湖市教育局,2050101,教育行政运行,1000000,100000\n' >"$T/budget.csv"
"$RENDA" finance import budget "$T/budget.csv" >/dev/null || echo "Bail out! finance import failed"
planted "report finance" finance.xlsx 600 report finance --out @
planted "qr sheet" sheet.xlsx 644 qr sheet --all --out @
planted "points archive" archive.xlsx 600 points archive "$code" --out @
planted "report points" ranking.xlsx 600 report points --out @
planted "report cockpit" cockpit.xlsx 600 report cockpit --out @
planted "backup" copy.db 600 backup @
check "  a database sqlite3 reads" test "$(sqlite3 "$T/o/copy.db" 'SELECT count(*) FROM deputy')" = 5
planted "qr png" "$code.png" 644 qr "$code" --out "$T/o"
if command -v zbarimg >/dev/null; then
	check "  the PNG scans" run 0 zbarimg -q "$T/o/$code.png"
else
	skip "  the PNG scans" "zbarimg is missing"
fi
planted "qr svg" "$code.svg" 644 qr "$code" --format svg --out "$T/o"
# The towns' exchange: a key file, and an exchange file (personal data: 0600).
planted "sync key" zp.key 600 sync key --to 乍浦镇 --out @
check "  a key file" contains "$T/o/zp.key" "renda exchange key 1"
planted "sync export" zp.sync 600 sync export --to 乍浦镇 --out @
check "  an exchange file" contains "$T/o/zp.sync" "renda exchange 1"

# ---- the workbook library: loaded when a workbook is written -------------------------
# libxlsxwriter, and the libcrypto it needs, are not loaded at start (they cost every
# command about 4 ms): ld.so's list of what the program loads names neither.
LD_TRACE_LOADED_OBJECTS=1 "$RENDA" >"$T/loaded" 2>&1
check "start-up loads the libraries renda is linked with" contains "$T/loaded" libsqlite3
check "  but not libxlsxwriter" lacks "$T/loaded" libxlsxwriter
check "  nor libcrypto" lacks "$T/loaded" libcrypto
# Where the library cannot be loaded, each kind of workbook says which file and why, and
# leaves nothing behind.
xlsxlib=$(sed -n 's/^#define XLSXWRITER_LIBRARY "\(.*\)"$/\1/p' "$BUILDDIR/config.h")
check "the build names the file it loads (config.h)" test -n "$xlsxlib"
mkdir "$T/badlib" "$T/nobook"
: >"$T/badlib/$xlsxlib"
for c in "report cases --year 2026 --out @cases.xlsx" "deputy export @roster.xlsx" \
	"qr sheet --all --out @sheet.xlsx" "report cockpit --out @cockpit.xlsx"; do
	set -- $(echo "$c" | sed "s|@|$T/nobook/|")
	check "$c without the library fails" run 1 env LD_LIBRARY_PATH="$T/badlib" "$RENDA" "$@"
	check "  naming the library" contains "$T/err" "$xlsxlib"
	check "  and writes nothing" test -z "$(ls -A "$T/nobook")"
done
check "with the library the same workbook is written" \
	run 0 "$RENDA" report cases --year 2026 --out "$T/nobook/cases.xlsx"

# ---- the database itself -----------------------------------------------------------
ln -s "$victim" "$T/planted.db"
check "init on a planted link is refused" run 1 "$RENDA" --db "$T/planted.db" init
check "  the link's target is untouched" test "$(cat "$victim")" = precious
ln -s "$T/nothing.db" "$T/dangling.db"
check "init on a dangling link is refused" run 1 "$RENDA" --db "$T/dangling.db" init
check "  nothing was made where it leads" test ! -e "$T/nothing.db"
check "demo on a planted link is refused" run 1 "$RENDA" --db "$T/planted.db" demo
check "a new database is 0600" run 0 "$RENDA" --db "$T/new.db" init
check "  so" test "$(stat -c %a "$T/new.db")" = 600

# ---- the output directory of renda qr --------------------------------------------------
printf 'x\n' >"$T/plain"
check "qr --out naming a file is refused" run 1 "$RENDA" qr "$code" --out "$T/plain"
check "  as not a directory" contains "$T/err" "is not a directory"

# ---- [files] group ---------------------------------------------------------------------
g=$(id -gn)
mkdir -p "$XDG_CONFIG_HOME/renda"
printf '[files]\ngroup = %s\n' "$g" >"$XDG_CONFIG_HOME/renda/renda.conf"
check "with [files] group the export is 0640" run 0 "$RENDA" deputy export "$T/shared.csv"
check "  so, in group $g" test "$(stat -c '%a %G' "$T/shared.csv")" = "640 $g"
printf '[files]\ngroup = no-such-group-%s\n' "$$" >"$XDG_CONFIG_HOME/renda/renda.conf"
check "an unknown group is refused" run 1 "$RENDA" deputy export "$T/x.csv"
check "  with file:line" contains "$T/err" "renda.conf:2: files.group: there is no group named"
rm -f "$XDG_CONFIG_HOME/renda/renda.conf"
done_testing
