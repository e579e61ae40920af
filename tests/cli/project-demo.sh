#!/bin/sh
# The livelihood projects of the demo against the seed, and the yearly workbook against
# the command line: the demo's 2020 has the city's 10 projects with 65 progress updates
# and 108 opinions and the towns' 73 with 381 and 785, as `renda stats projects --year
# 2020` prints them and as the tables hold them; the city's collection of 2021 has 19
# proposals of deputies and groups, 5 adopted; every year from 2019 has a cycle of the
# city and of each town with a congress, and none of a street; and every figure of the
# workbook (read back with openpyxl) is the figure the CLI prints.
. "$SRCDIR/tests/lib.sh"

export RENDA_NOW=2026-03-02T09:00:00+08:00
"$RENDA" demo >/dev/null 2>&1 || { echo "Bail out! demo failed"; exit 1; }
PY=/usr/bin/python3

# field FILE KEY COLUMN: the value of COLUMN (by the header) in the row whose key is KEY.
field() {
	awk -F '\t' -v k="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) n = i; next }
		$1 == k { print $n }' "$1"
}
# the tables' own counts for a year and level (city: town_id IS NULL).
count() { # count TABLE-JOIN LEVEL-CONDITION
	q "SELECT count(*) FROM $1 JOIN pproject p ON p.id = x.project_id JOIN pcycle c ON c.id = p.cycle_id WHERE c.year = 2020 AND $2"
}

# The stats verbs come from the registry's providers: the module's two, each once.
check "renda stats lists the module's statistics" run 0 "$RENDA" stats --help
check "  stats projects, once" test "$(grep -c '^  renda stats projects ' "$T/out")" = 1
check "  stats proposals, once" test "$(grep -c '^  renda stats proposals ' "$T/out")" = 1
check "  --by may be left out (the first breakdown)" run 0 "$RENDA" stats projects --help
check "    as its usage says" contains "$T/out" "stats projects [--by level|town|project|satisfaction] [--year Y]"

check "stats projects --year 2020 (by level, the default)" run 0 "$RENDA" stats projects --year 2020
cp "$T/out" "$T/levels"
check "  the city: 10 projects" test "$(field "$T/levels" city projects)" = 10
check "  65 progress updates" test "$(field "$T/levels" city updates)" = 65
check "  108 opinions" test "$(field "$T/levels" city opinions)" = 108
check "  the towns: 73 projects" test "$(field "$T/levels" town projects)" = 73
check "  381 progress updates" test "$(field "$T/levels" town updates)" = 381
check "  785 opinions" test "$(field "$T/levels" town opinions)" = 785
check "the tables hold the same: the city's projects" \
	test "$(q "SELECT count(*) FROM pproject p JOIN pcycle c ON c.id = p.cycle_id WHERE c.year = 2020 AND c.level = 'city'")" = 10
check "  the towns' projects" \
	test "$(q "SELECT count(*) FROM pproject p JOIN pcycle c ON c.id = p.cycle_id WHERE c.year = 2020 AND c.level = 'town'")" = 73
check "  the city's updates" test "$(count "pupdate x" "c.level = 'city'")" = 65
check "  the towns' updates" test "$(count "pupdate x" "c.level = 'town'")" = 381
check "  the city's opinions" test "$(count "popinion x" "c.level = 'city'")" = 108
check "  the towns' opinions" test "$(count "popinion x" "c.level = 'town'")" = 785
check "  the towns' are those of the six towns with a congress" \
	test "$(q "SELECT count(DISTINCT p.town_id) FROM pproject p JOIN pcycle c ON c.id = p.cycle_id JOIN town t ON t.id = p.town_id WHERE c.year = 2020 AND t.kind = 'town'")" = 6
check "  and of no street" \
	test "$(q "SELECT count(*) FROM pcycle c JOIN town t ON t.id = c.town_id WHERE t.kind = 'street'")" = 0
check "every year from 2019 to 2026 has a cycle of the city and of each of the six towns" \
	test "$(q "SELECT count(*) FROM (SELECT year FROM pcycle WHERE year BETWEEN 2019 AND 2026 GROUP BY year HAVING count(*) = 7)")" = 8
