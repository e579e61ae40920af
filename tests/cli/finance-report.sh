#!/bin/sh
# The workbook of finance supervision (renda report finance) equals the CLI: every figure of
# its execution, by-project and revenue sheets is the one `renda finance ...` prints (rates as
# fractions of one, amounts in yuan); each sheet prints on A4, fit to the width, with its title
# rows repeated; its charts are there; a unit operator's workbook holds its department only.
. "$SRCDIR/tests/lib.sh"

if ! /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	skip "the finance workbook" "python3-openpyxl is missing"
	done_testing
	exit 0
fi

export RENDA_NOW=2026-04-10T09:00:00+08:00
"$RENDA" init >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
H=period,department_code,department,function_code,function,project_code,project,annual,adjusted,executed
budget() {
	p=$1
	shift
	printf '%s\n' "$H"
	printf '%s,D-JYJ,平湖市教育局,2050201,学前教育,P01,幼儿园建设,1000000,,%s\n' "$p" "$1"
	printf '%s,D-JYJ,平湖市教育局,2050202,小学教育,P01,幼儿园建设,500000,600000,%s\n' "$p" "$2"
	printf '%s,D-JYJ,平湖市教育局,2050101,教育行政运行,,,2000000,2000000,%s\n' "$p" "$3"
	printf '%s,D-JSJ,平湖市住房和城乡建设局,2120101,行政运行,,,3000000,3000000,%s\n' "$p" "$4"
	printf '%s,D-JSJ,平湖市住房和城乡建设局,2120303,小城镇基础设施建设,P02,道路维护,1000000,1000000,%s\n' "$p" "$5"
}
budget 2026-03 200000 150000 500000 750000 100000 >"$T/b03.csv"
budget 2026-02 120000 100000 300000 500000 100000 >"$T/b02.csv"
budget 2025-03 150000 150000 450000 600000 100000 >"$T/b2503.csv"
rev() { printf 'period,kind_code,kind,amount,budget\n%s,101,增值税,%s,40000000\n%s,120,契税,%s,8000000\n' "$1" "$2" "$1" "$3"; }
rev 2026-03 9000000 1500000 >"$T/r03.csv"
rev 2026-02 6000000 1000000 >"$T/r02.csv"
rev 2025-03 8000000 2000000 >"$T/r2503.csv"
for f in b03 b02 b2503; do "$RENDA" finance import budget "$T/$f.csv" >/dev/null || not_ok "import $f"; done
for f in r03 r02 r2503; do "$RENDA" finance import revenue "$T/$f.csv" >/dev/null || not_ok "import $f"; done
# 教育局 spends 200,000 on travel abroad against 50,000: its 三公经费 are 230,000 of 150,000
# (153.33%, past the red threshold of 110%): a warning.
printf 'period,department_code,department,item,budget,spent\n2026-03,D-JYJ,平湖市教育局,reception,100000,30000\n2026-03,D-JSJ,平湖市住房和城乡建设局,vehicle_run,200000,80000\n2026-03,D-JYJ,平湖市教育局,abroad,50000,200000\n' >"$T/sg.csv"
"$RENDA" finance import sangong "$T/sg.csv" >/dev/null || not_ok "import sangong"
cat >"$T/as.csv" <<EOF
period,kind,holder_code,holder,category,value,change
2025,admin,D-JYJ,平湖市教育局,房屋及构筑物,5000000,200000
2025,admin,D-JSJ,平湖市住房和城乡建设局,房屋及构筑物,2000000,0
2025,enterprise,QY-01,平湖市国有资产控股集团有限公司,净资产,90000000,3000000
2025,natural,D-ZRJ,平湖市自然资源和规划局,国有建设用地,120000000,-2000000
EOF
"$RENDA" assets import "$T/as.csv" >/dev/null || not_ok "import assets"

