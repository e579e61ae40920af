#!/bin/sh
# Search finds what a LIKE scan finds: on renda demo's cases and a few of our own (ASCII
# letters in both cases, digits, % and _), `renda case list --search TEXT` lists the
# cases whose title, content or reply holds TEXT (ASCII case ignored, as LIKE does), for
# texts of 1, 2, 3 and more characters (the index of single characters and the trigram
# index), alone and with every filter of the list, in every scope. The reference is a
# LIKE scan of the table (sqlite3) intersected with the same list without the search
# (renda's own output), less the private cases for a viewer. Also a regular expression
# with a literal (looked up through the index first) equals a REGEXP scan.
. "$SRCDIR/tests/lib.sh"

check "renda demo" run 0 "$RENDA" demo
# Our own cases: ASCII in upper and lower case, a per cent sign and an underscore, and
# both characters of a two-character text apart (灯 ... 路, b a).
dep=$(q "SELECT code FROM deputy d WHERE status = 'in-office' AND level = 'city' ORDER BY id LIMIT 1")
add() {
	"$RENDA" case add --category 城市建设 --deputy "$dep" --title "$1" --content "$2" >"$T/add" &&
		sed -n 's/^added case \([0-9]*\).*/\1/p' "$T/add"
}
c1=$(add "Road LAMP 100% off" "The lamp_post at 东湖 is dark; 路灯 AB")
c2=$(add "ab 积水" "x_y 50% 水")
c3=$(add "ZQ 路灯不亮 again" "lamp is ok: 灯光照到路口, bar, \"hi\"")
# A case holding every trigram of 路灯不亮 and of lamp_ but neither text (they lie apart, one
# in the title, one in the content): the trigram index offers it, the text itself is not there.
c4=$(add "路灯不好 lam" "灯不亮了 amp_ 已修")
check "three cases of our own" test -n "$c1" -a -n "$c2" -a -n "$c3"
check "and one holding the trigrams apart" test -n "$c4"
check "  which the trigram index offers for 路灯不亮" test "$(q "SELECT count(*) FROM vcase_fts
	WHERE vcase_fts MATCH '\"路灯不\" AND \"灯不亮\"' AND rowid = $c4")" = 1
check "  and for lamp_" test "$(q "SELECT count(*) FROM vcase_fts
	WHERE vcase_fts MATCH '\"lam\" AND \"amp\" AND \"mp_\"' AND rowid = $c4")" = 1
# One of them replied to: the reply is indexed too, and its old text no longer.
unit=平湖市住房和城乡建设局
check "forwarded" run 0 "$RENDA" case act "$c2" forward
check "assigned" run 0 "$RENDA" case act "$c2" assign --unit "$unit"
check "responded" run 0 "$RENDA" case act "$c2" respond --text "Qk 收到"
check "replied" run 0 "$RENDA" case act "$c2" reply --text "Reply QK 已修复 水管"

# like TEXT: ids of the cases whose title, content or reply holds TEXT (LIKE, % _ escaped).
like() {
	pat=$(printf '%s' "$1" | sed 's/[\\%_]/\\&/g')
	q "SELECT id FROM vcase WHERE title LIKE '%$pat%' ESCAPE '\\' OR content LIKE '%$pat%' ESCAPE '\\'
		OR reply LIKE '%$pat%' ESCAPE '\\' ORDER BY id"
}
# ids FILE: the ids of a listing, in order.
ids() { tsv_col "$1" id | sort -n; }

# same_as_like ROLE TEXT [FILTER...]: the search with the filters lists what LIKE finds
# among the list with the same filters (less the private cases for a viewer).
same_as_like() {
	s_role=$1 s_text=$2
	shift 2
	"$RENDA" case list "$@" >"$T/all" 2>"$T/err" || { diag <"$T/err"; return 1; }
	"$RENDA" case list --search "$s_text" "$@" >"$T/found" 2>"$T/err" || { diag <"$T/err"; return 1; }
	ids "$T/all" >"$T/all.ids"
	like "$s_text" >"$T/like.ids"
	if [ "$s_role" = viewer ]; then
		q "SELECT id FROM vcase WHERE private ORDER BY id" >"$T/private.ids"
		grep -vxF -f "$T/private.ids" "$T/like.ids" >"$T/like2.ids"
		mv "$T/like2.ids" "$T/like.ids"
	fi
	grep -xF -f "$T/like.ids" "$T/all.ids" >"$T/expected.ids"
	ids "$T/found" >"$T/found.ids"
	if cmp -s "$T/expected.ids" "$T/found.ids"; then
		# The list order holds too: newest first, as without the search.
		tsv_col "$T/found" id >"$T/found.order"
		tsv_col "$T/all" id | grep -xF -f "$T/found.ids" >"$T/all.order"
		cmp -s "$T/found.order" "$T/all.order" && return 0
		echo "# $s_text $*: the same cases, in another order"
		return 1
	fi
	echo "# $s_text $*: $(wc -l <"$T/found.ids") found, $(wc -l <"$T/expected.ids") expected"
	diff "$T/expected.ids" "$T/found.ids" | head -5 | diag
	return 1
}

