#!/bin/sh
# Every error path of the command line: a message on stderr and the documented exit
# status (0 success, 1 refused or failed, 2 usage error).
. "$SRCDIR/tests/lib.sh"

# logins: the registered logins, one a line.
logins() { "$RENDA" user list | tsv_col - login; }
# account LOGIN FIELD...: the fields of the account as user list shows them, space-separated.
account() {
	a_login=$1
	shift
	"$RENDA" user list | awk -F '\t' -v l="$a_login" -v f="$*" '
		NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; n = split(f, w, " "); next }
		$h["login"] == l { for (i = 1; i <= n; i++) printf "%s%s", $h[w[i]], i < n ? " " : "\n" }'
}
# quiet: the last command wrote nothing on stdout (errors go to stderr).
quiet() {
	if [ ! -s "$T/out" ]; then return 0; fi
	echo "# stdout should be empty:"
	diag <"$T/out"
	return 1
}

check "init" run 0 "$RENDA" init

# ---- usage errors: exit 2 ----------------------------------------------------
check "an unknown command is a usage error" run 2 "$RENDA" frobnicate
check "  named in the message" contains "$T/err" "unknown command 'frobnicate'"
check "  nothing on stdout" quiet
check "an unknown subcommand of a group" run 2 "$RENDA" user frob
check "  names the group and the word" contains "$T/err" "user has no command 'frob'"
check "  and lists the group's commands on stderr" contains "$T/err" "renda user add"
check "  nothing on stdout" quiet
check "a group alone is a usage error" run 2 "$RENDA" user
check "  it lists the subcommands" contains "$T/err" "renda user list"
check "  all of them" contains "$T/err" "renda user remove"
check "an unknown global option" run 2 "$RENDA" --bogus
check "  is named" contains "$T/err" "unknown option --bogus"
check "an unknown option of a command" run 2 "$RENDA" user list --bogus
check "  is named" contains "$T/err" "unknown option --bogus"
check "  with the command's usage" contains "$T/err" "usage: renda user list"
check "an unknown short option" run 2 "$RENDA" audit list -x
check "  is named" contains "$T/err" "unknown option -x"
check "a value given to an option that takes none" run 2 "$RENDA" backup --force=yes "$T/copy.db"
check "  says so, naming the option" contains "$T/err" "option --force takes no value"
check "  and writes no backup" test ! -e "$T/copy.db"
check "--db at the end lacks its value" run 2 "$RENDA" --db
check "  says so" contains "$T/err" "option --db needs a value"
check "--db after a command lacks its value" run 2 "$RENDA" user list --db
check "  says so" contains "$T/err" "option --db needs a value"
check "--config lacks its value" run 2 "$RENDA" --config
check "  says so" contains "$T/err" "option --config needs a value"
check "--db= with an empty value" run 2 "$RENDA" --db= user list
check "  says so" contains "$T/err" "needs a value"
check "user add x --role lacks its value" run 2 "$RENDA" user add x --role
check "  says so" contains "$T/err" "option --role needs a value"
check "  and x was not registered" test "$(logins)" = "$me"
check "ref add --code lacks its value" run 2 "$RENDA" ref add category --code
check "  says so" contains "$T/err" "expected --FIELD VALUE, got --code"
check "user add without --role" run 2 "$RENDA" user add x
check "  says --role is required" contains "$T/err" "--role is required"
check "an unknown role" run 2 "$RENDA" user add x --role boss
check "  lists the roles" contains "$T/err" "admin, city-clerk, town-clerk, unit or viewer"
check "an extra argument to user list" run 2 "$RENDA" user list extra
check "  is named" contains "$T/err" "unexpected argument extra"
check "two logins to user add" run 2 "$RENDA" user add a b --role viewer
check "  refused" contains "$T/err" "name one LOGIN"
check "  neither registered" test "$(logins)" = "$me"
check "two logins to user remove" run 2 "$RENDA" user remove a b
check "  refused" contains "$T/err" "name one LOGIN"
check "an extra argument to check" run 2 "$RENDA" check extra
check "  is named" contains "$T/err" "unexpected argument extra"
check "an extra argument to audit verify" run 2 "$RENDA" audit verify extra
check "  is named" contains "$T/err" "unexpected argument extra"
check "an extra argument to init" run 2 "$RENDA" --db "$T/extra.db" init extra
check "  is named" contains "$T/err" "unexpected argument extra"
check "  and no database was made" test ! -e "$T/extra.db"
check "ref import without a file" run 2 "$RENDA" ref import category
check "  says what is missing" contains "$T/err" "name a KIND and a FILE.csv"
check "an unknown reference kind" run 2 "$RENDA" ref list frob
check "  lists the kinds" contains "$T/err" "unknown reference kind 'frob' (one of town, category"
check "an unknown field of a kind" run 2 "$RENDA" ref add category --colour red
check "  is named" contains "$T/err" "category has no field colour"
check "bad --format of user list" run 2 "$RENDA" user list --format xml
check "  lists the formats" contains "$T/err" "--format must be tsv, csv or json"
check "bad --format of ref list" run 2 "$RENDA" ref list category --format xml
check "  lists the formats" contains "$T/err" "--format must be tsv, csv or json"
check "bad --format of audit list" run 2 "$RENDA" audit list --format XML
check "  lists the formats" contains "$T/err" "--format must be tsv, csv or json"
check "a record id that is not a number" run 2 "$RENDA" ref edit category abc --name x
check "  says an ID is needed" contains "$T/err" "name a KIND and a record ID"
check "a record id of 0" run 2 "$RENDA" ref edit category 0 --name x
check "a negative record id" run 2 "$RENDA" ref edit category -3 --name x
check "a record id with trailing junk" run 2 "$RENDA" ref edit category 1x --name x
check "a --version that is not a number" run 2 "$RENDA" ref edit category 1 --version v1 --name x
check "  says what --version takes" contains "$T/err" "--version takes the record's version number"
check "user edit --version abc" run 2 "$RENDA" user edit "$me" --version abc --name x
check "  says what --version takes" contains "$T/err" "--version takes the record's version number"
check "audit list --id abc" run 2 "$RENDA" audit list --id abc
check "  says what --id takes" contains "$T/err" "--id takes a record number"
check "audit list --limit 0" run 2 "$RENDA" audit list --limit 0
check "  says what --limit takes" contains "$T/err" "--limit takes a positive number"
check "audit list --since 2026-02-30" run 2 "$RENDA" audit list --since 2026-02-30
check "  says what --since takes" contains "$T/err" "--since takes a date YYYY-MM-DD"
check "ref edit with nothing to change" run 2 "$RENDA" ref edit category 1
check "  says so" contains "$T/err" "name at least one --FIELD VALUE"
check "  and the version did not move" test "$("$RENDA" ref list category | awk -F '\t' '$1 == 1 { print $NF }')" = 1
check "user edit with nothing to change" run 2 "$RENDA" user edit "$me"
check "  says so" contains "$T/err" "name what to change"
check "  and the version did not move" test "$(account "$me" version)" = 1
# Not an error: renaming a town clerk needs no --town; the binding stays.
check "register a town clerk" run 0 "$RENDA" user add wang --role town-clerk --town 乍浦镇
check "rename the town clerk without --town" run 0 "$RENDA" user edit wang --name 王五
check "  the name changed and the town stayed" test "$(account wang name town)" = "王五 乍浦镇"
unit=$("$RENDA" ref list unit | awk -F '\t' 'NR == 2 { print $3 }')
check "register a unit operator" run 0 "$RENDA" user add zhou --role unit --unit "$unit"
check "rename the unit operator without --unit" run 0 "$RENDA" user edit zhou --name 周六
check "  the name changed and the unit stayed" test "$(account zhou name unit)" = "周六 $unit"

