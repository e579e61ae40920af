#!/bin/sh
# The benchmark of speed at scale (tests/bench/scale.sh, make bench) runs at its small
# default (renda demo --scale 1) and prints every figure of issue 14's table beside its
# anchor. The figures are printed (as TAP comments), never judged: a test asserts no
# timing. It checks that each figure was measured.
. "$SRCDIR/tests/lib.sh"

BENCH_SCALE=1 BENCH_IMPORT=2000 TMPDIR=$T sh "$SRCDIR/tests/bench/scale.sh" >"$T/bench" 2>&1
st=$?
sed 's/^/# /' "$T/bench"
check "the benchmark ran" test "$st" = 0
for f in "renda demo --scale 1" "database size per voter issue" \
	"search 路灯 (frequent), first page" "search 积水 (rare), first page" \
	"search 水 (1 character), first page" "full case list, first page" "full case list, count" \
	"overdue list, count" "regex 积水|内涝, first page" "statistics by category, one year" \
	"8 clerks writing at once" "8 clerks saving at once from the console" "import of 2000 voter issues" "yearly workbook" \
	"data cockpit, now" "data cockpit, as of" ", computed" ", kept" "duty points ranking of" \
	"data cockpit, one deputy's points changed"; do
	check "figure: $f" grep -qF -- "$f" "$T/bench"
done
check "every query figure has both numbers" \
	test "$(grep -cE '^(search|full|overdue|regex|statistics).* [0-9.]+ ms +[0-9.]+ ms' "$T/bench")" -ge 12
check "no write failed while eight clerks wrote" grep -qE 'commands, 0 failed' "$T/bench"
check "  beside the sqlite3 shell making the same writes, none failed" grep -qE \
	'^8 clerks writing at once: one write command +p50 [0-9.]+ ms, p99 [0-9.]+ ms +p50 [0-9.]+ ms, p99 [0-9.]+ ms .*: 400 writes, 0 failed' \
	"$T/bench"
# A command's processor time is more than none and no more than the slowest command's
# whole time (renda and the sqlite3 shell run on one thread).
clerks=$(grep '^8 clerks writing at once: one write command' "$T/bench")
cpu_of() { printf '%s\n' "$clerks" | sed -n "s/.*processor time a $1 \([0-9.]*\) ms.*/\1/p"; }
slowest=$(printf '%s\n' "$clerks" | sed -n 's/.*slowest \([0-9.]*\) ms.*/\1/p')
for w in command write; do
	check "  the processor time of a $w was measured" \
		awk -v c="$(cpu_of $w)" -v m="$slowest" 'BEGIN { exit !(c != "" && c > 0 && c <= m) }'
done
check "  nor from eight consoles, every save timed" \
	grep -qE '^8 clerks saving at once from the console +p50 [0-9.]+ ms, p99 [0-9.]+ ms .* 80 saves, 0 failed' "$T/bench"
check "the audit row of a step was measured" grep -qE '^audit row of a step \(a chase\) +[1-9][0-9]* B ' "$T/bench"
check "  and the size real use writes a voter issue, with its audit rows" \
	grep -qE '^size per voter issue with its audit rows +[1-9][0-9]* B .* its creation.s audit row [1-9][0-9]* B' "$T/bench"
check "the import took every row" grep -qE '^import of 2000 voter issues .* 2000 added;' "$T/bench"
check "  its write lock and the checkpoint after it timed apart" \
	grep -qE ' 2000 added; write lock held [0-9]+ ms, then the checkpoint after it [0-9]+ ms ' "$T/bench"
check "  while another clerk's saves went through" grep -qE 'failed 0$' "$T/bench"
check "the workbook and the library alone on the same cells were both timed" \
	grep -qE 'yearly workbook.* [0-9.]+ s, CPU [0-9.]+ s user.* [0-9.]+ s, CPU [0-9.]+ s user, [0-9.]+ s system .*[0-9.]+x the limit.s speed, [0-9.]+x in CPU time' "$T/bench"
check "  and the workbook's own memory, beside its resident size" \
	grep -qE '^yearly workbook: memory +[1-9][0-9]* KiB own .*resident [1-9][0-9]* KiB' "$T/bench"
check "the cockpit and the ranking were timed" \
	test "$(grep -cE '^(data cockpit|duty points ranking).* [0-9]+ ms' "$T/bench")" = 6
done_testing
