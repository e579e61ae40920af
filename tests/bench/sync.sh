#!/bin/sh
# make bench: what recording the towns' exchange costs a write (tests/bench/syncbench.c):
# the same writes on a database that exchanges with no one and on one that has a site's
# key. Prints figures; asserts nothing.
set -u
: "${BUILDDIR:?run through make bench}"
T=$(mktemp -d "${TMPDIR:-/tmp}/renda-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" LC_ALL=C.UTF-8
echo "Recording the exchange (each write its own transaction):"
"$BUILDDIR/tests/bench/syncbench" "${SYNC_BENCH_N:-500}" "$T" | sed 's/^/  /'