# ---- help and version: exit 0 -------------------------------------------------
want_version=$(sed -n 's/^AC_INIT(\[renda\], \[\([^]]*\)\].*/\1/p' "$SRCDIR/configure.ac")
check "--version exits 0" run 0 "$RENDA" --version
check "  prints the version of configure.ac" same "$T/out" "renda $want_version"
check "-V too" run 0 "$RENDA" -V
check "--help exits 0" run 0 "$RENDA" --help
check "  prints the usage" contains "$T/out" "usage: renda [--db FILE] [--config FILE]"
check "  and the exit statuses" contains "$T/out" "2 usage error"
check "  lists the commands" contains "$T/out" "audit verify"
check "help exits 0" run 0 "$RENDA" help
check "COMMAND --help exits 0" run 0 "$RENDA" user add --help
check "  prints the usage" contains "$T/out" "usage: renda user add LOGIN --role ROLE"
check "GROUP --help exits 0" run 0 "$RENDA" ref --help
check "  lists the group" contains "$T/out" "renda ref import"
check "help GROUP exits 0" run 0 "$RENDA" help user
check "  lists the group" contains "$T/out" "renda user edit"
check "help GROUP COMMAND exits 0" run 0 "$RENDA" help user add
check "  describes that command" contains "$T/out" "usage: renda user add LOGIN --role ROLE"
check "help init exits 0" run 0 "$RENDA" --db "$T/help.db" help init
check "  describes init" contains "$T/out" "usage: renda init"
check "  and does not run it" test ! -e "$T/help.db"
check "help of an unknown command" run 2 "$RENDA" help frob
check "  is a usage error" contains "$T/err" "unknown command 'frob'"

