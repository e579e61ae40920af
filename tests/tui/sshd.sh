#!/bin/sh
# Clerks at work as the README sets the host up: a real sshd on 127.0.0.1 (started here,
# with its own host key and configuration, on a free port), two clerks logging in with
# ssh -tt from a private tmux server and using the installed setgid renda's console, each
# within its own scope; then the links are killed (one from the client's side, one from
# the server's) and nothing is left behind: no process of either account, no sshd
# session, no lock on the database.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/lib-setgid.sh"

why=$(setgid_skip_reason)
for c in /usr/sbin/sshd ssh ssh-keygen tmux /usr/bin/python3; do
	[ -n "$why" ] || command -v "$c" >/dev/null 2>&1 || why="$c is missing"
done
if [ -n "$why" ]; then
	echo "1..0 # SKIP $why"
	exit 0
fi
TM_SOCK=sshd$$
tm() { tmux -L "$TM_SOCK" -u "$@"; }
sshd_pid=
trap 'tm kill-server >/dev/null 2>&1; [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null; setgid_cleanup; rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM
setgid_setup

adm=rha$$ c1=rhc$$ c2=rht$$
for a in $adm $c1 $c2; do account "$a"; done
# No password, but not a locked account either: sshd (without PAM) refuses locked ones.
for a in $c1 $c2; do usermod -p '*' "$a"; done
H() { echo "$T/home/$1"; }
A() { as $adm "$SG_RENDA" "$@" >/dev/null 2>&1 || { echo "Bail out! setup: $*"; exit 1; }; }
A init
A user add $c1 --role city-clerk
A user add $c2 --role town-clerk --town 新埭镇
A deputy add --name 沈建国 --resident_id "$(fix_id 33048219700101001)" --level city --town 乍浦镇
A deputy add --name 钱佳怡 --resident_id "$(fix_id 33048219850404004)" --level town --town 新埭镇
zp=$(sqlite3 "$SG_DB" "SELECT code FROM deputy WHERE name = '沈建国'")
xd=$(sqlite3 "$SG_DB" "SELECT code FROM deputy WHERE name = '钱佳怡'")
A case add --deputy "$zp" --category 城市建设 --title 乍浦镇路灯不亮 --content 路灯坏了
A case add --deputy "$xd" --category 农业农村 --title 新埭镇灌溉渠堵塞 --content 渠堵了

# ---- sshd of our own ------------------------------------------------------------------
S="$T/sshd"
mkdir -p "$S/keys" /run/sshd
chmod 755 "$S" "$S/keys"
ssh-keygen -q -t ed25519 -N '' -f "$S/host" || { echo "Bail out! ssh-keygen"; exit 1; }
for a in $c1 $c2; do
	ssh-keygen -q -t ed25519 -N '' -f "$S/id-$a"
	cp "$S/id-$a.pub" "$S/keys/$a"
	chmod 644 "$S/keys/$a"
done
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$S/config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $S/host
PidFile $S/pid
AuthorizedKeysFile $S/keys/%u
AuthenticationMethods publickey
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin no
AllowUsers $c1 $c2
SetEnv LANG=C.UTF-8
ClientAliveInterval 1
ClientAliveCountMax 2
EOF
/usr/sbin/sshd -D -f "$S/config" -E "$S/log" &
sshd_pid=$!
up() { /usr/bin/python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$port" 2>/dev/null; }
i=0
while ! up && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
check "a real sshd listens on 127.0.0.1:$port" up

# ---- two clerks log in ---------------------------------------------------------------------
tm -f /dev/null new-session -d -s t -x 100 -y 30 'sleep 86400' || { echo "Bail out! tmux"; exit 1; }
tm set-option -s escape-time 0 >/dev/null
tm set-option -g remain-on-exit on >/dev/null
login() { # login WINDOW ACCOUNT
	tm new-window -d -t "t:$1" -n "$1" "ssh -tt -i '$S/id-$2' -p $port -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o IdentitiesOnly=yes \
		$2@127.0.0.1 '$SG_RENDA'; echo ssh-exit \$? >'$S/exit-$1'"
}
screen_of() { tm capture-pane -p -t "t:$1" 2>/dev/null; }
wait_on() { # wait_on WINDOW TEXT: the window shows TEXT within 15 s
	i=0
	while ! screen_of "$1" | grep -qF -- "$2"; do
		i=$((i + 1))
		if [ $i -gt 300 ]; then
			echo "# window $1 never showed: $2"
			screen_of "$1" | diag
			return 1
		fi
		sleep 0.05
	done
}
login 1 $c1
login 2 $c2
check "the city clerk logs in over ssh and gets the console" wait_on 1 "Main menu"
check "the town clerk too" wait_on 2 "Main menu"
renda_of() { pgrep -u "$1" -x renda; }
check "each console runs as its own account" test -n "$(renda_of $c1)" -a -n "$(renda_of $c2)"
check "  by its real uid, the install's group held back as the saved group only" \
	test "$(ps -o ruser=,egroup=,sgroup= -p "$(renda_of $c2)" | tr -s ' ')" = "$c2 $(id -gn $c2) $SG_GROUP"

# The city clerk opens the voter issues and sees both towns' cases.
tm send-keys -t t:1 6
check "the city clerk opens the voter issues" wait_on 1 "Voter issues"
tm send-keys -t t:1 1
check "  and sees 乍浦镇's case" wait_on 1 乍浦镇路灯不亮
check "  and 新埭镇's" wait_on 1 新埭镇灌溉渠堵塞
# The town clerk of 新埭镇 sees only its own.
tm send-keys -t t:2 6
wait_on 2 "Voter issues" >/dev/null
tm send-keys -t t:2 1
check "the town clerk sees 新埭镇's case" wait_on 2 新埭镇灌溉渠堵塞
check "  and not 乍浦镇's" sh -c "! tmux -L '$TM_SOCK' -u capture-pane -p -t t:2 | grep -q 乍浦镇路灯不亮"
tm send-keys -t t:1 q q 3
check "the city clerk reads the audit trail" wait_on 1 "Audit trail"

# ---- the links go --------------------------------------------------------------------------
r1=$(renda_of $c1)
r2=$(renda_of $c2)
client=$(pgrep -f "ssh -tt -i $S/id-$c1")
check "the city clerk's ssh client is found" test -n "$client"
kill -9 $client
gone() { ! kill -0 "$1" 2>/dev/null; }
wait_gone() { i=0; while ! gone "$1" && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done; gone "$1"; }
check "the client killed: the city clerk's renda is gone" wait_gone "$r1"
# The session's own sshd, which holds the terminal's other end (not its root monitor).
session=$(pgrep -u $c2 -f "sshd: $c2@" | head -n 1)
check "the town clerk's sshd session is found" test -n "$session"
kill -9 $session
check "the server's side killed: the town clerk's renda is gone" wait_gone "$r2"
none() { [ -z "$(pgrep -u "$1")" ]; }
wait_none() { i=0; while ! none "$1" && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done; none "$1"; }
check "no process of $c1 is left" wait_none $c1
check "no process of $c2 is left" wait_none $c2
check "no sshd session of either is left" sh -c "! pgrep -f 'sshd: ($c1|$c2)' >/dev/null"
check "the database is not locked (a write goes through at once)" \
	run 0 timeout 5 sqlite3 "$SG_DB" "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;"
check "and it checks out" run 0 as $adm "$SG_RENDA" check
check "sshd itself still runs" kill -0 "$sshd_pid"
done_testing