check "the workbook of March 2026 is written" run 0 "$RENDA" report finance --out "$T/f.xlsx" --year 2026 --month 3
check "  it says how many sheets" contains "$T/out" "f.xlsx"
check "--month without --year is refused" run 2 "$RENDA" report finance --out "$T/m.xlsx" --month 3
check "  saying so" contains "$T/err" "--month needs --year"
check "a month 13 is refused" run 2 "$RENDA" report finance --out "$T/m.xlsx" --year 2026 --month 13
check "  and no file was written" test ! -e "$T/m.xlsx"
"$RENDA" finance execution --year 2026 --month 3 --format tsv >"$T/exec.tsv"
"$RENDA" finance execution --year 2026 --month 3 --department D-JYJ --format tsv >"$T/jy.tsv"
"$RENDA" finance execution --year 2026 --month 3 --department D-JSJ --format tsv >"$T/js.tsv"
"$RENDA" finance revenue --year 2026 --month 3 --format tsv >"$T/rev.tsv"
"$RENDA" finance sangong --year 2026 --month 3 --format tsv >"$T/sg.tsv"
"$RENDA" assets summary --year 2025 --format tsv >"$T/as.tsv"
"$RENDA" warning list --format tsv >"$T/warn.tsv"

# sheet_vs_tsv SHEET TSV [DEPARTMENT]: every row of the TSV (its code, amounts and rates) is
# a row of the sheet with the same figures; DEPARTMENT: only the sheet's rows of it (by project).
cat >"$T/cmp.py" <<'PY'
import csv, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[sys.argv[2]]
dep = sys.argv[4] if len(sys.argv) > 4 else None
rows = list(ws.iter_rows(values_only=True))
hdr = next(i for i, r in enumerate(rows) if r and r[0] in ("Code", "Department code"))
body = [r for r in rows[hdr + 1:] if any(v is not None for v in r)]
if dep:
    body = [r[1:] for r in body if r[0] == dep]
with open(sys.argv[3], encoding="utf-8") as f:
    tsv = list(csv.reader(f, delimiter="\t"))
head, data = tsv[0], tsv[1:]
bad = 0
if len(body) != len(data):
    print("# rows: sheet %d, CLI %d" % (len(body), len(data))); bad = 1
for s, c in zip(body, data):
    cli = dict(zip(head, c))
    figs = [v for v in s[2:] if isinstance(v, (int, float))]
    nums = []
    for k in head[3:]:
        v = cli[k]
        if v == "":
            continue
        nums.append((k, float(v)))
    # The sheet's rates are fractions of one where the CLI prints per cents; points stay points.
    got = []
    for (k, v), x in zip(nums, figs):
        if k in ("rate", "schedule", "mom", "yoy", "progress", "share"):
            x = x * 100
        got.append(round(x, 2) == round(v, 2))
    if (s[0] or "") != (cli.get("code") or "") or len(figs) != len(nums) or not all(got):
        print("# sheet %r\n# CLI   %r" % (s, c)); bad = 1
sys.exit(bad)
PY
check "the execution sheet holds the figures renda finance execution prints" \
	/usr/bin/python3 "$T/cmp.py" "$T/f.xlsx" "Budget execution" "$T/exec.tsv"
check "  the by-project sheet those of each department's drill-down: 教育局" \
	/usr/bin/python3 "$T/cmp.py" "$T/f.xlsx" "By project" "$T/jy.tsv" D-JYJ
check "  住建局" /usr/bin/python3 "$T/cmp.py" "$T/f.xlsx" "By project" "$T/js.tsv" D-JSJ
check "the revenue sheet those of renda finance revenue" \
	/usr/bin/python3 "$T/cmp.py" "$T/f.xlsx" "Tax revenue" "$T/rev.tsv"
check "the 三公经费 sheet those of renda finance sangong" \
	/usr/bin/python3 "$T/cmp.py" "$T/f.xlsx" "三公经费" "$T/sg.tsv"
check "the state assets sheet those of renda assets summary" \
	/usr/bin/python3 "$T/cmp.py" "$T/f.xlsx" "State assets" "$T/as.tsv"
check "  its kinds in words, not codes, in the C locale too (the chart's legend reads them)" /usr/bin/python3 -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["State assets"]
names = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0] in ("admin", "natural")}
assert names == {"admin": "administrative and public-institution assets",
                 "natural": "natural-resource assets"}, names