# ---- refused: exit 1 ------------------------------------------------------------
# A database where the caller is a viewer.
V="$T/viewer.db"
check "a second database" run 0 "$RENDA" --db "$V" init
(RENDA_DB=$V && as_role viewer)
audit_n=$("$RENDA" --db "$V" audit list | nrows)
check "a viewer may list users" run 0 "$RENDA" --db "$V" user list
check "a viewer may not add users" run 1 "$RENDA" --db "$V" user add li --role viewer
check "  only an administrator" contains "$T/err" "only an administrator may do this (you are $me (viewer))"
check "a viewer may not edit users" run 1 "$RENDA" --db "$V" user edit "$me" --name x
check "  only an administrator" contains "$T/err" "only an administrator"
check "a viewer may not remove users" run 1 "$RENDA" --db "$V" user remove "$me"
check "  only an administrator" contains "$T/err" "only an administrator"
check "a viewer may not add reference data" run 1 "$RENDA" --db "$V" ref add category --code X1 --name 其它
check "  only an administrator" contains "$T/err" "only an administrator"
check "a viewer may not edit reference data" run 1 "$RENDA" --db "$V" ref edit category 1 --name 其它
check "  only an administrator" contains "$T/err" "only an administrator"
printf 'code,name\nX2,其它二\n' >"$T/cat.csv"
check "a viewer may not import reference data" run 1 "$RENDA" --db "$V" ref import category "$T/cat.csv"
check "  only an administrator" contains "$T/err" "only an administrator"
check "  nothing was written" test "$("$RENDA" --db "$V" audit list | nrows)" = "$audit_n"
"$RENDA" --db "$V" ref list category >"$T/cats"
check "  no category added" test "$(tsv_col "$T/cats" code | grep -c '^X')" = 0
check "  category 1 unchanged" test "$(awk -F '\t' '$1 == 1 { print $3, $NF }' "$T/cats")" = "城市建设 1"
check "  the account unchanged" test "$(RENDA_DB=$V account "$me" name role active version)" = " viewer 1 1"

check "an account that is not registered" run 1 "$RENDA" user edit nobody --name x
check "  is named" contains "$T/err" "nobody is not registered"
check "a record that does not exist" run 1 "$RENDA" ref edit category 99999 --name x
check "  is named" contains "$T/err" "category 99999"
check "a town that does not exist" run 1 "$RENDA" user add li --role town-clerk --town 火星镇
check "  is named" contains "$T/err" "no town or street named '火星镇'"
# The same lookup wherever a town is named: the roster, the QR cards, the statistics.
for c in "deputy list --town 火星镇" "qr --all --town 火星镇 --out $T/qr-none" \
	"stats cases --by category --town 火星镇"; do
	# shellcheck disable=SC2086 # the words of the command
	check "$c: the town is refused" run 1 "$RENDA" $c
	check "  and named" contains "$T/err" "town: no town or street named '火星镇'"
done
check "  no card was printed" test ! -e "$T/qr-none"
check "a CSV file that does not exist" run 1 "$RENDA" ref import category "$T/none.csv"
check "  is named" contains "$T/err" "$T/none.csv"

