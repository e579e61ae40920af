# Shared helpers of the shell tests: TAP output, a private temporary directory
# and database, and assertions on exit status and output.
# Each test script sources this file: . "$SRCDIR/tests/lib.sh"

set -u
: "${RENDA:?run through make check}"
if [ "${RENDA_TEST_CLOCK:-}" != yes ]; then
	echo "Bail out! the tests fix the clock with RENDA_NOW: configure with --enable-test-clock"
	exit 1
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/renda-test.XXXXXX")
chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
# Hermetic: the database, the user's configuration and the system configuration are
# the test's own. The system file is read from $RENDA_SYSCONFDIR/renda.conf (a
# directory that stays empty unless a test plants a file), never from the host's
# SYSCONFDIR: renda honours the variable only when it runs from its build tree.
export RENDA_DB="$T/renda.db"
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export RENDA_SYSCONFDIR="$T/etc"
export LC_ALL=C.UTF-8
unset LANGUAGE
TAP_N=0
TAP_FAILED=0

ok() { # ok DESCRIPTION (after a command): passes when the last status was 0
	TAP_N=$((TAP_N + 1))
	echo "ok $TAP_N - $*"
}
not_ok() {
	TAP_N=$((TAP_N + 1))
	TAP_FAILED=$((TAP_FAILED + 1))
	echo "not ok $TAP_N - $*"
}
skip() { # skip DESCRIPTION REASON
	TAP_N=$((TAP_N + 1))
	echo "ok $TAP_N - $1 # SKIP $2"
}
diag() { sed 's/^/#   /'; }

# run EXPECTED-STATUS CMD...: runs CMD, keeping stdout in $T/out and stderr in $T/err.
run() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "# command: $*"
		echo "# exit status $got, expected $want"
		diag <"$T/err"
		return 1
	fi
	return 0
}

# check DESCRIPTION COMMAND...: one test point from a command's status.
check() {
	d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}

# contains FILE TEXT: FILE contains TEXT (fixed string).
contains() {
	if grep -qF -- "$2" "$1"; then return 0; fi
	echo "# $1 lacks: $2"
	diag <"$1"
	return 1
}
lacks() {
	if ! grep -qF -- "$2" "$1"; then return 0; fi
	echo "# $1 has, but should not: $2"
	return 1
}

# same FILE EXPECTED-TEXT: the file equals the text exactly.
same() {
	printf '%s\n' "$2" >"$T/expected"
	if cmp -s "$1" "$T/expected"; then return 0; fi
	echo "# $1 differs from the expected text:"
	diff "$T/expected" "$1" | diag
	return 1
}

# q SQL: sqlite3 on the test's database. Tests read what renda did through its own
# output (show, history, clocks, list, audit list); q is for the few facts no command
# shows, and for tests about the database itself (integrity, tampering, migrations).
q() { sqlite3 -batch -noheader "$RENDA_DB" "$@"; }

# data_upto N: a data directory ($T/dataN, for RENDA_DATADIR) holding the migrations up
# to schema N alone, and the reference data: renda there makes a database as an older
# renda did, for the tests of an upgrade.
data_upto() {
	mkdir "$T/data$1" "$T/data$1/migrations"
	ln -s "$SRCDIR/data/ref" "$T/data$1/ref"
	for f in "$SRCDIR"/data/migrations/00*.sql; do
		n=$(basename "$f")
		[ "${n%%-*}" -le "$1" ] && ln -s "$f" "$T/data$1/migrations/$n"
	done
}

# The account the tests run as: renda's identity is the operating-system account.
me=$(id -un)

