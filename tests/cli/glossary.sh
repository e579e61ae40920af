#!/bin/sh
# The Chinese catalogue against its glossary (po/glossary.tsv; issue 11, item 8): no
# msgstr uses a forbidden variant of a term (案件 for a voter issue, 已受理 for a new
# one, 转办 for forwarding, 立案 for a suggestion ...), and a msgid that names a
# glossary term has the one Chinese term in its msgstr. Then a few entries read back
# from the compiled catalogue, as the program shows them.
. "$SRCDIR/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	skip "the glossary" "python3 is not installed"
	done_testing
	exit
fi

cat >"$T/check.py" <<'PY'
import re, sys

def unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    out, i, s = [], 0, s[1:-1]
    while i < len(s):
        if s[i] == '\\':
            out.append({'n': '\n', 't': '\t', '"': '"', '\\': '\\'}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return ''.join(out)

def entries(path):
    """(msgctxt, msgid, [msgstr...]) of every entry, obsolete ones left out."""
    ent, cur, field = [], None, None
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('#~'):
            continue
        m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
        if m:
            key = m.group(1)
            if key in ('msgctxt', 'msgid') and cur and cur.get('msgstr'):
                ent.append(cur)
                cur = None
            if cur is None:
                cur = {'msgstr': []}
            if key.startswith('msgstr'):
                cur['msgstr'].append(unquote(m.group(2)))
            else:
                cur[key] = unquote(m.group(2))
            field = key
        elif line.startswith('"') and cur is not None:
            if field.startswith('msgstr'):
                cur['msgstr'][-1] += unquote(line)
            else:
                cur[field] += unquote(line)
    if cur and cur.get('msgstr'):
        ent.append(cur)
    return [(e.get('msgctxt'), e['msgid'], e['msgstr']) for e in ent if e.get('msgid')]

po, glossary = sys.argv[1], sys.argv[2]
rows = []
for n, line in enumerate(open(glossary, encoding='utf-8'), 1):
    if line.startswith('#') or not line.strip():
        continue
    cols = line.rstrip('\n').split('\t')
    if cols[0] == 'english':
        continue
    if len(cols) < 5:
        print('%s:%d: needs 5 or 6 tab-separated columns' % (glossary, n))
        sys.exit(2)
    rows.append((n, cols[0], cols[1], cols[2], cols[3], cols[4]))

bad = 0
ent = entries(po)
for n, english, chinese, forbidden, unless, require in rows:
    fre = re.compile(forbidden) if forbidden else None
    ure = re.compile(unless) if unless else None
    term = re.sub(r'\s*\(.*\)$', '', english)
    tre = re.compile(r'\b' + re.escape(term), re.I)
    rre = re.compile(require) if require else None
    for ctx, msgid, msgstrs in ent:
        for s in msgstrs:
            if fre and fre.search(s) and not (ure and ure.search(msgid)):
                print('forbidden (%s: %s, not %s): %r -> %r' % (english, chinese, fre.search(s).group(0), msgid, s))
                bad += 1
            usage = re.search(r'(^|\s)\[?--[a-z]', msgid)  # a usage line: option values stay English
            if rre and tre.search(msgid) and not usage and not rre.search(s):
                print('missing (%s: %s): %r -> %r' % (english, chinese, msgid, s))
                bad += 1
print('%d entries, %d glossary rows, %d findings' % (len(ent), len(rows), bad))
sys.exit(1 if bad else 0)
PY

check "every msgstr keeps to po/glossary.tsv" run 0 python3 "$T/check.py" "$SRCDIR/po/zh_CN.po" "$SRCDIR/po/glossary.tsv"
diag <"$T/out"
check "it read the whole catalogue" sh -c "grep -Eq '^[0-9]{4} entries, [0-9]+ glossary rows, 0 findings' '$T/out'"

# The checker finds what it should: a catalogue with the variants the glossary forbids.
cat >"$T/bad.po" <<'PO'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "received"
msgstr "已受理"

msgid "Forward a voter issue"
msgstr "转办案件"

msgid "registered"
msgstr "已立案"

msgid "Register and number the motion"
msgstr "议案立案并编号"

msgid "a motion needs co-signers"
msgstr "提案须有联名代表"
PO
check "a catalogue with forbidden variants fails" run 1 python3 "$T/check.py" "$T/bad.po" "$SRCDIR/po/glossary.tsv"
check "  已受理" contains "$T/out" "'received' -> '已受理'"
check "  转办 and 案件, and 民情事项 missing" sh -c "grep -c 'Forward a voter issue' '$T/out' | grep -qx 3"
check "  立案 for a registered suggestion" contains "$T/out" "'registered' -> '已立案'"
check "  but not for a motion" sh -c "! grep -q 'Register and number the motion' '$T/out'"
check "  提案 and 联名, and 议案 and 附议 missing" sh -c "grep -c 'a motion needs co-signers' '$T/out' | grep -qx 4"

# As the program shows them: the compiled catalogue of the build.
zh() { env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN "$RENDA" "$@"; }
check "the help says 民情事项" run 0 zh case --help
check "  for voter issues" contains "$T/out" "民情事项"
check "  never 案件" lacks "$T/out" "案件"
check "  nor 选民意见" lacks "$T/out" "选民意见"
check "the forward step is 转交" contains "$T/out" "forward（转交）"

done_testing
