#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL server for tests and scripts.
#
#   URL="$(bash scripts/services/postgres.sh start DIR)"   # prints postgres://tusk@127.0.0.1:PORT/postgres?sslmode=disable
#   bash scripts/services/postgres.sh stop DIR
#
# DIR is created if missing and holds the cluster (DIR/data), its socket and its log (DIR/server.log).
# The server listens on 127.0.0.1 only (or on $TUSK_SERVICE_HOST, e.g. the bridge address the
# cross-host test's namespaces reach, then accepting any client address), on a free port, with
# trust authentication for the superuser "tusk", UTF-8 and the C.UTF-8 locale, and fsync off (it is for tests). Run as root, it runs as the
# postgres user (PostgreSQL refuses root). Binaries are looked up on PATH, in /usr/local/bin and in
# /usr/lib/postgresql/<newest>/bin. Export the URL as TUSK_TEST_POSTGRES_URL for `swift test`.
set -euo pipefail

usage() { echo "usage: $0 start DIR | stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action="$1"
dir="$2"

find_program() {
    local name="$1" candidate
    if candidate="$(command -v "$name" 2>/dev/null)"; then echo "$candidate"; return; fi
    for candidate in /usr/local/bin/"$name" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r | sed "s|\$|/$name|"); do
        if [ -x "$candidate" ]; then echo "$candidate"; return; fi
    done
    echo "postgres.sh: PostgreSQL's $name was not found on PATH, in /usr/local/bin or in /usr/lib/postgresql/<version>/bin" >&2
    exit 1
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$action" in
start)
    initdb="$(find_program initdb)"
    pg_ctl="$(find_program pg_ctl)"
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_owner "$initdb" -D "$dir/data" -U tusk --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
            || { echo "postgres.sh: initdb failed; see $dir/initdb.log:" >&2; tail -20 "$dir/initdb.log" >&2; exit 1; }
    fi
    host="${TUSK_SERVICE_HOST:-127.0.0.1}"
    if [ "$host" != 127.0.0.1 ] && ! grep -q "^host all all $host/0 trust" "$dir/data/pg_hba.conf"; then
        echo "host all all $host/0 trust" >>"$dir/data/pg_hba.conf"
    fi
    port="$(free_port)"
    options="-p $port -k $dir -c listen_addresses=$host -c fsync=off -c synchronous_commit=off"
    options="$options -c full_page_writes=off -c max_connections=400 -c shared_buffers=32MB"
    as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$options" -w -t 120 start >/dev/null \
        || { echo "postgres.sh: the server did not start; see $dir/server.log:" >&2; tail -20 "$dir/server.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    echo "postgres://tusk@$host:$port/postgres?sslmode=disable"
    ;;
stop)
    pg_ctl="$(find_program pg_ctl)"
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
*)
    usage
    ;;
esac