check "the cycles of the years past are closed" \
	test "$(q "SELECT count(*) FROM pcycle WHERE year <= 2024 AND state <> 'closed'")" = 0

# The 2021 city collection, shaped like the seed's.
check "stats proposals --year 2021 --by town" run 0 "$RENDA" stats proposals --year 2021 --by town
cp "$T/out" "$T/props"
check "  the city's deputies and groups proposed 19" \
	test "$(($(field "$T/props" CITY from_deputies) + $(field "$T/props" CITY from_groups)))" = 19
check "  5 of them adopted (26.32%)" test "$(field "$T/props" CITY adopted_rate)" = 26.32
check "  the tables say 5 too" \
	test "$(q "SELECT count(*) FROM pproposal r JOIN pcycle c ON c.id = r.cycle_id WHERE c.number = '2021-CITY' AND r.source IN ('deputy', 'group') AND r.state = 'candidate'")" = 5
for t in 饮用水提质 农村桥梁改建提升 健康养老服务; do
	check "  among them $t" \
		test "$(q "SELECT count(*) FROM pproposal r JOIN pcycle c ON c.id = r.cycle_id WHERE c.number = '2021-CITY' AND r.title = '$t' AND r.state = 'candidate' AND r.source IN ('deputy', 'group')")" = 1
done
check "  the declined ones have their reason" \
	test "$(q "SELECT count(*) FROM pproposal r JOIN pcycle c ON c.id = r.cycle_id WHERE c.number = '2021-CITY' AND r.state = 'declined' AND r.reason = ''")" = 0
check "every vote was counted from two clerks' agreeing sheets" \
	test "$(q "SELECT count(*) FROM pballot WHERE counted_at IS NOT NULL AND source <> 'paper'")" = 0
check "  once from a tie at the cut voted on again" \
	test "$(q "SELECT count(*) FROM pballot WHERE kind = 'vote' AND round = 2")" -ge 1
check "this year's projects a month without an update are overdue" run 0 "$RENDA" project list --overdue
check "  some" test "$(wc -l <"$T/out")" -gt 1

# ---- the workbook: every figure as the CLI prints it ---------------------------------------
check "report projects --year 2020" run 0 "$RENDA" report projects --year 2020 --out "$T/p.xlsx"
check "  says 83 projects" contains "$T/out" "83"
for by in level town project satisfaction; do
	"$RENDA" stats projects --year 2020 --by $by --format csv >"$T/$by.csv" || echo "# stats --by $by failed"
done
"$RENDA" stats proposals --year 2020 --by town --format csv >"$T/proposals.csv"
cat >"$T/book.py" <<'PY'
import csv, sys
import openpyxl
book, d = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(book)
fail = []
sheets = {"level": "By level", "town": "By congress", "project": "Progress",
          "satisfaction": "Satisfaction", "proposals": "Collection"}
for name, sheet in sheets.items():
    rows = list(csv.reader(open(f"{d}/{name}.csv", encoding="utf-8-sig")))
    head, body = rows[0], rows[1:]
    ws = wb[sheet]
    cells = [r for r in ws.iter_rows(min_row=3)]
    if len(cells) != len(body):
        fail.append(f"{sheet}: {len(cells)} rows, the CLI {len(body)}")
        continue
    for r, (want, got) in enumerate(zip(body, cells)):
        # The CLI: key, name, figures; the sheet: code, name, the same figures.
        if str(got[1].value) != want[1]:
            fail.append(f"{sheet} row {r}: name {got[1].value!r}, the CLI {want[1]!r}")
        for c, w in enumerate(want[2:]):
            cell = got[2 + c]
            g = cell.value
            # A rate is a fraction shown as a percentage: 0.4167 is the CLI's 41.67.
            if g is not None and "%" in (cell.number_format or ""):
                g = g * 100
            if w == "":
                ok = g is None or g == ""
            else:
                ok = g is not None and abs(float(g) - float(w)) < 0.005
            if not ok:
                fail.append(f"{sheet} row {r} {head[2 + c]}: {g!r}, the CLI {w!r}")
    if ws.page_setup.orientation != "landscape" or not ws.print_title_rows:
        fail.append(f"{sheet}: not set up for printing")
summary = wb["Summary"]
if len(summary._charts) < 4:
    fail.append(f"Summary: {len(summary._charts)} charts")
