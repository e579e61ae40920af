#!/bin/sh
# The core commands: init, users, reference data, audit, backup, check, exit statuses.
. "$SRCDIR/tests/lib.sh"

check "init creates the database" run 0 "$RENDA" init
check "init names the new administrator" contains "$T/out" "$(id -un)"
check "init refuses to overwrite" run 1 "$RENDA" init
check "and says why" contains "$T/err" "already exists"
check "the caller is admin" run 0 "$RENDA" user list
check "user list is TSV with a header" same "$T/out" "id	login	name	role	town	unit	active	version
1	$(id -un)		admin			1	1"
check "nine towns and streets are loaded" test "$("$RENDA" ref list town | nrows)" = 9
check "eight categories" test "$("$RENDA" ref list category | nrows)" = 8
check "town clerk needs a town" run 1 "$RENDA" user add wang --role town-clerk
check "the message names the field" contains "$T/err" "town"
check "town clerk bound to 乍浦镇" run 0 "$RENDA" user add wang --role town-clerk --town 乍浦镇
check "the binding is stored" test "$("$RENDA" user list | awk -F '\t' '$2 == "wang" { print $4, $5 }')" = "town-clerk 乍浦镇"
check "an unknown role is a usage error" run 2 "$RENDA" user add li --role boss
check "an unknown command is a usage error" run 2 "$RENDA" frobnicate
check "an unknown option is a usage error" run 2 "$RENDA" user list --bogus
check "help for a command" run 0 "$RENDA" user add --help
check "the help shows the usage" contains "$T/out" "--role ROLE"
# At a terminal (script(1) gives the command one, of 80 columns) the help's lines are
# broken under their column; through a pipe they stay a line a command, for grep.
if command -v script >/dev/null; then
	check "help at a terminal of 80 columns, in Chinese" run 0 script -qec \
		"stty cols 80 rows 24; LANGUAGE=zh_CN LC_ALL=C.UTF-8 '$RENDA' --help" /dev/null
	tr -d '\r' <"$T/out" >"$T/help80"
	check "  no line wider than 79 columns" test "$(LC_ALL=C.UTF-8 wc -L <"$T/help80")" -le 79
	check "  a long one goes on under its column" sh -c \
		'grep -A1 "^  case act " "$1" | tail -n 1 | grep -q "^ \{20,\}[^ ]"' - "$T/help80"
	check "  a command's usage too" run 0 script -qec \
		"stty cols 80 rows 24; LANGUAGE=zh_CN LC_ALL=C.UTF-8 '$RENDA' case act --help" /dev/null
	check "    no line wider than 79 columns" test "$(tr -d '\r' <"$T/out" | LC_ALL=C.UTF-8 wc -L)" -le 79
else
	skip "help at a terminal" "script(1) not found"
fi
check "help through a pipe" run 0 env LANGUAGE=zh_CN "$RENDA" --help
check "  a line a command: case act's steps on its line" sh -c \
	'grep "^  case act " "$1" | grep -q "chase（催办）"' - "$T/out"
check "a missing database is named" run 1 "$RENDA" --db "$T/none.db" user list
check "with the path" contains "$T/err" "$T/none.db"
check "audit verify passes" run 0 "$RENDA" audit verify
check "backup writes a copy" run 0 "$RENDA" backup "$T/copy.db"
check "the copy is intact" run 0 "$RENDA" --db "$T/copy.db" check
check "the copy has the users" test "$("$RENDA" --db "$T/copy.db" user list | nrows)" = 2
check "backup refuses to overwrite" run 1 "$RENDA" backup "$T/copy.db"
check "backup --force replaces" run 0 "$RENDA" backup --force "$T/copy.db"
check "check passes" run 0 "$RENDA" check
# Tampering is done behind renda's back, in the database itself.
q "UPDATE audit SET after_json = replace(after_json, 'wang', 'zhao') WHERE entity = 'user' AND action = 'add' AND after_json LIKE '%wang%'"
check "audit verify fails after tampering" run 1 "$RENDA" audit verify
check "and names the row" contains "$T/err" "audit row"
check "check fails too" run 1 "$RENDA" check
# An older database is brought up to date by the numbered migrations it lacks: the
# schema version and the index are facts of the database itself, read with sqlite3.
mkdir -p "$T/old/migrations"
cp -r "$SRCDIR/data/ref" "$T/old/"
for m in 0001 0002 0003 0004; do cp "$SRCDIR"/data/migrations/$m-*.sql "$T/old/migrations/"; done
RENDA_DATADIR="$T/old" "$RENDA" --db "$T/old.db" init >/dev/null 2>&1
check "a database made by an older renda has schema 4" test "$(sqlite3 "$T/old.db" 'PRAGMA user_version')" = 4
newest=$(ls "$SRCDIR/data/migrations" | grep -c '^[0-9][0-9][0-9][0-9]-.*\.sql$')
check "opening it with this renda migrates it" run 0 "$RENDA" --db "$T/old.db" user list
check "to the newest schema" test "$(sqlite3 "$T/old.db" 'PRAGMA user_version')" = "$newest"
check "  saying so first, with the schemas" contains "$T/err" "upgrading $T/old.db from schema 4 to $newest"
check "a database of the newest schema opens without that" run 0 "$RENDA" --db "$T/old.db" user list
check "  (nothing said)" lacks "$T/err" "upgrading"
check "the running-clock index leads with the item (migration 5)" \
	test "$(sqlite3 "$T/old.db" "SELECT sql LIKE '%item_id%' FROM sqlite_schema WHERE name = 'wf_clock_open'")" = 1
check "each migration is audited" test "$("$RENDA" --db "$T/old.db" audit list --entity schema | nrows)" = "$newest"
check "and the chain verifies" run 0 "$RENDA" --db "$T/old.db" audit verify
done_testing
