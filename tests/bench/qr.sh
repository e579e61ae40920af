#!/bin/sh
# make bench: QR images per second (PNG) for the demo roster and for 10,000 codes,
# seconds for the print sheet of 1,000 deputies, and for comparison the qrencode
# command run once per code over the same URLs. Prints figures; asserts nothing.
# Each timing is the best of three runs (the machine is shared). Files go to a
# directory on disk (TMPDIR or /tmp) and, when there is one, to /dev/shm (memory),
# which shows how much of the time is the file system's.
set -u
: "${RENDA:?run through make bench}"
: "${BUILDDIR:?run through make bench}"
T=$(mktemp -d "${TMPDIR:-/tmp}/renda-bench.XXXXXX")
M=
[ -d /dev/shm ] && [ -w /dev/shm ] && M=$(mktemp -d /dev/shm/renda-bench.XXXXXX)
trap 'rm -rf "$T" ${M:+"$M"}' EXIT
export RENDA_DB="$T/renda.db" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export LC_ALL=C.UTF-8
base='https://rd.example.gov.cn/q/'
mkdir -p "$XDG_CONFIG_HOME/renda"
printf '[qr]\nbase_url = %s\nerror_correction = M\n' "$base" >"$XDG_CONFIG_HOME/renda/renda.conf"
QRBENCH=$BUILDDIR/tests/bench/qrbench

now() { date +%s.%N; }
# best SECONDS-SO-FAR T0 T1: the smaller of the two.
best() { awk -v b="$1" -v a="$2" -v z="$3" 'BEGIN { t = z - a; if (b == "" || t < b) b = t; printf "%.3f", b }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }

# time3 DIR CMD...: best of three runs of CMD, each into an empty DIR; prints seconds.
time3() {
	dir=$1
	shift
	b=
	for i in 1 2 3; do
		rm -rf "$dir"
		mkdir -p "$dir"
		t0=$(now)
		"$@" >/dev/null || { echo "bench: failed: $*" >&2; return 1; }
		b=$(best "$b" "$t0" "$(now)")
	done
	echo "$b"
}

$RENDA demo >/dev/null 2>&1 || { echo "bench: renda demo failed" >&2; exit 1; }
$RENDA deputy list --status in-office | tail -n +2 | cut -f2 >"$T/codes"
n=$(wc -l <"$T/codes")
echo "QR codes ($(nproc 2>/dev/null || echo '?') processors; best of 3):"

for where in "$T" $M; do
	label=disk
	[ "$where" = "$T" ] || label=memory
	s=$(time3 "$where/png" "$RENDA" qr --all --out "$where/png") || exit 1
	echo "  renda qr --all, demo roster, $label:  $n PNG in $s s = $(rate "$n" "$s") per second"
	s=$(time3 "$where/png" "$RENDA" qr --all --out "$where/png" --jobs 1) || exit 1
	echo "  the same with --jobs 1:              $n PNG in $s s = $(rate "$n" "$s") per second"
	s=$(time3 "$where/svg" "$RENDA" qr --all --format svg --out "$where/svg") || exit 1
	echo "  renda qr --all --format svg, $label: $n SVG in $s s = $(rate "$n" "$s") per second"
	for th in 0 1; do
		b=
		for i in 1 2 3; do
			rm -rf "$where/10k" && mkdir "$where/10k"
			t0=$(now)
			"$QRBENCH" png 10000 "$where/10k" $th >/dev/null || exit 1
			b=$(best "$b" "$t0" "$(now)")
		done
		[ $th = 0 ] && how="threads per processor" || how="one thread"
		echo "  10,000 codes (library, $how), $label: $(rate 10000 "$b") per second ($b s)"
	done
	rm -rf "$where/10k"
	if command -v qrencode >/dev/null; then
		# One process per code, as a shell script would do it: same size, margin, level.
		qloop() {
			while read -r c; do
				qrencode -s 8 -m 4 -l M -o "$1/$c.png" "$base$c" || return 1
			done <"$T/codes"
		}
		s=$(time3 "$where/qre" qloop "$where/qre") || exit 1
		echo "  qrencode in a loop, demo roster, $label: $n PNG in $s s = $(rate "$n" "$s") per second"
	else
		echo "  qrencode is not installed: no comparison (apt-get install qrencode)"
	fi
	rm -rf "$where/png" "$where/svg" "$where/qre"
done

b=
for i in 1 2 3; do
	rm -f "$T/sheet.xlsx"
	t0=$(now)
	"$QRBENCH" sheet 1000 "$T/sheet.xlsx" >/dev/null || exit 1
	b=$(best "$b" "$t0" "$(now)")
done
echo "  print sheet of 1,000 deputies (library): $b s"
b=
for i in 1 2 3; do
	t0=$(now)
	$RENDA qr sheet --all --force --out "$T/sheet.xlsx" >/dev/null || exit 1
	b=$(best "$b" "$t0" "$(now)")
done
echo "  renda qr sheet --all, demo roster ($n cards): $b s"
exit 0