# The charts by project (83 of them) draw bars of the first 20, as their titles say.
for ch in summary._charts:
    ref = ch.series[0].cat.strRef.f
    first, last = (int(x.split("$")[-1]) for x in ref.split("!")[1].split(":"))
    sheet = ref.split("!")[0].strip("'")
    if sheet in ("Progress", "Satisfaction") and (ch.barDir != "bar" or last - first + 1 != 20):
        fail.append(f"Summary: the chart of {sheet}: {ch.barDir}, {last - first + 1} projects")
level = list(csv.reader(open(f"{d}/level.csv", encoding="utf-8-sig")))
total = dict(zip(level[0], level[-1]))
fig = {r[0]: r[1] for r in summary.iter_rows(min_row=1, values_only=True) if r[0]}
if fig.get("Projects") != int(total["projects"]) or fig.get("Progress updates") != int(total["updates"]):
    fail.append(f"Summary: projects {fig.get('Projects')!r}, updates {fig.get('Progress updates')!r}")
print("\n".join(fail) if fail else "ok")
PY
check "every table of the workbook equals the CLI's" run 0 "$PY" "$T/book.py" "$T/p.xlsx" "$T"
check "  cell by cell" same "$T/out" ok
check "the project sheet lists the 83" \
	test "$("$PY" -c "import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1])['Projects']; print(ws.max_row - 2)" "$T/p.xlsx")" = 83
check "a town's edition holds that town only" run 0 "$RENDA" report projects --year 2020 --town 乍浦镇 \
	--out "$T/zp.xlsx"
check "  its projects" test "$("$PY" -c "import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1])['Projects']; print(sorted({r[0][:7] for r in ws.iter_rows(min_row=3, values_only=True)}))" "$T/zp.xlsx")" = "['2020-ZP']"
check "an existing file is not overwritten" run 1 "$RENDA" report projects --year 2020 --out "$T/p.xlsx"

# With the clock in 2027 the towns' congresses have a new term with no deputies in the
# roster yet: their 2027 cycles hold no vote (the demo used to tally -1 ballots there).
check "the demo with the clock in March 2027" run 0 env RENDA_NOW=2027-03-01T09:00:00+08:00 \
	RENDA_DB="$T/d27.db" "$RENDA" demo
# (SQL: how many projects each year's cycles chose, a fact no one command lists.)
chosen() { RENDA_DB="$T/d27.db" q "SELECT count(*) FROM pcycle c JOIN pproject p ON p.cycle_id = c.id WHERE c.year = $1"; }
check "  the 2027 cycles stopped before the vote: no project chosen" test "$(chosen 2027)" = 0
check "  the 2026 ones chose theirs" test "$(chosen 2026)" -gt 0

# In December of the year under way, a project whose department let its monthly updates
# lapse (none in the last 40 days) shows the progress of its last update, where it stood
# then: not the whole work (the demo once gave such a lagging project's last update 100%,
# "完工", beside the warning that its update is overdue).
check "the demo with the clock in December 2026" run 0 env RENDA_NOW=2026-12-05T09:00:00+08:00 \
	RENDA_DB="$T/d26.db" "$RENDA" demo
# (SQL: each 2026 project's last progress update, a date no command lists for all.)
lagging() {
	RENDA_DB="$T/d26.db" q "SELECT count(*), coalesce(sum(p.percent = 100), 0) FROM pproject p
		JOIN pcycle c ON c.id = p.cycle_id JOIN (SELECT item_id, max(at) AS last FROM wf_event
		WHERE workflow = 'project' AND action = 'update' GROUP BY item_id) u ON u.item_id = p.id
		WHERE c.year = 2026 AND u.last < '2026-10-26'"
}
check "  some 2026 projects have no update in the last 40 days" test "$(lagging | cut -d'|' -f1)" -gt 0
check "  none of them shows 100%" test "$(lagging | cut -d'|' -f2)" = 0
check "  and the list flags them overdue" test "$(RENDA_DB="$T/d26.db" RENDA_NOW=2026-12-05T09:00:00+08:00 \
	"$RENDA" project list --year 2026 | awk -F '\t' 'NR > 1 && $11 == 1 && $8 < 100' | wc -l)" -gt 0
done_testing
