#!/bin/sh
# The Chinese catalogue against the sources: every message the program can show is
# translated in po/zh_CN.po, and the catalogue keeps no message that nothing shows any
# more (a stale translation hides which text is current).
. "$SRCDIR/tests/lib.sh"

if ! command -v xgettext >/dev/null || ! command -v msgcmp >/dev/null; then
	skip "po/zh_CN.po against the sources" "xgettext or msgcmp not found"
	done_testing
	exit 0
fi
# The keywords as po/Makevars gives them to xgettext.
opts=$(sed -n 's/^XGETTEXT_OPTIONS = //p' "$SRCDIR/po/Makevars")
check "the sources' messages are extracted" sh -c \
	'cd "$1" && xgettext $2 -f po/POTFILES.in -D . -o "$3/renda.pot" 2>/dev/null' \
	sh "$SRCDIR" "$opts" "$T"
msgcmp --use-untranslated "$SRCDIR/po/zh_CN.po" "$T/renda.pot" >"$T/cmp" 2>&1
if grep -v "this message is not used" "$T/cmp" | grep -q "msgcmp\|:[0-9]*:"; then
	not_ok "every message of the sources is in po/zh_CN.po"
	grep -v "this message is not used" "$T/cmp" | diag
else
	ok "every message of the sources is in po/zh_CN.po"
fi
if grep -q "this message is not used" "$T/cmp"; then
	not_ok "po/zh_CN.po holds no message that nothing uses"
	grep "this message is not used" "$T/cmp" | diag
else
	ok "po/zh_CN.po holds no message that nothing uses"
fi
check "no message is left untranslated" sh -c \
	'! msgattrib --untranslated "$1" | grep -q "^msgid"' sh "$SRCDIR/po/zh_CN.po"
check "nor marked fuzzy" sh -c '! msgattrib --only-fuzzy "$1" | grep -q "^msgid"' sh \
	"$SRCDIR/po/zh_CN.po"
done_testing
