#!/usr/bin/env bash
# Regenerates the screenshots in docs/ from the real kiosk window under Xvfb,
# running the demo event on its demo frames (landscape 1280×800 and portrait 800×1280),
# staff mode driven by a tap script (tests/app/staff_tour.script, 1280×800), the leave screens
# and the demo's attendance record (docs/attendance-demo.txt).
# Usage: tools/screenshots.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shoot() {  # WIDTH HEIGHT SHOTS_DIR
  mkdir -p "$3"
  SDL_AUDIODRIVER=dummy xvfb-run -a -s "-screen 0 ${1}x${2}x24" \
    "$build/kiosk/app/uketsuke-kiosk" --demo --demo-dir "$work/demo" --windowed "${1}x${2}" \
    --set camera.frames_fps=3 --set camera.frames_loop=false --set timeouts.problem_seconds=3 \
    --screenshot-dir "$3" --exit-when-idle 2 --exit-after 90 >/dev/null
}

shoot 1280 800 "$work/landscape"
cp "$work/landscape/000-attract.png" docs/attract.png
cp "$(ls "$work"/landscape/*-welcome.png | head -1)" docs/welcome-with-map.png
cp "$(ls "$work"/landscape/*-already_checked_in.png | head -1)" docs/already-checked-in.png
cp "$(ls "$work"/landscape/*-problem.not_a_ticket.png | head -1)" docs/problem-not-a-ticket.png
rm -rf "$work/demo"
shoot 800 1280 "$work/portrait"
cp "$(ls "$work"/portrait/*-welcome.png | head -1)" docs/welcome-portrait.png

# Staff mode: a supervisor's tour on the demo event with 18 people already arrived.
rm -rf "$work/demo"
"$build/tools/uketsuke/uketsuke" demo "$work/demo" --arrivals 18 >/dev/null
# The demo's attendance record (出席簿) as it stands before the tour, as the README shows it.
"$build/tools/uketsuke/uketsuke" attendance "$work/demo/event.db" >docs/attendance-demo.txt
mkdir -p "$work/staff"
SDL_AUDIODRIVER=dummy xvfb-run -a -s "-screen 0 1280x800x24" \
  "$build/kiosk/app/uketsuke-kiosk" --windowed 1280x800 --set "event=$work/demo/event.db" \
  --set camera.enabled=false --screenshot-dir "$work/staff" --script tests/app/staff_tour.script \
  --exit-after 120 >/dev/null
for shot in "$work"/staff/staff-*.png; do
  [ "$(basename "$shot")" = staff-closed.png ] || cp "$shot" docs/
done
# Sessions in staff mode: a supervisor pins day 1 and corrects 山田 花子's day 1 to late
# (tests/app/staff_sessions.script), at 1280×800, on a fresh copy of the same event.
"$build/tools/uketsuke/uketsuke" demo "$work/sessions-demo" --arrivals 18 >/dev/null
mkdir -p "$work/sessions"
SDL_AUDIODRIVER=dummy xvfb-run -a -s "-screen 0 1280x800x24" \
  "$build/kiosk/app/uketsuke-kiosk" --windowed 1280x800 \
  --set "event=$work/sessions-demo/event.db" --set camera.enabled=false \
  --screenshot-dir "$work/sessions" --script tests/app/staff_sessions.script \
  --exit-after 90 >/dev/null
for shot in staff-session-pinned attract-pinned staff-session-correct staff-session-corrected; do
  cp "$work/sessions/$shot.png" docs/
done

# Leaving: a kiosk at the exit (kiosk.mode=leave) and 退出する on "already checked in", for
# 山田 花子, one of today's arrivals, on a fresh copy of the same event each time.
code=$(awk -F, '$1 == "山田 花子" { print $4 }' "$work/demo/tickets/tickets.csv")
cp "$work/demo/event.db" "$work/event.pristine.db"
leave_shots() {  # MODE SCRIPT
  cp "$work/event.pristine.db" "$work/demo/event.db"
  rm -f "$work/demo/event.db-wal" "$work/demo/event.db-shm"
  printf '%b' "$2" >"$work/$1.script"
  mkdir -p "$work/$1"
  SDL_AUDIODRIVER=dummy xvfb-run -a -s "-screen 0 1280x800x24" \
    "$build/kiosk/app/uketsuke-kiosk" --windowed 1280x800 --set "event=$work/demo/event.db" \
    --set camera.enabled=false --set "kiosk.mode=$1" --screenshot-dir "$work/$1" \
    --script "$work/$1.script" --exit-after 60 >/dev/null
}
leave_shots leave "wait 1.5\nshot leave-attract\nscan $code\nwait 1.5\nshot leave-goodbye\nexit\n"
leave_shots checkin "wait 1.5\nscan $code\nwait 1.5\nshot already-with-leave-button\nexit\n"
cp "$work/leave/leave-attract.png" "$work/leave/leave-goodbye.png" docs/
cp "$work/checkin/already-with-leave-button.png" docs/
ls -l docs/*.png
