#!/bin/sh
# The boundary of a committee's host, as the README sets it up: renda installed setgid
# to a group that alone may enter the database directory, clerks outside that group.
# Real accounts (useradd) use the installed copy: the database is reached only through
# renda, the identity is the real uid, another database or configuration is refused to
# all but an administrator (or root), the files a clerk writes are the clerk's own, and
# nothing a clerk controls (environment, catalogues, data files) reaches the program.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/lib-setgid.sh"

why=$(setgid_skip_reason)
if [ -n "$why" ]; then
	echo "1..0 # SKIP $why"
	exit 0
fi
trap 'setgid_cleanup; rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM
setgid_setup

adm=rda$$ clerk=rdc$$ other=rdo$$ stranger=rds$$
for a in $adm $clerk $other $stranger; do account "$a"; done
H() { echo "$T/home/$1"; }
sg_q() { sqlite3 -batch -noheader "$SG_DB" "$@"; }

# ---- the installed program ---------------------------------------------------------
mode=$(stat -c '%a %G' "$SG_RENDA")
check "make install made renda setgid $SG_GROUP, mode 2755 ($mode)" test "$mode" = "2755 $SG_GROUP"
check "the accounts are not in $SG_GROUP" \
	test -z "$(id -nG $clerk $adm $other $stranger | tr ' ' '\n' | grep -x "$SG_GROUP")"

# ---- init and the database's own files ------------------------------------------------
check "the administrator runs renda init" run 0 as $adm "$SG_RENDA" init
check "  on the configured database" contains "$T/out" "created $SG_DB"
check "  which is 0660, group $SG_GROUP" test "$(stat -c '%a %G' "$SG_DB")" = "660 $SG_GROUP"
check "  and registered by the real account" test "$(sg_q "SELECT login || ' ' || role FROM app_user")" = "$adm admin"
check "register a town clerk" run 0 as $adm "$SG_RENDA" user add $clerk --role town-clerk --town 乍浦镇
check "register a city clerk" run 0 as $adm "$SG_RENDA" user add $other --role city-clerk
check "the clerk works through renda" run 0 as $clerk "$SG_RENDA" user list
check "  as the real account" contains "$T/out" "$clerk		town-clerk	乍浦镇"
check "USER and LOGNAME name no one" \
	run 1 as $clerk env USER=$adm LOGNAME=$adm "$SG_RENDA" ref add category --code Z1 --name 冒名
check "  the clerk is still the clerk" contains "$T/err" "you are $clerk (town clerk, 乍浦镇)"
check "nothing is left open: no -wal or -shm after the runs" \
	test "$(ls "$SG_DIR" | tr '\n' ' ')" = "renda.db renda.db.key "
check "the audit key is 0640, group $SG_GROUP, the administrator's" \
	test "$(stat -c '%a %G %U' "$SG_DB.key")" = "640 $SG_GROUP $adm"

# ---- only renda reaches the database ---------------------------------------------------
check "the clerk's sqlite3 cannot open the database" run 1 as $clerk sqlite3 "$SG_DB" "SELECT count(*) FROM app_user"
check "  refused by the file system" contains "$T/err" "unable to open database"
check "nor can the clerk read the file" run 1 as $clerk cat "$SG_DB"
check "  permission denied" contains "$T/err" "Permission denied"
check "nor list the directory" run 2 as $clerk ls "$SG_DIR"
check "nor may the administrator's own account" run 1 as $adm sqlite3 "$SG_DB" "UPDATE app_user SET role = 'admin'"
check "no one was promoted" test "$(sg_q "SELECT group_concat(login || ':' || role, ' ') FROM app_user ORDER BY id")" = \
	"$adm:admin $clerk:town-clerk $other:city-clerk"