texts="水 灯 a A % _ 路灯 积水 拥堵 ab AB _y 0% 路灯不亮 河道垃圾 lamp LAMP_ 100% 已修复 qk 收到 维修，现已 lam amp_ \"hi\" \"hi"
nonempty=0
as_role admin
for t in $texts; do
	check "admin: search '$t' equals LIKE" same_as_like admin "$t"
	[ -s "$T/found.ids" ] && nonempty=$((nonempty + 1))
done
check "most of the searches find something" test "$nonempty" -ge 18
# has_ids FILE ID...: the listing holds each of the ids.
has_ids() {
	f=$1
	shift
	for i in "$@"; do tsv_col "$f" id | grep -qx "$i" || { echo "# no $i in $f"; return 1; }; done
}
"$RENDA" case list --search lamp >"$T/lamp"
check "'lamp' finds LAMP in a title, lamp_post inside a word and lamp alone" has_ids "$T/lamp" "$c1" "$c3"
"$RENDA" case list --search 路灯不亮 >"$T/apart"
check "'路灯不亮' finds the case holding it" has_ids "$T/apart" "$c3"
check "  not the one holding its trigrams apart" test "$(tsv_col "$T/apart" id | grep -cx "$c4")" = 0
"$RENDA" case list --search ab >"$T/ab"
check "'ab' finds ab and AB" has_ids "$T/ab" "$c1" "$c2"
"$RENDA" case list --search qk >"$T/qk"
check "a reply is searched (QK)" has_ids "$T/qk" "$c2"
check "  (Qk of the response is not kept in the case)" test "$(nrows "$T/qk")" = 1

year=$(q "SELECT substr(max(submitted_at), 1, 4) FROM vcase")
deputy=$(q "SELECT d.code FROM deputy d JOIN vcase v ON v.deputy_id = d.id GROUP BY d.id ORDER BY count(*) DESC LIMIT 1")
filters="--year=$year --category=城市建设 --town=新埭镇 --status=closed --status=open --deputy=$deputy --unit=$unit --overdue --due-soon"
for f in $filters; do
	set -- "$(echo "$f" | cut -d= -f1)"
	case $f in *=*) set -- "$1" "${f#*=}" ;; esac
	for t in 水 ab 路灯 路灯不亮 lamp; do
		check "admin: '$t' with $*" same_as_like admin "$t" "$@"
	done
done

as_role town-clerk 新埭镇
for t in 水 路灯 路灯不亮 a; do
	check "town clerk: '$t'" same_as_like town-clerk "$t"
	check "town clerk: '$t' open" same_as_like town-clerk "$t" --status open
	check "town clerk: '$t' overdue" same_as_like town-clerk "$t" --overdue
done
as_role unit "$unit"
for t in 水 路灯 路灯不亮 qk; do
	check "unit: '$t'" same_as_like unit "$t"
	check "unit: '$t' in $year" same_as_like unit "$t" --year "$year"
done
as_role viewer
check "the demo has private cases" test "$(q 'SELECT count(*) FROM vcase WHERE private')" -gt 0
for t in 水 路灯 路灯不亮 a; do
	check "viewer: '$t' (no private case)" same_as_like viewer "$t"
	check "viewer: '$t' by category" same_as_like viewer "$t" --category 城市建设
done

# A regular expression: with a literal in each branch the index finds the candidates
# first; without one, every case is scanned. Either way the REGEXP scan's cases.
as_role admin
same_as_regexp() {
	"$RENDA" case list --regex "$1" >"$T/found" 2>"$T/err" || { diag <"$T/err"; return 1; }
	ids "$T/found" >"$T/found.ids"
	q "SELECT id FROM vcase WHERE title REGEXP '$1' OR content REGEXP '$1' OR reply REGEXP '$1'
		ORDER BY id" >"$T/expected.ids" || return 1
	if cmp -s "$T/expected.ids" "$T/found.ids"; then return 0; fi
	echo "# /$1/: $(wc -l <"$T/found.ids") found, $(wc -l <"$T/expected.ids") expected"
	diff "$T/expected.ids" "$T/found.ids" | head -5 | diag
	return 1
}
for re in '积水|内涝' '路灯(不亮|损坏)' '^ZQ' 'lamp.post' '[0-9]+%' '河道垃圾|x_y' '水' '.'; do
	check "regex /$re/ equals a REGEXP scan" same_as_regexp "$re"
done

done_testing
