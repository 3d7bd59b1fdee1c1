#!/bin/sh
# packaging/kiosk-session hands the kiosk's own exit status to systemd, although Debian 12's
# cage (0.1.4) exits 0 whatever its application did. A stand-in cage that behaves the same
# (runs what follows `--`, then exits 0) lets this run without a display.
# usage: kiosk_session_test.sh SOURCE_DIR
set -eu
session="$1/packaging/kiosk-session"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/run"
cat >"$work/bin/cage" <<'CAGE'
#!/bin/sh
case "$1" in -s) echo "cage started with -s: VT switching" >&2; exit 0 ;; esac
[ "$1" = -- ] && shift
[ -n "${FAKE_CAGE_DIES:-}" ] && exit 0
"$@" >/dev/null 2>&1 || true
exit 0
CAGE
chmod 755 "$work/bin/cage"
failures=0
expect() { # status, kiosk body, description
    printf '#!/bin/sh\n%s\n' "$2" >"$work/kiosk"
    chmod 755 "$work/kiosk"
    set +e
    PATH="$work/bin:$PATH" RUNTIME_DIRECTORY="$work/run" UKETSUKE_KIOSK="$work/kiosk" \
        sh "$session" --config /etc/uketsuke/kiosk.toml 2>"$work/err"
    status=$?
    set -e
    if [ "$status" -eq "$1" ]; then echo "ok   $3 ($status)"; else
        echo "FAIL $3: status $status, wanted $1"; cat "$work/err"; failures=$((failures + 1)); fi
}
expect 0 'exit 0' "staff ended the kiosk: 0, the unit stays stopped"
expect 2 'exit 2' "an unusable configuration: 2 (RestartPreventExitStatus)"
expect 4 'exit 4' "a failure: its status, the unit restarts"
expect 139 'kill -SEGV $$' "a crash by a signal: 128+11"
expect 0 '[ "$1" = --config ] && [ "$2" = /etc/uketsuke/kiosk.toml ] && [ "$XDG_RUNTIME_DIR" = "'"$work/run"'" ] && exit 0; exit 9' \
    "the kiosk gets its arguments and cage's runtime folder"
FAKE_CAGE_DIES=1 expect 1 'exit 0' "cage ended before the kiosk ran: a failure"
[ "$failures" -eq 0 ] || exit 1
