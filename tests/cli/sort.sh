#!/bin/sh
# Names in pinyin order, as Chinese offices list people: renda deputy list --sort name
# (ICU's zh collation registered in SQLite as "pinyin"), within each town by default,
# and the other sorts; a sort renda does not know is a usage error.
. "$SRCDIR/tests/lib.sh"

"$RENDA" init >/dev/null || exit 1
n=0
# Added in an order that is neither pinyin nor code point order (赵 U+8D75 < 陈 U+9648).
for name in 赵六 陈三 白二 欧阳娜 安一 张伟 阿沛·阿旺晋美 黄河; do
	n=$((n + 1))
	town=乍浦镇
	[ $((n % 2)) = 0 ] && town=新埭镇
	"$RENDA" deputy add --name "$name" --resident_id "$(fix_id "3304821980010100$n")" \
		--level city --town "$town" >/dev/null || exit 1
done

check "deputy list --sort name" run 0 "$RENDA" deputy list --sort name
cut -f3 "$T/out" | tail -n +2 >"$T/names"
check "  in pinyin order: 阿 安 白 陈 黄 欧阳 张 赵" same "$T/names" "$(printf '%s\n' 阿沛·阿旺晋美 安一 白二 陈三 黄河 欧阳娜 张伟 赵六)"
check "  which is not the order of the code points" \
	sh -c '! LC_ALL=C sort "$1" | cmp -s - "$1"' - "$T/names"
check "the default order: by town, names in pinyin order within it" run 0 "$RENDA" deputy list
awk -F'\t' 'NR > 1 && $6 == "乍浦镇" { print $3 }' "$T/out" >"$T/zp"
check "  乍浦镇: 阿沛·阿旺晋美 安一 白二 赵六" same "$T/zp" "$(printf '%s\n' 阿沛·阿旺晋美 安一 白二 赵六)"
check "--sort code" run 0 "$RENDA" deputy list --sort code
cut -f2 "$T/out" | tail -n +2 >"$T/codes"
check "  in code order" sh -c 'LC_ALL=C sort "$1" | cmp -s - "$1"' - "$T/codes"
check "an unknown sort is a usage error" run 2 "$RENDA" deputy list --sort age
check "  naming the choices" contains "$T/err" "--sort must be name, code or town"
check "--sort town is the default order" run 0 "$RENDA" deputy list --sort town
# ICU is loaded when a comparison needs it, not with the program (its C++ libraries cost
# every start-up some milliseconds): the dynamic loader's own trace says when.
loads_icu() { LD_DEBUG=files "$RENDA" "$@" 2>&1 >/dev/null | grep -c 'file=libicui18n'; }
check "a command that orders no names does not load ICU" test "$(loads_icu user list)" = 0
check "  one that does loads it" test "$(loads_icu deputy list --sort name)" -gt 0
check "renda check says which ICU orders the names" run 0 "$RENDA" check
check "  pinyin order: ICU N.N" sh -c 'grep -Eq "^pinyin order: ICU [0-9]+\.[0-9]+$" "$1"' - "$T/out"
# Where the library cannot be loaded (here a damaged file of its name first on the
# loader's path), renda check calls it a fault and names the file.
icu=$(LD_DEBUG=files "$RENDA" deputy list --sort name 2>&1 >/dev/null |
	sed -n 's/.*file=\(libicui18n[^ ]*\).*/\1/p' | head -n 1)
check "the loader names the ICU file it loads" test -n "$icu"
mkdir "$T/badicu"
: >"$T/badicu/$icu"
check "renda check without a usable ICU is a fault" run 1 env LD_LIBRARY_PATH="$T/badicu" "$RENDA" check
check "  naming the file" contains "$T/err" "pinyin order: cannot open ICU's Chinese collation: $T/badicu/$icu"
check "  names then ordered by their bytes, as it says" contains "$T/err" "(names are ordered by their bytes)"
done_testing