# ---- databases that cannot be used: exit 1 --------------------------------------
check "a missing database" run 1 "$RENDA" --db "$T/none.db" user list
check "  names the path" contains "$T/err" "no database at $T/none.db"
check "  says how to make one" contains "$T/err" "renda init"
check "  and makes none" test ! -e "$T/none.db"

# The schema version is the database's own: set and read with sqlite3.
cp "$RENDA_DB" "$T/new.db"
cp "$RENDA_DB.key" "$T/new.db.key"
sqlite3 "$T/new.db" 'PRAGMA user_version = 999'
check "a database of a newer renda" run 1 "$RENDA" --db "$T/new.db" user list
check "  names the path and version" contains "$T/err" "$T/new.db has schema version 999"
check "  says to use a newer renda" contains "$T/err" "use a newer renda"
check "  and is left at its version" test "$(sqlite3 "$T/new.db" 'PRAGMA user_version')" = 999
check "audit verify refuses it too" run 1 "$RENDA" --db "$T/new.db" audit verify
check "  says to use a newer renda" contains "$T/err" "use a newer renda"

printf 'name,phone\nzhang,123\n' >"$T/text.db"
check "a text file" run 1 "$RENDA" --db "$T/text.db" user list
check "  is not a renda database" contains "$T/err" "$T/text.db: not a renda database"
check "  and is left alone" test "$(cat "$T/text.db")" = "$(printf 'name,phone\nzhang,123')"
# Another program's database, made and read back with sqlite3: renda must not touch it.
sqlite3 "$T/other.db" 'CREATE TABLE t (x); INSERT INTO t VALUES (1)'
check "another program's SQLite database" run 1 "$RENDA" --db "$T/other.db" user list
check "  is not a renda database" contains "$T/err" "$T/other.db: not a renda database"
check "  and gets no renda tables" test "$(sqlite3 "$T/other.db" .tables)" = t
check "  nor WAL mode" test "$(sqlite3 "$T/other.db" 'PRAGMA journal_mode')" = delete
: >"$T/empty.db"
check "an empty file" run 1 "$RENDA" --db "$T/empty.db" check
check "  is not a renda database" contains "$T/err" "not a renda database"
check "  and stays empty" test ! -s "$T/empty.db"
# A renda database whose schema page was overwritten (a disk fault, a copy cut short).
"$RENDA" --db "$T/hurt.db" init >/dev/null 2>&1
python3 -c "import sys; f = open(sys.argv[1], 'r+b'); f.seek(110); f.write(b'\xff' * 3000)" "$T/hurt.db"
cp "$T/hurt.db" "$T/hurt.copy"
check "a damaged renda database" run 1 "$RENDA" --db "$T/hurt.db" user list
check "  is named, damaged" contains "$T/err" "$T/hurt.db: database error: the database file is damaged"
check "  and is left as it was" cmp -s "$T/hurt.db" "$T/hurt.copy"
mkdir "$T/dir.db"
check "a directory" run 1 "$RENDA" --db "$T/dir.db" user list
check "  is named" contains "$T/err" "$T/dir.db"