# ---- another database or configuration -----------------------------------------------
as $clerk sh -c 'mkdir -p own && cd own && true'
check "a clerk's --db elsewhere is refused" run 1 as $clerk "$SG_RENDA" --db "$(H $clerk)/own/x.db" init
check "  saying why" contains "$T/err" "renda works on the committee's database $SG_DB"
check "  and made nothing" test ! -e "$(H $clerk)/own/x.db"
check "a clerk's RENDA_DB elsewhere is refused" run 1 as $clerk env RENDA_DB="$(H $clerk)/own/x.db" "$SG_RENDA" user list
check "  saying why" contains "$T/err" "may name another only for root or an administrator"
check "RENDA_DB naming the configured database itself is fine" run 0 as $clerk env RENDA_DB="$SG_DB" "$SG_RENDA" user list
check "--db naming it is fine" run 0 as $clerk "$SG_RENDA" --db "$SG_DB" user list
printf '[database]\npath = %s\n' "$(H $clerk)/own/x.db" >"$T/evil.conf"
chmod 644 "$T/evil.conf"
check "a clerk's --config is refused" run 1 as $clerk "$SG_RENDA" --config "$T/evil.conf" user list
check "  saying why" contains "$T/err" "may name another only for root or an administrator"
mkdir -p "$(H $clerk)/.config/renda"
cp "$T/evil.conf" "$(H $clerk)/.config/renda/renda.conf"
chown -R $clerk "$(H $clerk)/.config"
check "the clerk's own file may not move the database" run 1 as $clerk "$SG_RENDA" user list
check "  refused with file:line" contains "$T/err" "$(H $clerk)/.config/renda/renda.conf:2: [database] path is the committee's setting"
printf '[workflow]\nmotion_cosigners_city = 1\n' >"$(H $clerk)/.config/renda/renda.conf"
check "nor lower the motion rule" run 1 as $clerk "$SG_RENDA" user list
check "  refused with file:line" contains "$T/err" "renda.conf:2: [workflow] motion_cosigners_city is the committee's setting"
printf '[ui]\nascii_borders = true\n' >"$(H $clerk)/.config/renda/renda.conf"
check "[ui] keys are the clerk's own" run 0 as $clerk "$SG_RENDA" user list
rm -rf "$(H $clerk)/.config"
check "an unregistered account cannot verify the audit trail" run 1 as $stranger "$SG_RENDA" audit verify
check "  it is told it is not registered" contains "$T/err" "account $stranger is not registered"
check "nor check the database" run 1 as $stranger "$SG_RENDA" check

check "the administrator may name another database" \
	run 0 as $adm "$SG_RENDA" --db "$(H $adm)/own.db" init
check "  made with the administrator's own rights, not the group's" \
	test "$(stat -c '%U %G %a' "$(H $adm)/own.db")" = "$adm $(id -gn $adm) 600"
check "  and without them it cannot reach the committee's directory" \
	run 1 as $adm "$SG_RENDA" --db "$SG_DIR/other.db" init
check "  (refused by the file system)" contains "$T/err" "Permission denied"
check "  nothing was made there" test "$(ls "$SG_DIR" | tr '\n' ' ')" = "renda.db renda.db.key "
check "root may name another database" run 0 "$SG_RENDA" --db "$T/root.db" init

# ---- files a clerk writes are the clerk's --------------------------------------------
check "a town clerk's export goes to the clerk's home" \
	run 0 as $clerk "$SG_RENDA" deputy export "$(H $clerk)/roster.csv"
check "  owned by the clerk and the clerk's group, not $SG_GROUP" \
	test "$(stat -c '%U %G' "$(H $clerk)/roster.csv")" = "$clerk $(id -gn $clerk)"
check "an export into the database directory is refused" \
	run 1 as $clerk "$SG_RENDA" deputy export "$SG_DIR/roster.csv"
check "  nothing was written there" test "$(ls "$SG_DIR" | tr '\n' ' ')" = "renda.db renda.db.key "
cp "$SG_DB" "$T/db.before"
check "an export over the database itself is refused" \
	run 1 as $clerk "$SG_RENDA" deputy export "$SG_DB" --force
check "  the database is untouched" cmp -s "$SG_DB" "$T/db.before"

# ---- links planted by another account in a shared directory ---------------------------
S="$T/shared"
mkdir "$S"
chmod 1777 "$S"
printf 'mine\n' >"$(H $clerk)/mine.txt"
chown $clerk "$(H $clerk)/mine.txt"
for name in roster.csv cases.xlsx; do
	as $other ln -s "$(H $clerk)/mine.txt" "$S/$name"
done
as $other ln -s "$SG_DB" "$S/db.csv"
check "a link of another account at the export's name is refused" \
	run 1 as $clerk "$SG_RENDA" deputy export "$S/roster.csv"
check "  as an existing file" contains "$T/err" "already exists; use --force"
# --force replaces a name, never follows it; in a sticky directory another account's
# name cannot be replaced at all, and renda says so.
check "with --force over another account's link in a sticky directory: refused" \
	run 1 as $clerk "$SG_RENDA" deputy export "$S/roster.csv" --force
