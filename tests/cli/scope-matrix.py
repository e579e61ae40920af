#!/usr/bin/python3
# scope-matrix.py RENDA FIXTURES.json: prints the scope matrix of tests/cli/scope.sh, made
# from renda's own command table: for every command of 'renda --help', for each role, one
# invocation (every ACTION of each module's 'act' its own) aimed at records
# outside that role's scope. One line per invocation: ROLE, EXPECT, then the arguments,
# separated by tabs. EXPECT is "1" (must be refused), "01" (may run, or be refused) or
# "0" (must run). A command or a usage word this script does not know is printed as a
# line "UNKNOWN<TAB>why", which fails the test: a new command is covered by itself
# whenever its usage is made of known words, and otherwise the test says what to add.
import json
import re
import subprocess
import sys

renda, fixtures = sys.argv[1], json.load(open(sys.argv[2]))


def run(*args):
    p = subprocess.run([renda, *args], capture_output=True, text=True)
    return p.stdout + p.stderr


# Commands that only read (lists, figures, checks), and reads of one named record.
READS = {"check", "ref list", "user list", "audit verify", "audit anchor", "audit list",
         "deputy list", "deputy export", "case list", "suggestion list", "stats suggestions",
         "report suggestions", "calendar list", "calendar workdays", "calendar add",
         "calendar is-workday", "stats cases", "report cases", "qr sheet",
         # finance supervision: a unit operator reads its own department's figures, a town
         # clerk none; the library of policies is everyone's
         "finance imports", "finance execution", "finance revenue", "finance sangong",
         "finance projects", "finance audit", "finance performance", "finance rules",
         "finance opinions", "assets summary", "report finance", "stats execution",
         "stats assets", "stats warnings", "warning list", "policy list", "policy show",
         "policy rules",
         "project list", "project cycle list", "project proposal list", "project opinion list",
         "stats projects", "stats proposals", "report projects", "activity list",
         "stats activities", "stats points", "points ranking", "points rules list",
         "report points", "cockpit", "report cockpit"}
RECORD_READS = {"deputy show", "case show", "case history", "suggestion show",
                "suggestion history", "suggestion replies", "qr", "points show",
                "points events", "points archive", "finance changes"}
# The modules whose commands NAME NUMBER|ID read one record (show, history, clocks,
# sub-lists).
MODULES = ("case", "suggestion", "project", "activity", "warning")
# Commands that make a new database: the configured one exists, so they are refused.
MAKERS = {"init", "demo"}
# Commands whose usage marks every part optional though one is needed: the part to give.
ONE_NEEDED = {"user edit": ["--role", "ROLE"], "qr sheet": ["CODE..."],
              "project team": ["--leader", "NAME"], "project cycle rules": ["--choose", "N"],
              "activity add": ["--town", "T"], "activity attendance": ["--done"]}

commands = []
on = False
for line in run("--help").splitlines():
    if line.startswith("Commands:"):
        on = True
        continue
    m = re.match(r"^  ([a-z][a-z -]*?)  +(.*)$", line) if on else None
    if m:
        commands.append((m.group(1).strip(), m.group(2)))


def alternatives(s, open_c, close_c):
    """Drops [...] groups (optional) and keeps the first alternative of (...|...)."""
    out, depth = "", 0
    for ch in s:
        if ch == open_c:
            depth += 1
        elif ch == close_c:
            depth -= 1
        elif depth == 0:
            out += ch
    return out


def tokens(usage):
    usage = alternatives(usage, "[", "]")
    usage = re.sub(r"\(([^|)]*)\|[^)]*\)", r"\1", usage)  # (a | b) -> a
    usage = usage.split(" | ")[0]  # CODE... | --all -> CODE...
    return [t for t in usage.split() if t != "..."]  # what repeated an optional group


