#!/bin/sh
# make bench: the console on a million-row list (the audit trail). Prints figures in
# milliseconds, measured around tmux polling (every 5 ms) from the key sent to the
# screen that shows its result, so they include tmux's own delay; asserts nothing.
# Page moves are the best of three (the machine is shared).
set -u
: "${RENDA:?run through make bench}"
: "${SRCDIR:?run through make bench}"
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"

"$RENDA" init >/dev/null || exit 1
t0=$(ms)
q "PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;
DROP INDEX audit_entity; DROP INDEX audit_account;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO audit (id, at, account, role, entity, entity_id, action, after_json, prev_hash, hash)
SELECT i + 1000, strftime('%Y-%m-%dT%H:%M:%S+08:00', 1735660800 + i * 30, 'unixepoch'),
	'clerk' || (i % 37), 'city-clerk',
	CASE i % 3 WHEN 0 THEN 'town' WHEN 1 THEN 'user' ELSE 'category' END, i % 500,
	CASE i % 2 WHEN 0 THEN 'edit' ELSE 'add' END, '{\"id\":' || (i % 500) || '}', '', '' FROM n;
COMMIT;
CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE INDEX audit_account ON audit (account, at);
PRAGMA journal_mode = WAL;" >/dev/null
echo "database with 1,000,000 audit rows made in $(($(ms) - t0)) ms"

# timed TEXT: milliseconds until the screen shows TEXT (polling every 5 ms).
timed() {
	t_0=$(ms)
	until screen | grep -qF -- "$1"; do
		[ $(($(ms) - t_0)) -gt 30000 ] && { echo "timeout"; return; }
		sleep 0.005
	done
	echo $(($(ms) - t_0))
}
# best3 KEYS-BACK KEYS TEXT: best of three of KEYS until TEXT, going back with KEYS-BACK.
best3() {
	b=
	for _ in 1 2 3; do
		keys $1
		sleep 0.2
		keys $2
		t=$(timed "$3")
		[ -z "$b" ] || [ "$t" -lt "$b" ] && b=$t
	done
	echo "$b"
}

t_start=$(ms)
start
wait_for "Main menu" 30 >/dev/null
echo "console start to the main menu:           $(($(ms) - t_start)) ms"
keys 3
echo "audit trail opened, first page and count: $(timed '1,000,') ms"
echo "PgDn (best of 3):                         $(best3 Home PageDown ' 1000975 20') ms"
echo "End (best of 3):                          $(best3 Home End '      1 2026-') ms"
echo "Home (best of 3):                         $(best3 End Home ' 1001000 20') ms"
echo "Down at the bottom of a page, 25 times:   $(
	keys Home
	sleep 0.2
	t_0=$(ms)
	for _ in $(seq 25); do keys Down; done
	keys Down
	timed ' 1000975 20' >/dev/null
	echo $(($(ms) - t_0))
) ms"
keys Home f
wait_for "Filter:" >/dev/null
typing "clerk7 town"
echo "filter 'clerk7 town' typed to shown:      $(timed 'filter: clerk7 town') ms"
keys Enter PageDown
echo "filtered PgDn:                            $(timed '1,000+ rows') ms"
keys f C-u
typing nomatch
keys Enter
echo "filter matching nothing (a full scan):    $(timed 'No rows match the filter.') ms"
keys f C-u Enter
timed ' 1001000 20' >/dev/null
keys /
typing clerk5
keys Enter
echo "search to the first match:                $(timed 'clerk5 ') ms"
keys Q