# as_role ROLE [TOWN | UNIT]: the caller's own account takes ROLE, bound to the town
# (town-clerk) or unit (unit) named, for the commands that follow. renda lets only an
# administrator change a role, and never the last one's: a test run by one account
# cannot go from unit operator back to administrator through renda. So the account is
# changed in the database, the one write the tests make by hand. A name that matches no
# town or unit stops the test.
as_role() {
	case $1 in
	admin | city-clerk | viewer) bind="town_id = NULL, unit_id = NULL" known=1 ;;
	town-clerk)
		bind="unit_id = NULL, town_id = (SELECT id FROM town WHERE name = '${2:-}' OR code = '${2:-}')"
		known="(SELECT id FROM town WHERE name = '${2:-}' OR code = '${2:-}') IS NOT NULL"
		;;
	unit)
		bind="town_id = NULL, unit_id = (SELECT id FROM unit WHERE name = '${2:-}' OR code = '${2:-}')"
		known="(SELECT id FROM unit WHERE name = '${2:-}' OR code = '${2:-}') IS NOT NULL"
		;;
	*) known=0 bind= ;;
	esac
	if [ "$known" = 0 ] || [ "$(q "UPDATE app_user SET role = '$1', $bind WHERE login = '$me' AND $known;
		SELECT changes()")" != 1 ]; then
		echo "Bail out! as_role $*: no such role, town or unit, or no account $me"
		exit 1
	fi
}

# show_fields KIND REF KEY...: the values of the keys in `renda KIND show REF`, joined by '|'.
show_fields() {
	s_kind=$1 s_ref=$2
	shift 2
	"$RENDA" "$s_kind" show "$s_ref" >"$T/show" 2>&1
	s_out=
	for k in "$@"; do
		s_out="$s_out${s_out:+|}$(awk -F '\t' -v k="$k" 'NR > 1 && $1 == k { sub(/^[^\t]*\t/, ""); print; exit }' "$T/show")"
	done
	echo "$s_out"
}

# tsv_col FILE NAME: the values of column NAME (found by the header line) of a TSV
# listing, one a line.
tsv_col() {
	awk -F '\t' -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) n = i; next }
		n { print $n }' "$1"
}

# clock_of KIND REF CLOCK FIELD: FIELD (round, started, due, stopped, outcome) of the
# latest clock named CLOCK of record REF, from `renda KIND clocks REF`.
clock_of() {
	"$RENDA" "$1" clocks "$2" 2>/dev/null | awk -F '\t' -v c="$3" -v f="$4" '
		NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
		$1 == c { v = $h[f] } END { print v }'
}

# nrows [FILE]: the lines of a listing (FILE, or the standard input) after its header.
nrows() { echo $(($(cat "${1:--}" | wc -l) - 1)); }

# deputy_code NAME: the public code of the deputy of that name, as `deputy list` shows it.
deputy_code() {
	"$RENDA" deputy list --search "$1" 2>/dev/null |
		awk -F '\t' -v n="$1" 'NR > 1 && $3 == n { print $2; exit }'
}

done_testing() {
	echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}

# fix_id 17-DIGITS: prints the resident ID with its ISO 7064 MOD 11-2 check digit.
fix_id() {
	echo "$1" | awk '{ split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " "); s = 0;
		for (i = 1; i <= 17; i++) s += substr($0, i, 1) * w[i];
		print $0 substr("10X98765432", s % 11 + 1, 1) }'
}

# small_db: a new database with a few deputies (faster than demo, and with no cases):
# a city deputy and a town deputy in 乍浦镇, the same in 新埭镇, a city deputy of 当湖街道.
small_db() {
	"$RENDA" init >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
	for d in "沈建国 33048219700101001 city 乍浦镇" "顾秀英 33048219800202002 town 乍浦镇" \
		"陆伟明 33048219750303003 city 新埭镇" "钱佳怡 33048219850404004 town 新埭镇" \
		"施永忠 33048219650505005 city 当湖街道"; do
		set -- $d
		"$RENDA" deputy add --name "$1" --resident_id "$(fix_id "$2")" --level "$3" --town "$4" \
			>/dev/null 2>&1 || { echo "Bail out! deputy add failed"; exit 1; }
	done
}
