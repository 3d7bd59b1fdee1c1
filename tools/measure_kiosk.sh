#!/usr/bin/env bash
# Measures the running kiosk under Xvfb (software GL): start to first interactive
# frame, CPU when idle with the camera off and with a camera feeding 30 frames a
# second, and peak resident memory. Usage: tools/measure_kiosk.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
kiosk="$build/kiosk/app/uketsuke-kiosk"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/tools/uketsuke/uketsuke" demo "$work/demo" >/dev/null

# A camera stand-in: 30 fps of 1280×720 frames with no code in view (the usual case).
"$kiosk" --demo --demo-dir "$work/demo" --set camera.enabled=false --exit-after 0.1 >/dev/null 2>&1 || true
mkdir -p "$work/empty"
for i in $(seq -w 1 30); do cp "$work/demo/frames/frame-000.png" "$work/empty/f$i.png"; done

cpu_percent() {  # PID SECONDS: CPU used by the process over the interval, in % of one core
  local pid=$1 seconds=$2 hz before after
  hz=$(getconf CLK_TCK)
  before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep "$seconds"
  after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  echo "scale=1; 100 * ($after - $before) / ($hz * $seconds)" | bc
}

run() {  # NAME EXTRA-ARGS...
  local name=$1; shift
  SDL_AUDIODRIVER=dummy xvfb-run -a -s "-screen 0 1280x800x24" "$kiosk" --windowed 1280x800 \
    --set "event=$work/demo/event.db" --events-out "$work/$name.jsonl" --exit-after 40 "$@" >/dev/null 2>&1 &
  local pid=""
  for _ in $(seq 1 50); do
    pid=$(pgrep -n -x uketsuke-kiosk || true)
    [ -n "$pid" ] && break
    sleep 0.1
  done
  sleep 10
  local cpu
  cpu=$(cpu_percent "$pid" 20)
  local rss
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  wait || true
  local startup
  startup=$(grep '"ready"' "$work/$name.jsonl" | sed 's/.*"startup_ms":\([0-9.]*\).*/\1/')
  printf '%-22s start %6.0f ms   CPU %5s %% of one core   peak RSS %6.1f MB\n' "$name" "$startup" "$cpu" \
    "$(echo "scale=1; $rss / 1024" | bc)"
}

run "camera off, idle" --set camera.enabled=false
run "camera on (30 fps)" --set "camera.frames=$work/empty" --set camera.frames_fps=30 --set camera.frames_loop=true