def values(role, cmd, group, tok, prev):
    """The argument(s) for one usage word, aimed outside the role's scope."""
    f, r = fixtures, fixtures["roles"][role]
    home = r["home"]
    # option values, by the option they follow
    if prev == "--role":
        return ["viewer"]
    if prev == "--town" or tok == "T" and prev == "--town":
        return [f["town_out"]]
    if prev == "--to":  # renda sync: the city or a town
        return [f["town_out"]]
    if prev == "--again":
        return ["1"]
    if prev == "--category":
        return [f["category"]]
    if prev == "--deputy":
        return [f["deputy_out"]]
    if prev == "--resident_id":
        return [f["new_resident_id"]]
    if prev in ("--title", "--content", "--proposal", "--text", "--reason", "--place"):
        return ["秘改文字"]
    # finance supervision
    if prev == "--issuer":
        return ["秘发文机关"]
    if prev == "--year":
        return ["2026"]
    if prev == "--kind" and cmd == "finance opinion":
        return ["budget"]
    if prev == "--measure":
        return ["exec_behind"]
    if prev == "--yellow":
        return ["10"]
    if prev == "--datasets":
        return ["budget"]
    if prev == "--scope":
        return ["department"]
    if tok == "DATASET":
        return ["budget"]
    if tok == "CODE" and cmd.startswith("finance rule"):
        return ["EXEC-LAG"]
    if tok == "ID" and cmd == "finance changes":
        return [str(f["import_out"])]
    if tok == "ID" and cmd == "finance respond":
        return [str(f["opinion_out"])]
    if tok == "ID|NUMBER":
        return ["1"]
    if prev == "--name":
        return ["司马秘书"]
    if prev == "--deputies":
        return [f["deputy_out_name"]]
    if prev == "--leader":
        return ["司马秘书"]
    if prev in ("--year",):
        return [f["year"]]
    if prev == "--month":
        return [f"{f['year']}-03"]
    if prev == "--office":
        return [f["office"]]
    if prev == "--agency":
        return ["秘评估机构"]
    if prev == "--score":
        return ["86"]
    if prev == "--cycle":
        return [f["project_out"]["cycle"]]
    if prev == "--item":
        return [f"{f['project_out']['proposal']}=1,0,0"]
    if prev == "--date":
        return ["2026-03-02"]
    if prev == "--out":
        return [f"{home}/out-{cmd.replace(' ', '-')}.xlsx"]
    if prev == "--by":
        return [tok.split("|")[0]]
    if prev == "--kind":
        return ["inspection" if group == "activity" else "suggestion"]
    if prev == "--level":
        return ["town"]
    if prev == "--unit":
        return [f["unit_out"]]
    if tok.startswith("--"):
        if tok == "--FIELD":
            return ["--name"]
        return [tok.split("|")[0]]
    if tok == "VALUE...":
        return ["司马秘书"]
    # operands
    if tok == "KIND":
        return ["category"]
    if tok == "ID" and prev == "KIND":
        return [str(f["category_id"])]
    if tok == "ID" and group == "sync":  # a conflict of the exchange
        return ["1"]
    if tok == "mine|theirs":
        return ["theirs"]
    if tok == "LOGIN":
        return [f["login_out"]]
    if tok == "NUMBER|ID" and group == "project":
        sub = cmd.split()[1]
        return [f["project_out"][sub if sub in ("cycle", "proposal", "opinion") else "project"]]
    if tok == "PROJECT":
        return [f["project_out"]["project"]]
    if tok == "NUMBER|ID":
        return [str(f[group + "_out"])]
    if tok in ("CODE|ID", "CODE...", "CODE"):
        return [f["deputy_out"]]
    if tok.startswith("FILE.") and "|" in tok:  # FILE.csv|FILE.xlsx: a CSV will do
        tok = "FILE.csv"
    if tok == "FILE.csv":
        if cmd.endswith("export"):
            return [f"{home}/out.csv"]
        return [f["imports"][group if group != "ref" else "ref"]]
    if tok == "FILE":
        return [f"{home}/backup.db"]
    if tok in ("FROM", "TO", "DATE"):
        return ["2026-03-02"]
    if tok == "WHEN":
        return ["2026-03-02 09:00"]
    if tok == "ITEM":
        return ["research"]
    if tok == "ITEM=POINTS...":
        return ["research=4"]
    if tok == "N":
        return ["3"]
    return None


for cmd, help_line in commands:
    group = cmd.split()[0]
    usage = run(*cmd.split(), "--help").splitlines()[0]
    prefix = f"usage: renda {cmd}"
    if not usage.startswith(prefix):
        print(f"UNKNOWN\t{cmd}: no usage line")
        continue
    toks = tokens(usage[len(prefix):]) + ONE_NEEDED.get(cmd, [])
    actions = [None]
    if "ACTION" in toks:
        m = re.search(r"action: (.*)$", help_line)
        if not m:
            print(f"UNKNOWN\t{cmd}: its help names no actions")
            continue
        actions = [a.strip() for a in m.group(1).split(",")]
    for role in fixtures["roles"]:
        admin_only = "(admin only)" in help_line
        if role == "city" and not admin_only:
            continue  # a city clerk's scope is everything: only admin-only commands are out of it
        if cmd in MAKERS or admin_only:
            expect = "1"
        elif cmd in READS:
            expect = "01"
        elif cmd in RECORD_READS or (group in MODULES and toks == ["NUMBER|ID"]):
            # (the generic verbs of the modules: a record's clocks and sub-lists)
            # A viewer may read every record (masked); others not those outside their scope.
            expect = "0" if role == "viewer" else "1"
        else:
            expect = "1"  # a write, aimed outside the role's scope (or a viewer's)
        for action in actions:
            args, prev, ok = cmd.split(), cmd.split()[-1], True
            for tok in toks:
                if tok == "ACTION":
                    args.append(action)
                    prev = action
                    continue
                v = values(role, cmd, group, tok, prev)
                if v is None:
                    print(f"UNKNOWN\t{cmd}: no rule for the usage word {tok!r}")
                    ok = False
                    break
                args += v
                prev = tok
            if ok:
                print("\t".join([role, expect] + args))