# ---- configuration files: exit 1 --------------------------------------------------
printf '[database]\nbusy_timeout = 500\n\n[ui]\nfrob = 1\n' >"$T/unknown.conf"
check "an unknown key" run 1 "$RENDA" --config "$T/unknown.conf" user list
check "  FILE:LINE: unknown key" contains "$T/err" "$T/unknown.conf:5: unknown key 'frob' in section [ui]"
check "  nothing on stdout" quiet
printf '[database]\nbusy_timeout = soon\n' >"$T/badint.conf"
check "a bad number" run 1 "$RENDA" --config "$T/badint.conf" user list
check "  names the key and the range" contains "$T/err" "$T/badint.conf:2: database.busy_timeout must be a whole number from 0 to 600000"
printf '[ui]\ncolor = pink\n' >"$T/badchoice.conf"
check "a bad choice" run 1 "$RENDA" --config "$T/badchoice.conf" user list
check "  names the key and the values" contains "$T/err" "$T/badchoice.conf:2: ui.color must be auto, always or never"
printf '[ui]\nmouse = sometimes\n' >"$T/badbool.conf"
check "a bad boolean" run 1 "$RENDA" --config "$T/badbool.conf" user list
check "  names the key and the values" contains "$T/err" "$T/badbool.conf:2: ui.mouse must be true or false"
printf '[qr]\nerror_correction = X\n' >"$T/badec.conf"
check "a bad error correction level" run 1 "$RENDA" --config "$T/badec.conf" user list
check "  names the key and the values" contains "$T/err" "qr.error_correction must be one of L, M, Q, H"
# Two faults: the first is reported, with its own line and its own reason.
printf '[database]\nbusy_timeout = -1\n[ui]\nfrob = 1\n' >"$T/two.conf"
check "a bad value then an unknown key" run 1 "$RENDA" --config "$T/two.conf" user list
check "  reports the first, line 2" contains "$T/err" "$T/two.conf:2: database.busy_timeout must be"
check "  and only it" lacks "$T/err" "frob"
printf '[database]\nthis line is junk\n[ui]\nfrob = 1\n' >"$T/syntax.conf"
check "a syntax error then an unknown key" run 1 "$RENDA" --config "$T/syntax.conf" user list
check "  reports the syntax error of line 2" contains "$T/err" "$T/syntax.conf:2: syntax error"
check "  not the later key" lacks "$T/err" "frob"
check "a missing --config file" run 1 "$RENDA" --config "$T/none.conf" user list
check "  is named" contains "$T/err" "cannot read configuration $T/none.conf"
mkdir -p "$T/config/renda"
printf '[workflow]\ndue_soon_days = 99\n' >"$T/config/renda/renda.conf"
check "a bad user configuration file" run 1 "$RENDA" user list
check "  is named with its line" contains "$T/err" "$T/config/renda/renda.conf:2: workflow.due_soon_days must be a whole number from 0 to 60"
rm "$T/config/renda/renda.conf"

# ---- which database: --db, then RENDA_DB, then [database] path, then XDG -------------
for w in opt env conf xdg; do
	case $w in
	xdg) f="$T/data/renda/renda.db" ;;
	*) f="$T/$w.db" ;;
	esac
	env -u RENDA_DB "$RENDA" --db "$f" init >/dev/null &&
		env -u RENDA_DB "$RENDA" --db "$f" user add "only-$w" --role viewer >/dev/null ||
		echo "# could not make $f"
done
printf '[database]\npath = %s\n' "$T/conf.db" >"$T/path.conf"
check "--db wins over RENDA_DB and the configuration" \
	run 0 env RENDA_DB="$T/env.db" "$RENDA" --config "$T/path.conf" --db "$T/opt.db" user list
check "  it lists the --db database" contains "$T/out" "only-opt"
check "--db=FILE works too" run 0 env RENDA_DB="$T/env.db" "$RENDA" --db="$T/opt.db" user list
check "  it lists the --db database" contains "$T/out" "only-opt"
check "RENDA_DB wins over the configuration" \
	run 0 env RENDA_DB="$T/env.db" "$RENDA" --config "$T/path.conf" user list
check "  it lists the RENDA_DB database" contains "$T/out" "only-env"
check "the configuration's [database] path" run 0 env -u RENDA_DB "$RENDA" --config "$T/path.conf" user list
check "  it lists that database" contains "$T/out" "only-conf"
cp "$T/path.conf" "$T/config/renda/renda.conf"
check "the user's configuration file is read without --config" run 0 env -u RENDA_DB "$RENDA" user list
check "  it lists the configured database" contains "$T/out" "only-conf"
rm "$T/config/renda/renda.conf"
printf '[database]\npath =\n' >"$T/empty-path.conf"
check "an empty [database] path counts as unset" \
	run 0 env -u RENDA_DB "$RENDA" --config "$T/empty-path.conf" user list
check "  it lists the XDG database" contains "$T/out" "only-xdg"
check "an empty RENDA_DB counts as unset" run 0 env RENDA_DB= "$RENDA" --config "$T/path.conf" user list
check "  it lists the configured database" contains "$T/out" "only-conf"
check "with nothing given, XDG_DATA_HOME/renda/renda.db" run 0 env -u RENDA_DB "$RENDA" user list
check "  it lists that database" contains "$T/out" "only-xdg"
check "without XDG_DATA_HOME, init uses ~/.local/share/renda/renda.db" \
	run 0 env -u RENDA_DB -u XDG_DATA_HOME HOME="$T/home" "$RENDA" init