check "  by the file system" contains "$T/err" "Operation not permitted"
check "  the clerk's file it led to is untouched" test "$(cat "$(H $clerk)/mine.txt")" = mine
check "  the link is still the other account's link" test -L "$S/roster.csv"
check "a report over such a link, with --force: refused the same" \
	run 1 as $clerk "$SG_RENDA" report cases --year 2026 --out "$S/cases.xlsx" --force
check "  leaves the linked file alone" test "$(cat "$(H $clerk)/mine.txt")" = mine
check "a link to the database itself, with --force" \
	run 1 as $clerk "$SG_RENDA" deputy export "$S/db.csv" --force
check "  the database is untouched" run 0 as $adm "$SG_RENDA" check
check "  nothing temporary is left in the shared directory" \
	test "$(ls -A "$S" | tr '\n' ' ')" = "cases.xlsx db.csv roster.csv "
as $clerk ln -s "$(H $clerk)/mine.txt" "$(H $clerk)/own-link.csv"
check "the clerk's --force over a link in the clerk's own directory" \
	run 0 as $clerk "$SG_RENDA" deputy export "$(H $clerk)/own-link.csv" --force
check "  replaces the link with the export" test -f "$(H $clerk)/own-link.csv" -a ! -L "$(H $clerk)/own-link.csv"
check "  and leaves the file it led to alone" test "$(cat "$(H $clerk)/mine.txt")" = mine
as $adm "$SG_RENDA" deputy add --name 沈建国 --resident_id "$(fix_id 33048219700101001)" --level city --town 乍浦镇 >/dev/null
as $other mkdir "$S/qr"
chmod 777 "$S/qr"
check "renda qr --out into another account's open directory is refused" \
	run 1 as $clerk "$SG_RENDA" qr --all --out "$S/qr"
check "  naming why" contains "$T/err" "belongs to another account and anyone may write into it"
as $other ln -s "$(H $clerk)" "$S/qrlink"
check "renda qr --out through another account's link is refused" \
	run 1 as $clerk "$SG_RENDA" qr --all --out "$S/qrlink"
check "  naming why" contains "$T/err" "is a symbolic link of another account"

# ---- the audit key and backups -------------------------------------------------------
check "the clerk cannot read the audit key" run 1 as $clerk cat "$SG_DB.key"
check "backup is for administrators only" run 1 as $clerk "$SG_RENDA" backup "$(H $clerk)/b.db"
check "  saying so" contains "$T/err" "only an administrator may do this"
check "  and writes nothing" test ! -e "$(H $clerk)/b.db"
check "the administrator backs up into the data directory" run 0 as $adm "$SG_RENDA" backup
b=$(sed -n "s|^backed up $SG_DB to ||p" "$T/out")
check "  a file in $SG_DIR/backups ($b)" test "$(dirname "$b")" = "$SG_DIR/backups" -a -s "$b"
check "  with its key" cmp -s "$b.key" "$SG_DB.key"
check "  the directory is the group's alone (2770)" test "$(stat -c '%a %G' "$SG_DIR/backups")" = "2770 $SG_GROUP"
check "  the copy verifies with its key" run 0 "$SG_RENDA" --db "$b" audit verify
check "the administrator backs up to a file of their own" run 0 as $adm "$SG_RENDA" backup "$(H $adm)/b.db"
check "  0600, the administrator's, with the key beside it" \
	test "$(stat -c '%a %U' "$(H $adm)/b.db" "$(H $adm)/b.db.key" | tr '\n' ' ')" = "600 $adm 600 $adm "

