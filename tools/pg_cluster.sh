#!/bin/sh
# A throwaway PostgreSQL cluster for tests (Debian's `postgresql` package).
#   pg_cluster.sh start [DIR] [PORT]   init (if new) and start; prints the conninfo on the last line
#   pg_cluster.sh stop DIR             stop it (fast shutdown); `start DIR` starts it again, same port
#   pg_cluster.sh destroy DIR          stop it and remove DIR
# DIR lives under /tmp and belongs to the postgres user: the server refuses to run as root.
# Trust authentication, listening on 127.0.0.1 only, socket in DIR.
set -eu

BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

die() { echo "pg_cluster.sh: $*" >&2; exit 1; }

# Runs a command as postgres (when we are root) or as ourselves.
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

[ -x "$BIN/initdb" ] && [ -x "$BIN/pg_ctl" ] || die "PostgreSQL binaries not found in $BIN (apt-get install postgresql)"

command=${1:-}
case "$command" in
start)
    dir=${2:-}
    if [ -z "$dir" ]; then
        dir=$(mktemp -d /tmp/uketsuke-pg.XXXXXX)
    fi
    case "$dir" in /tmp/*) ;; *) die "DIR must be under /tmp: $dir" ;; esac
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    chmod 0700 "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
        as_pg "$BIN/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C >"$dir.initdb.log" 2>&1 \
            || { cat "$dir.initdb.log" >&2; rm -f "$dir.initdb.log"; die "initdb failed"; }
        rm -f "$dir.initdb.log"
    fi
    port=${3:-}
    [ -z "$port" ] && [ -f "$dir/uketsuke.port" ] && port=$(cat "$dir/uketsuke.port")
    tries=0
    while :; do
        if [ -z "${3:-}" ] && [ ! -f "$dir/uketsuke.port" ]; then
            # A random free-looking port; a clash shows as a failed start and we try another.
            port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
        fi
        if as_pg "$BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 30 \
            -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null 2>&1; then
            break
        fi
        tries=$((tries + 1))
        if [ "$tries" -ge 5 ] || [ -n "${3:-}" ] || [ -f "$dir/uketsuke.port" ]; then
            tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
            die "could not start the cluster in $dir on port $port"
        fi
    done
    echo "$port" | as_pg tee "$dir/uketsuke.port" >/dev/null
    echo "dir=$dir"
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
stop)
    dir=${2:?usage: pg_cluster.sh stop DIR}
    as_pg "$BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    ;;
destroy)
    dir=${2:?usage: pg_cluster.sh destroy DIR}
    case "$dir" in /tmp/*) ;; *) die "DIR must be under /tmp: $dir" ;; esac
    as_pg "$BIN/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    die "usage: pg_cluster.sh start [DIR] [PORT] | stop DIR | destroy DIR"
    ;;
esac
