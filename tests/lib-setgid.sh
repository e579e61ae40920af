# Helpers of the tests of the installed, setgid renda (after tests/lib.sh). They need
# root: real accounts are made with useradd and removed at exit. renda is configured
# and built once per build tree in $BUILDDIR/tests/setgid/ (a release build: no test
# clock) and installed there, setgid to a group made for the test. One such test runs
# at a time (a lock), since they share the installed copy.
#
# After setgid_setup: $SG_RENDA the installed program, $SG_GROUP its group, $SG_DIR the
# database directory (root:$SG_GROUP 2770), $SG_DB the database the program works on;
# as USER CMD... runs CMD as that account (a login-like, clean environment).

# setgid_skip_reason: why these tests cannot run here ("" when they can).
setgid_skip_reason() {
	if [ "$(id -u)" != 0 ]; then
		echo "not run as root"
	elif [ -n "${RENDA_SANITIZED:-}" ]; then
		# LeakSanitizer stops the process with ptrace at exit, which a setgid program forbids.
		echo "the sanitizers cannot run a setgid program (tested in the plain suite)"
	else
		for c in useradd userdel groupadd groupdel runuser flock getent; do
			command -v "$c" >/dev/null 2>&1 || { echo "$c is missing"; return; }
		done
	fi
}

SG_ACCOUNTS=
SG_GROUP=
# Removes the accounts and the group (the EXIT trap calls it).
setgid_cleanup() {
	for u in $SG_ACCOUNTS; do
		pkill -9 -u "$u" 2>/dev/null
		userdel "$u" 2>/dev/null
	done
	[ -z "$SG_GROUP" ] || groupdel "$SG_GROUP" 2>/dev/null
	SG_ACCOUNTS= SG_GROUP=
}

# setgid_setup: takes the lock, makes the group, builds and installs renda setgid to it,
# and makes the empty database directory. Bails out when something fails.
setgid_setup() {
	sg_top="$BUILDDIR/tests/setgid"
	mkdir -p "$sg_top"
	chmod 755 "$BUILDDIR/tests" "$sg_top"
	exec 9>"$sg_top/lock"
	flock 9
	SG_GROUP="rdt$$"
	groupadd "$SG_GROUP" || { echo "Bail out! groupadd $SG_GROUP failed"; exit 1; }
	SG_PREFIX="$sg_top/prefix"
	if [ ! -f "$sg_top/build/Makefile" ]; then
		mkdir -p "$sg_top/build"
		(cd "$sg_top/build" && "$SRCDIR/configure" -q --prefix="$SG_PREFIX" --enable-werror \
			CFLAGS='-O0 -g') >"$T/configure.log" 2>&1 ||
			{ echo "Bail out! configure of the installed copy failed"; diag <"$T/configure.log"; exit 1; }
	fi
	# A fresh prefix: files an older tree installed (a migration since renamed) would stay.
	rm -rf "$SG_PREFIX"
	make -s -C "$sg_top/build" -j2 >"$T/build.log" 2>&1 &&
		make -s -C "$sg_top/build" install RENDA_GROUP="$SG_GROUP" >"$T/install.log" 2>&1 ||
		{ echo "Bail out! build or install of the installed copy failed"; tail -n 20 "$T/build.log" "$T/install.log" | diag; exit 1; }
	SG_RENDA="$SG_PREFIX/bin/renda"
	chmod -R go+rX "$SG_PREFIX"
	# The installed copy keeps its database under its own prefix's var/lib/renda.
	SG_DIR="$SG_PREFIX/var/lib/renda"
	SG_DB="$SG_DIR/renda.db"
	rm -rf "$SG_PREFIX/var" "$SG_PREFIX/etc"
	mkdir -p "$SG_PREFIX/var/lib" "$SG_PREFIX/etc"
	chmod 755 "$SG_PREFIX/var" "$SG_PREFIX/var/lib" "$SG_PREFIX/etc"
	install -d -g "$SG_GROUP" -m 2770 "$SG_DIR"
	mkdir -p "$T/home"
}

# account NAME: a new OS account with a home of its own (removed at exit).
account() {
	useradd -m -d "$T/home/$1" -s /bin/sh -N "$1" 2>"$T/useradd.err" ||
		{ echo "Bail out! useradd $1 failed: $(head -n 1 "$T/useradd.err")"; exit 1; }
	SG_ACCOUNTS="$SG_ACCOUNTS $1"
	chmod 700 "$T/home/$1"
}

# as USER CMD...: runs CMD as USER, in its home, with a clean environment.
as() {
	sg_u=$1
	shift
	(cd "$T/home/$sg_u" && runuser -u "$sg_u" -- env -i HOME="$T/home/$sg_u" \
		PATH=/usr/bin:/bin LC_ALL=C.UTF-8 TZ=Asia/Shanghai TERM=xterm "$@")
}