# ---- nothing the clerk controls reaches the program -----------------------------------
# A data directory of the clerk's with a migration that would make the clerk an admin.
E="$(H $clerk)/evil"
mkdir -p "$E/migrations"
cp "$SG_PREFIX"/share/renda/migrations/*.sql "$E/migrations/"
n=$(ls "$E/migrations" | wc -l)
printf "UPDATE app_user SET role = 'admin', town_id = NULL WHERE login = '%s';\n" $clerk \
	>"$E/migrations/$(printf %04d $((n + 1)))-evil.sql"
chown -R $clerk "$E"
check "RENDA_DATADIR is ignored" run 0 as $clerk env RENDA_DATADIR="$E" "$SG_RENDA" user list
check "  the clerk is still a town clerk" \
	test "$(sg_q "SELECT role FROM app_user WHERE login = '$clerk'")" = town-clerk
check "  the schema version did not move" test "$(sg_q 'PRAGMA user_version')" = "$n"
# A catalogue of the clerk's that would change what renda says.
if command -v msgfmt >/dev/null; then
	mkdir -p "$E/zh_CN/LC_MESSAGES"
	printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "only an administrator may do this (you are %%s)"\nmsgstr "PWNED %%s"\n' >"$E/evil.po"
	msgfmt -o "$E/zh_CN/LC_MESSAGES/renda.mo" "$E/evil.po"
	chown -R $clerk "$E"
	check "RENDA_LOCALEDIR is ignored" run 1 as $clerk env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 \
		RENDA_LOCALEDIR="$E" "$SG_RENDA" ref add category --code Z2 --name 冒名
	check "  the installed catalogue speaks" contains "$T/err" "只有管理员"
	check "  not the clerk's" lacks "$T/err" PWNED
	check "LANGUAGE with a path is ignored" run 1 as $clerk env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 \
		LANGUAGE="../../../../../../$E/zh_CN" "$SG_RENDA" ref add category --code Z2 --name 冒名
	check "  not the clerk's catalogue" lacks "$T/err" PWNED
else
	for d in "RENDA_LOCALEDIR is ignored" "  the installed catalogue speaks" "  not the clerk's" \
		"LANGUAGE with a path is ignored" "  not the clerk's catalogue"; do
		skip "$d" "msgfmt is missing"
	done
fi
# ---- time: RENDA_NOW is an as-of time for reads, never the date of a write ----------------
rows=$(sg_q 'SELECT count(*) FROM audit')
check "a write under RENDA_NOW is refused" \
	run 1 as $adm env RENDA_NOW=2020-01-01T09:00:00+08:00 "$SG_RENDA" ref add category --code OLD --name 旧时
check "  saying writes carry the real time" contains "$T/err" "changes always carry the real time"
check "  nothing was written" test "$(sg_q 'SELECT count(*) FROM audit')" = "$rows"
check "reads under RENDA_NOW work (as of that time)" \
	run 0 as $clerk env RENDA_NOW=2026-03-02T09:00:00+08:00 "$SG_RENDA" case list
check "a write without it" run 0 as $adm "$SG_RENDA" ref add category --code NOW --name 现在
check "  is dated by the real clock" \
	test "$(sg_q "SELECT substr(at, 1, 10) FROM audit ORDER BY id DESC LIMIT 1")" = "$(TZ=Asia/Shanghai date +%F)"

# ---- clerks starting at once ------------------------------------------------------------
# When no one has the database open, the first renda to read it makes its log and shared
# memory (-wal, -shm); a clerk's umask of 022 once left them without the group's write for
# a moment, and a renda starting in that moment failed ("attempt to write a readonly
# database", then reported as "not a renda database"). Found by the ssh test, about one
# round in a hundred; these rounds start four at once each time the files are gone.
: >"$T/starts"
i=0
while [ $i -lt 100 ]; do
	for a in $adm $clerk $other $clerk; do
		(as "$a" sh -c "umask 022; '$SG_RENDA' deputy list" >/dev/null 2>"$T/start.$a.$i" ||
			{ echo "$a: $(cat "$T/start.$a.$i")" >>"$T/starts"; }) &
	done
	wait
	i=$((i + 1))
done
check "400 starts, four at a time, by three accounts with umask 022: none failed" \
	test ! -s "$T/starts"
diag <"$T/starts"
check "  the database's own files are the group's to write" \
	test -z "$(find "$SG_DIR" -name 'renda.db*' ! -name '*.key' ! -perm -0660)"

# ---- a directory or file open to others is refused -----------------------------------
chmod 2775 "$SG_DIR"
check "a directory open to others is refused" run 1 as $clerk "$SG_RENDA" user list
check "  naming the mode to set" contains "$T/err" "must belong to group $SG_GROUP and be closed to everyone else (mode 2770)"
chmod 2770 "$SG_DIR"
chmod 664 "$SG_DB"
check "a database open to others is refused" run 1 as $clerk "$SG_RENDA" user list
check "  saying to chmod 660" contains "$T/err" "chmod 660"
chmod 660 "$SG_DB"
check "with the modes restored the clerk works again" run 0 as $clerk "$SG_RENDA" user list
check "the database checks out" run 0 as $adm "$SG_RENDA" check
done_testing
