#!/bin/sh
# The README's set-up and examples, followed literally, work: every command of its
# code blocks from "Using it" on runs, as written, on the demo database and exits 0
# (variables set by one line serve the next lines of the same block); the renda
# commands of "Installing for a committee" run on a new database (and `renda demo`
# makes one with the demo data). Lines that open the console are left out (they need
# a terminal; the console tests cover them). The files a clerk brings (the intake
# page's export, next year's holidays) are made here with the columns the README
# gives; everything else the examples make themselves.
. "$SRCDIR/tests/lib.sh"

readme=$SRCDIR/README.md
mkdir -p "$T/bin" "$T/work"
ln -s "$RENDA" "$T/bin/renda"
PATH=$T/bin:$PATH
export PATH

# blocks FROM TO: the indented code blocks of README.md between the "## FROM" heading
# and the "## TO" heading, one command a line (continuation lines joined), each block
# ended by a line "%%".
blocks() {
	awk -v from="## $1" -v to="## $2" '
		/^## / { on = (index($0, from) == 1) ? 1 : (index($0, to) == 1 ? 0 : on) }
		!on { if (inblock) { print "%%"; inblock = 0 } next }
		/^    / {
			l = substr($0, 5)
			if (cont != "") l = cont " " l
			if (l ~ /\\$/) { sub(/\\$/, "", l); cont = l; next }
			cont = ""; inblock = 1; print l; next
		}
		/^$/ { next }
		{ if (inblock) { print "%%"; inblock = 0 } }
		END { if (inblock) print "%%" }' "$readme"
}
# console LINE: the line opens the console (renda alone, or with --db FILE only).
console() { echo "$1" | grep -Eq '^renda( --db [^ ]+)?( +#.*)?$'; }

# run_blocks DB: runs every block read from standard input on DB, one test point a line.
run_blocks() {
	db=$1
	n=0
	script=$T/block.sh
	: >"$script"
	while IFS= read -r line; do
		if [ "$line" = "%%" ]; then
			[ -s "$script" ] && run_script "$db"
			: >"$script"
			continue
		fi
		console "$line" && continue
		line=$(printf '%s\n' "$line" | sed -E 's/[[:space:]]+#.*$//')
		n=$((n + 1))
		printf '%s\n' "$line" >"$T/line.$n"
		printf '%s >>"%s/out.%d" 2>"%s/err.%d"; st=$?; echo $st >"%s/st.%d"; [ $st = 0 ] || exit 1\n' \
			"$line" "$T" "$n" "$T" "$n" "$T" "$n" >>"$script"
	done
}
run_script() {
	first=$((n - $(wc -l <"$script") + 1))
	(cd "$T/work" && RENDA_DB=$1 bash -o pipefail "$script")
	i=$first
	while [ "$i" -le "$n" ]; do
		l=$(cat "$T/line.$i")
		if [ ! -f "$T/st.$i" ]; then
			not_ok "README: $l (not reached)"
		elif [ "$(cat "$T/st.$i")" = 0 ]; then
			ok "README: $l"
		else
			not_ok "README: $l (exit status $(cat "$T/st.$i"))"
			diag <"$T/err.$i"
		fi
		i=$((i + 1))
	done
	rm -f "$T"/st.*
}

# Installing for a committee: the renda commands on a new database.
blocks "Installing for a committee" "Using it" >"$T/install"
grep -v '^renda demo' "$T/install" | grep -E '^(renda |%%)' >"$T/install.renda"
run_blocks "$T/committee.db" <"$T/install.renda"
check "the install section documents a way to load the demo into the shared database" \
	grep -q '^renda demo' "$T/install"
grep -E '^(renda demo|%%)' "$T/install" >"$T/install.demo"
run_blocks "$T/committee-demo.db" <"$T/install.demo"
check "  which makes it with the demo data" \
	test "$(sqlite3 "$T/committee-demo.db" 'SELECT count(*) > 100 FROM deputy')" = 1

# Everything from "Using it" on, on the demo database.
"$RENDA" demo >/dev/null 2>"$T/demo.err" || { diag <"$T/demo.err"; echo "Bail out! renda demo failed"; exit 1; }
# The clerk's own files, with the columns the README names: a visit at a liaison
# station of the demo (by the intake page's export), next year's holidays.
station=$(q "SELECT name FROM station ORDER BY id LIMIT 1")
cat >"$T/work/intake.csv" <<CSV
submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id,station
2026-02-20T10:00:00+08:00,,station,王五,13800000001,,城市建设,东方路雨后积水,雨后积水严重。,web-1,$station
CSV
cat >"$T/work/2027.csv" <<'CSV'
day,kind,name
2027-01-01,holiday,元旦
2027-02-06,holiday,春节
CSV
blocks "Using it" "Development" >"$T/using"
check "the examples were found" test "$(grep -vc '^%%' "$T/using")" -gt 20
sed -i "s|^%%$|%%|" "$T/using"
run_blocks "$RENDA_DB" <"$T/using"

# renda qr sheet without --all or codes: every deputy in scope, as --all.
check "qr sheet without --all" run 0 "$RENDA" qr sheet --out "$T/none.xlsx"
cp "$T/out" "$T/none.out"
check "qr sheet --all" run 0 "$RENDA" qr sheet --all --out "$T/all.xlsx"
check "  the same cards: every deputy in office in scope" \
	test "$(grep -o '[0-9]* cards' "$T/none.out")" = "$(grep -o '[0-9]* cards' "$T/out")"
check "  as many as the roster has in office" \
	test "$(grep -o '[0-9]*' "$T/none.out" | head -n 1)" = "$(q "SELECT count(*) FROM deputy WHERE status = 'in-office'")"
check "qr sheet --town T without --all: that town's deputies" \
	run 0 "$RENDA" qr sheet --town 乍浦镇 --out "$T/town.xlsx"
check "  as many as the town has in office" \
	test "$(grep -o '[0-9]*' "$T/out" | head -n 1)" = "$(q "SELECT count(*) FROM deputy d JOIN town t ON t.id = d.town_id WHERE status = 'in-office' AND t.name = '乍浦镇'")"
done_testing