' "$T/f.xlsx"
check "the warnings sheet holds the warnings renda warning list prints" /usr/bin/python3 -c '
import csv, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Warnings"]
rows = list(ws.iter_rows(values_only=True))
hdr = next(i for i, r in enumerate(rows) if r and r[0] == "No.")
sheet = sorted((r[0], r[1], r[2], r[3], r[4], r[5], r[7] or "", str(r[9])[:10])
               for r in rows[hdr + 1:] if r[0])
with open(sys.argv[2], encoding="utf-8") as f:
    cli = sorted((w["number"], w["severity"], w["state"], w["rule"], w["subject"], w["period"],
                  w["unit"], w["created"][:10]) for w in csv.DictReader(f, delimiter="\t"))
assert sheet == cli and len(cli) == 1, (sheet, cli)
# By hand: 230,000 of 150,000 is 153.33%.
r = rows[hdr + 1]
assert r[1] == "red" and "153.33%" in r[6], r
' "$T/f.xlsx" "$T/warn.tsv"
# By hand: 教育局 executed 850,000 of 3,600,000 (23.61%), 住建局 850,000 of 4,000,000 (21.25%).
check "  and the figures are the ones worked out by hand" /usr/bin/python3 -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Budget execution"]
r = {row[0] or row[1]: row for row in ws.iter_rows(values_only=True)}
assert r["D-JYJ"][4] == 850000 and round(r["D-JYJ"][5], 4) == 0.2361, r["D-JYJ"]
assert r["D-JSJ"][4] == 850000 and round(r["D-JSJ"][5], 4) == 0.2125, r["D-JSJ"]
assert r["Total"][4] == 1700000, r["Total"]
' "$T/f.xlsx"
check "every sheet prints on A4, fit to the width, its title rows repeated" /usr/bin/python3 -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb:
    ps = ws.page_setup
    assert str(ps.paperSize) == "9", (ws.title, ps.paperSize)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ps.fitToWidth in (1, "1", None), ws.title
    if ws.title not in ("Summary", "About"):
        assert ws.print_title_rows, ws.title
' "$T/f.xlsx"
check "the summary sheet has its charts" sh -c 'cd "$1" && rm -rf x && mkdir x && cd x &&
	/usr/bin/python3 -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall()" ../f.xlsx &&
	ls xl/charts/chart*.xml >/dev/null' sh "$T"

# The import's report in Chinese: the dataset's name, the difference, the levels.
check "re-importing March in Chinese" run 0 env LANGUAGE=zh_CN "$RENDA" finance import budget "$T/b03.csv"
check "  names the dataset in Chinese" contains "$T/out" "b03.csv：一般公共预算执行 2026-03，来自平湖市财政局：5 行"
check "  and finds no difference" contains "$T/out" "与该来源该期间的上次导入相比没有差异"
check "the workbook in Chinese" run 0 env LANGUAGE=zh_CN "$RENDA" report finance --out "$T/zh.xlsx" --year 2026 --month 3
check "  its titles name the month as Chinese writes it, never 2026-03" /usr/bin/python3 -c '
import re, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
t = {ws.title: str(ws["A1"].value) for ws in wb}
assert t["概况"] == "财经监督，2026年3月", t
assert t["预算执行"] == "一般公共预算执行，2026年3月", t
assert t["预警"] == "2026年1月至2026年3月的预警", t
bad = [v for v in t.values() if re.search(r"\b20[0-9]{2}-[0-9]{2}\b", v)]
assert not bad, bad
' "$T/zh.xlsx"

# A unit operator's workbook: its own department only.
as_role unit 平湖市教育局
check "a unit operator's workbook" run 0 "$RENDA" report finance --out "$T/u.xlsx" --year 2026 --month 3
check "  holds its department only" /usr/bin/python3 -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Budget execution"]
codes = [r[0] for r in ws.iter_rows(values_only=True) if r[0] and str(r[0]).startswith("D-")]
assert codes == ["D-JYJ"], codes
' "$T/u.xlsx"
done_testing
