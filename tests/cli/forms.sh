#!/bin/sh
# The form files: po/form-strings.c is up to date with them, and every string
# they show is translated in po/zh_CN.po.
. "$SRCDIR/tests/lib.sh"

check "tools/form-strings runs" run 0 sh "$SRCDIR/tools/form-strings" -o "$T/form-strings.c" \
	"$SRCDIR/forms"
if cmp -s "$T/form-strings.c" "$SRCDIR/po/form-strings.c"; then
	ok "po/form-strings.c is up to date with forms/*.form"
else
	not_ok "po/form-strings.c is up to date with forms/*.form (run tools/form-strings)"
	diff "$SRCDIR/po/form-strings.c" "$T/form-strings.c" | diag
fi
check "po/POTFILES.in lists po/form-strings.c" grep -qx 'po/form-strings.c' \
	"$SRCDIR/po/POTFILES.in"
check "a form file written in Chinese comes through" sh -c '
	printf "form x\ntitle 标题\nfield a\n\tlabel 名称\n\tchoices a=甲|b=乙\n\thelp say \"100%%\"\n" \
		>"$1/x.form"
	sh "$2/tools/form-strings" -o "$1/x.c" "$1" &&
	grep -qF "N_(\"标题\")" "$1/x.c" && grep -qF "N_(\"乙\")" "$1/x.c" &&
	grep -qF "N_(\"say \\\"100%\\\"\")" "$1/x.c" && grep -qF "xgettext:no-c-format" "$1/x.c"
' sh "$T" "$SRCDIR"
if command -v xgettext >/dev/null && command -v msgcmp >/dev/null; then
	xgettext --keyword=N_ --from-code=UTF-8 -o "$T/forms.pot" "$SRCDIR/po/form-strings.c"
	if msgcmp "$SRCDIR/po/zh_CN.po" "$T/forms.pot" 2>"$T/err"; then
		ok "every string of the forms is translated in po/zh_CN.po"
	else
		not_ok "every string of the forms is translated in po/zh_CN.po"
		diag <"$T/err"
	fi
else
	skip "every string of the forms is translated" "xgettext or msgcmp not found"
fi
done_testing