check "  and makes the directories" test -s "$T/home/.local/share/renda/renda.db"
check "a missing default database names its path" \
	run 1 env -u RENDA_DB XDG_DATA_HOME="$T/nodata" "$RENDA" user list
check "  the XDG path" contains "$T/err" "no database at $T/nodata/renda/renda.db"

# ---- the system configuration: the suite's own, never the host's ----------------------
# Run from its build tree, renda reads its system file from $RENDA_SYSCONFDIR: lib.sh
# points it at the test's own $T/etc, so a host's /etc/renda.conf is never read. A file
# planted there is the system file: a bogus database path, as on a committee's host.
mkdir -p "$T/etc"
printf '[database]\npath = %s\n' "$T/bogus/renda.db" >"$T/etc/renda.conf"
check "the system file is read from RENDA_SYSCONFDIR" run 1 env -u RENDA_DB "$RENDA" user list
check "  its database is the one it names" contains "$T/err" "no database at $T/bogus/renda.db"
check "RENDA_DB wins over the system file" run 0 "$RENDA" user list
check "  and lists the test's database" contains "$T/out" "$me"
cp "$T/path.conf" "$T/config/renda/renda.conf"
check "the user's file comes after the system file" run 0 env -u RENDA_DB "$RENDA" user list
check "  its database wins" contains "$T/out" "only-conf"
rm "$T/config/renda/renda.conf"
check "--config reads that file alone, not the system file" \
	run 0 env -u RENDA_DB "$RENDA" --config "$T/empty-path.conf" user list
check "  the XDG database" contains "$T/out" "only-xdg"
printf '[ui]\nfrob = 1\n' >"$T/etc/renda.conf"
check "a bad system file is named" run 1 "$RENDA" user list
check "  by its path and line" contains "$T/err" "$T/etc/renda.conf:2: unknown key 'frob'"
# Installed (here: copied out of the build tree), renda ignores RENDA_SYSCONFDIR and reads
# SYSCONFDIR's file; checked only where the host has none, so as not to read the host's.
mkdir -p "$T/bin"
cp "$RENDA" "$T/bin/renda"
if [ -e "${RENDA_BUILT_SYSCONFDIR:?}/renda.conf" ]; then
	skip "an installed renda ignores RENDA_SYSCONFDIR" "this host has $RENDA_BUILT_SYSCONFDIR/renda.conf"
else
	check "an installed renda ignores RENDA_SYSCONFDIR" \
		run 0 env RENDA_DATADIR="$SRCDIR/data" "$T/bin/renda" user list
	check "  it lists the users" contains "$T/out" "$me"
fi
rm "$T/etc/renda.conf"

# ---- init twice ----------------------------------------------------------------------
cp "$RENDA_DB" "$T/before.db"
users=$("$RENDA" user list)
check "init twice is refused" run 1 "$RENDA" init
check "  the message says the database exists" contains "$T/err" "$RENDA_DB already exists"
check "  and that init never overwrites" contains "$T/err" "never overwrites"
check "  the first database is byte for byte the same" cmp -s "$RENDA_DB" "$T/before.db"
check "  and still checks out" run 0 "$RENDA" check
check "  with its users" test "$("$RENDA" user list)" = "$users"
check "init into a missing directory of a file is refused" run 1 "$RENDA" --db "$T/text.db/x.db" init
check "  with a message naming the path" contains "$T/err" "$T/text.db"
# ---- "--" and relative paths in the configuration -------------------------------------
check "renda -- COMMAND runs the command" run 0 "$RENDA" -- user list
check "  and lists the users" contains "$T/out" "login"
mkdir -p "$T/etc" "$T/elsewhere"
printf '[database]\npath = rel/renda.db\n' >"$T/etc/renda.conf"
check "a relative [database] path is relative to the configuration file" \
	sh -c "cd '$T/elsewhere' && env -u RENDA_DB '$RENDA' --config '$T/etc/renda.conf' init >/dev/null 2>&1"
check "  the database is beside the file" test -s "$T/etc/rel/renda.db"
check "  not in the working directory" test ! -e "$T/elsewhere/rel/renda.db"
done_testing
