#!/bin/sh
# Identity: the account is the operating-system account that runs renda
# (getpwuid(getuid()), the real uid), never $USER or $LOGNAME; an unregistered account is refused
# with a message that says whom to ask; a viewer may look but not change.
. "$SRCDIR/tests/lib.sh"

# ---- $USER and $LOGNAME change nothing ------------------------------------------------
check "init with USER=mallory" run 0 env USER=mallory LOGNAME=mallory "$RENDA" init
check "  names the real account as administrator" contains "$T/out" "$me is its administrator"
check "  and registers it" test "$("$RENDA" user list | awk -F '\t' 'NR > 1 { print $2, $4 }')" = "$me admin"
check "register mallory as a viewer" run 0 "$RENDA" user add mallory --role viewer
check "USER=someoneelse still lists as the registered account" \
	run 0 env USER=someoneelse LOGNAME=x "$RENDA" user list
check "  every account shows (an admin sees all)" contains "$T/out" "mallory"
check "USER=mallory (a viewer) may still change things as $me (admin)" \
	run 0 env USER=mallory LOGNAME=mallory "$RENDA" user add zhao --role viewer
check "  the audit row carries the real login" \
	test "$("$RENDA" audit list --entity user | awk -F '\t' '$7 == "add" && $9 ~ /"zhao"/ { print $3, $4 }')" = "$me admin"
check "  and mallory is named in no audit row" test "$("$RENDA" audit list | tsv_col - account | grep -c '^mallory$')" = 0
check "audit list --account follows the real login" run 0 env USER=mallory "$RENDA" audit list --account mallory
check "  mallory has no rows" test "$(wc -l <"$T/out")" = 1
check "the chain verifies" run 0 "$RENDA" audit verify

# ---- another OS account (needs root, useradd and runuser) -----------------------------
other="renda-test-$$"
why=
if [ "$(id -u)" != 0 ]; then
	why="not run as root"
elif ! command -v useradd >/dev/null || ! command -v userdel >/dev/null ||
	! command -v runuser >/dev/null; then
	why="useradd, userdel or runuser is missing"
elif ! useradd -M -s /bin/sh "$other" 2>"$T/useradd.err"; then
	why="useradd failed: $(head -n 1 "$T/useradd.err")"
elif ! runuser -u "$other" -- "$RENDA" --version >/dev/null 2>&1; then
	userdel "$other" 2>/dev/null
	why="$other cannot run $RENDA (directory permissions)"
fi
if [ -n "$why" ]; then
	for d in "an unregistered account is refused" "  with whom to ask" \
		"a registered viewer may list" "a viewer may not add users" \
		"\$USER=root does not make another account root" "a disabled account is refused"; do
		skip "$d" "$why"
	done
	done_testing
	exit
fi
trap 'userdel "$other" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

# A database the other account may open and write (it makes its -wal and -shm files).
S="$T/shared"
mkdir "$S"
chmod 1777 "$S"
check "a shared database" run 0 "$RENDA" --db "$S/renda.db" init
chmod 666 "$S/renda.db"
as_other() { runuser -u "$other" -- env RENDA_DB="$S/renda.db" "$@"; }

check "an unregistered account is refused" run 1 as_other "$RENDA" user list
check "  the message names the account" contains "$T/err" "account $other is not registered in $S/renda.db"
check "  says to ask an administrator, by login" contains "$T/err" "ask an administrator ($me)"
check "  and what to run" contains "$T/err" "renda user add $other --role ROLE"
check "  nothing on stdout" test ! -s "$T/out"
check "  even with USER=$me" run 1 as_other env USER="$me" LOGNAME="$me" "$RENDA" user list
check "  still as $other" contains "$T/err" "account $other is not registered"

check "register it as a viewer" run 0 "$RENDA" --db "$S/renda.db" user add "$other" --role viewer
check "a registered viewer may list" run 0 as_other "$RENDA" user list
check "  and sees the accounts" contains "$T/out" "$other	"
check "  including the administrator" contains "$T/out" "$me		admin"
check "a viewer may not add users" run 1 as_other "$RENDA" user add li --role viewer
check "  only an administrator" contains "$T/err" "only an administrator may do this (you are $other (viewer))"
check "  li was not added" test "$("$RENDA" --db "$S/renda.db" user list | tsv_col - login | grep -c '^li$')" = 0
check "\$USER=root does not make another account root" \
	run 1 as_other env USER="$me" LOGNAME="$me" "$RENDA" ref add category --code Z9 --name 冒名
check "  it is still a viewer" contains "$T/err" "you are $other (viewer)"
check "  nothing was added" test "$("$RENDA" --db "$S/renda.db" ref list category | tsv_col - code | grep -c '^Z9$')" = 0
check "the viewer's refusals wrote no audit row" \
	test "$("$RENDA" --db "$S/renda.db" audit list --account "$other" | nrows)" = 0

check "disable the account" run 0 "$RENDA" --db "$S/renda.db" user remove "$other"
check "a disabled account is refused" run 1 as_other "$RENDA" user list
check "  the message says it is disabled" contains "$T/err" "account $other is disabled"
check "  and whom to ask" contains "$T/err" "ask an administrator ($me)"
check "the shared database checks out" run 0 "$RENDA" --db "$S/renda.db" check
done_testing
