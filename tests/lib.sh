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
export RENDA_DB="$T/renda.db"
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
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

q() { sqlite3 -batch -noheader "$RENDA_DB" "$@"; }

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
