#!/bin/sh
# uketsuke-kiosk-setup on a scratch folder, as an ordinary user: what it copies and writes,
# with which modes, and what it refuses (leaving everything as it was).
# usage: kiosk_setup_test.sh SOURCE_DIR UKETSUKE_BIN UKETSUKE_KIOSK_BIN
set -eu
source_dir=$1
export UKETSUKE_BIN=$2 UKETSUKE_KIOSK_BIN=$3
setup="$source_dir/packaging/uketsuke-kiosk-setup"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export UKETSUKE_SETUP_NO_SYSTEM=1 UKETSUKE_STATE_DIR="$work/state" \
    UKETSUKE_CONFIG="$work/etc/kiosk.toml" UKETSUKE_EXAMPLE_CONFIG="$source_dir/packaging/kiosk.toml"
failures=0
check() { # description, then a command that must succeed
    description=$1
    shift
    if "$@"; then echo "ok   $description"; else echo "FAIL $description"; failures=$((failures + 1)); fi
}
mode_of() { stat -c %a "$1"; }

mkdir -p "$work/in"
"$UKETSUKE_BIN" --event "$work/in/workshop.db" init --name "Setup test" >/dev/null
printf 'staff key bytes' >"$work/in/workshop.staff-key"

out=$(sh "$setup" --event "$work/in/workshop.db" --kiosk-id 'B"2' --hub 'postgresql://k:p\w@h/e' \
    --no-camera --scanner /dev/input/by-id/usb-scan-event-kbd 2>&1) || { echo "$out"; exit 1; }
check "event file copied, 0600" test "$(mode_of "$work/state/event.db")" = 600
check "same bytes" cmp -s "$work/in/workshop.db" "$work/state/event.db"
check "staff key beside it copied, 0600" test "$(mode_of "$work/state/event.staff-key")" = 600
check "secret key never copied" test ! -e "$work/state/workshop.secret-key" -a ! -e "$work/state/event.secret-key"
check "state folder 0700" test "$(mode_of "$work/state")" = 700
check "configuration 0640" test "$(mode_of "$work/etc/kiosk.toml")" = 640
check "event set" grep -qx "event = \"$work/state/event.db\"" "$work/etc/kiosk.toml"
check "kiosk id escaped" grep -qx 'id = "B\\"2"' "$work/etc/kiosk.toml"
check "hub escaped" grep -qx 'hub = "postgresql://k:p\\\\w@h/e"' "$work/etc/kiosk.toml"
check "camera off" sh -c "sed -n '/^\[camera\]/,/^\[/p' '$work/etc/kiosk.toml' | grep -qx 'enabled = false'"
check "scanner set in its section" sh -c "sed -n '/^\[scanner\]/,/^\[/p' '$work/etc/kiosk.toml' | grep -qx 'device = \"/dev/input/by-id/usb-scan-event-kbd\"'"
check "one id line only" test "$(grep -c '^id = ' "$work/etc/kiosk.toml")" = 1
check "devices listed" sh -c "printf '%s' \"\$1\" | grep -q 'Cameras (V4L2):'" sh "$out"

# Another event file over a kiosk's check-ins: refused, nothing changed; --replace keeps a backup.
"$UKETSUKE_BIN" --event "$work/in/other.db" init --name "Other" >/dev/null
cp "$work/etc/kiosk.toml" "$work/config.before"
if sh "$setup" --event "$work/in/other.db" --kiosk-id C >"$work/refused.txt" 2>&1; then
    check "a second event file is refused" false
else
    check "a second event file is refused" grep -q -- "--replace" "$work/refused.txt"
fi
check "refused: the event file is unchanged" cmp -s "$work/in/workshop.db" "$work/state/event.db"
check "refused: the configuration is unchanged" cmp -s "$work/config.before" "$work/etc/kiosk.toml"
sh "$setup" --event "$work/in/other.db" --kiosk-id C --replace >/dev/null 2>&1
check "--replace installs the new one" cmp -s "$work/in/other.db" "$work/state/event.db"
check "--replace keeps the old one" sh -c "cmp -s '$work/in/workshop.db' '$work/state/'event.db.replaced-*"
check "kiosk id changed on a second run" grep -qx 'id = "C"' "$work/etc/kiosk.toml"

# What never goes on a kiosk, or cannot be used.
if sh "$setup" --event "$work/in/workshop.secret-key" >/dev/null 2>&1; then
    check "the .secret-key is refused" false
else check "the .secret-key is refused" true; fi
printf 'not sqlite' >"$work/in/junk.db"
if sh "$setup" --event "$work/in/junk.db" --replace >"$work/junk.txt" 2>&1; then
    check "a file that is not an event is refused" false
else check "a file that is not an event is refused" grep -q 'not an event file' "$work/junk.txt"; fi
printf 'x' >"$work/in/other.db-wal"
if sh "$setup" --event "$work/in/other.db" >"$work/wal.txt" 2>&1; then
    check "an open event file (with a -wal) is refused" false
else check "an open event file (with a -wal) is refused" grep -q 'still open' "$work/wal.txt"; fi

[ "$failures" -eq 0 ] || { echo "$failures checks failed"; exit 1; }
