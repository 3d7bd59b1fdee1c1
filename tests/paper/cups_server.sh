#!/bin/bash
# A throwaway CUPS server for the printing tests: its own configuration, spool and socket in a
# folder under /tmp, no network, no systemd, nothing of the machine's own CUPS touched.
#   cups_server.sh start            start one; prints dir=DIR and socket=DIR/cups.sock
#   cups_server.sh stop DIR         stop it and remove DIR
# Queues use the `capture` backend installed here: each job's document lands, as sent, in the
# folder its device URI names (capture:/DIR/out → DIR/out/job-N.pdf). Runs as root (cupsd
# starts as root and drops to lp for filters; the capture backend is 0700 so it stays root).
set -eu

die() { echo "cups_server.sh: $*" >&2; exit 1; }

case "${1:-}" in
start)
    command -v cupsd >/dev/null 2>&1 || [ -x /usr/sbin/cupsd ] ||
        die "cupsd is not installed (apt-get install cups-daemon cups-client)"
    [ "$(id -u)" = 0 ] || die "cupsd must be started as root"
    dir=$(mktemp -d /tmp/uketsuke-cups.XXXXXX)
    chmod 0755 "$dir"
    mkdir -p "$dir/spool" "$dir/tmp" "$dir/cache" "$dir/state" "$dir/log" "$dir/out" \
        "$dir/bin/backend" "$dir/ppd"
    chmod 0710 "$dir/spool"
    chmod 1777 "$dir/tmp"
    for part in daemon filter cgi-bin notifier monitor driver; do
        [ -e "/usr/lib/cups/$part" ] && ln -s "/usr/lib/cups/$part" "$dir/bin/$part"
    done
    cat >"$dir/bin/backend/capture" <<'BACKEND'
#!/bin/sh
# capture: writes each job's document to the folder of its device URI, as job-ID.pdf.
if [ $# -eq 0 ]; then
    echo 'direct capture "Unknown" "Uketsuke test capture"'
    exit 0
fi
out=${DEVICE_URI#capture:}
if [ $# -ge 6 ]; then cp "$6" "$out/job-$1.part"; else cat >"$out/job-$1.part"; fi
mv "$out/job-$1.part" "$out/job-$1.pdf"
exit 0
BACKEND
    chmod 0700 "$dir/bin/backend/capture"
    cat >"$dir/cups-files.conf" <<FILES
ServerRoot $dir
RequestRoot $dir/spool
TempDir $dir/tmp
CacheDir $dir/cache
StateDir $dir/state
ServerBin $dir/bin
ErrorLog $dir/log/error_log
AccessLog $dir/log/access_log
PageLog $dir/log/page_log
SystemGroup root
Sandboxing Relaxed
FILES
    cat >"$dir/cupsd.conf" <<CONF
Listen $dir/cups.sock
LogLevel warn
Browsing No
DefaultPolicy open
JobRetryLimit 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy open>
  JobPrivateAccess default
  JobPrivateValues default
  SubscriptionPrivateAccess default
  SubscriptionPrivateValues default
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
    # cupsd stays in the background: it must not hold any descriptor of whoever started this
    # script (a test reading our output until end of file would wait for cupsd to exit).
    (
        for fd in /proc/self/fd/*; do
            fd=${fd##*/}
            if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        exec setsid /usr/sbin/cupsd -f -c "$dir/cupsd.conf" -s "$dir/cups-files.conf" \
            >"$dir/log/cupsd.out" 2>&1 </dev/null
    ) &
    echo $! >"$dir/cupsd.pid"
    tries=0
    until [ -S "$dir/cups.sock" ] && lpstat -h "$dir/cups.sock" -r >/dev/null 2>&1; do
        tries=$((tries + 1))
        if [ $tries -gt 100 ] || ! kill -0 "$(cat "$dir/cupsd.pid")" 2>/dev/null; then
            cat "$dir/log/cupsd.out" "$dir/log/error_log" 2>/dev/null >&2 || true
            kill "$(cat "$dir/cupsd.pid")" 2>/dev/null || true
            rm -rf "$dir"
            die "cupsd did not start"
        fi
        sleep 0.1
    done
    echo "dir=$dir"
    echo "socket=$dir/cups.sock"
    ;;
stop)
    dir=${2:-}
    case "$dir" in /tmp/uketsuke-cups.*) ;; *) die "not a test server folder: $dir" ;; esac
    if [ -f "$dir/cupsd.pid" ]; then
        pid=$(cat "$dir/cupsd.pid")
        kill "$pid" 2>/dev/null || true
        tries=0
        while kill -0 "$pid" 2>/dev/null && [ $tries -lt 50 ]; do
            tries=$((tries + 1))
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: cups_server.sh start | stop DIR" >&2
    exit 2
    ;;
esac
