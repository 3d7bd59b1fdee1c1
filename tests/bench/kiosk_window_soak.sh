#!/usr/bin/env bash
# The real kiosk window under Xvfb, per renderer (display.renderer): memory, start-up and a
# soak of scans through the camera path (#16 §2, #14's soak). Not a test: figures to read.
#
#   tests/bench/kiosk_window_soak.sh [--build DIR] [--scans N] [--people N] [--fps F]
#                                    [--renderers "software opengl"]
#
# The demo event plus N people (Latin names, so the atlas stays as it was) and their tickets;
# a frame folder (camera.frames) of distinct tickets played once: every tenth a ticket of
# another event (the problem screen), the rest the event's people in order, so the first pass
# over them is welcomes and every later pass "already checked in". After 1,000 check-ins one
# more person is imported into the event file while the kiosk runs, a name with characters the
# atlas lacks (齋藤 鷗外), and their ticket comes up 150 scans later: the atlas is rebuilt.
#
# Per renderer it prints: start-up (process start → first frame, the kiosk's `ready` event),
# resident memory (VmRSS) once ready, after 1,000 check-ins, after the atlas rebuild and at the
# end, the peak (VmHWM), scans read of frames played and how many a full queue dropped, the
# outcomes, and frame → committed in its two parts (frame → decoded, the scan's latency_ms;
# scan read → check-in result in the loop's hands, the result's scan_ms) p50/p99 over the
# first and the last 2,000 scans. Faster than the kiosk can commit and draw (about 20 scans a
# second on a busy 2-core machine) the flow's queue of eight waiting scans fills and drops.
# The rest of scan read → committed is the loop drawing: a result waits for the frame being
# drawn (two per new screen, and one per camera preview) before the loop takes it.
# Budgets: peak ≤ 100 MB without a GPU; growth start → end ≤ 10 MB beyond the atlas; p99 of
# frame → committed ≤ 20 ms and no slower at the end than at the start.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=build
scans=20000
people=2000
fps=20
renderers="software opengl"
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --scans) scans=$2; shift 2 ;;
    --people) people=$2; shift 2 ;;
    --fps) fps=$2; shift 2 ;;
    --renderers) renderers=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
kiosk="$PWD/$build/kiosk/app/uketsuke-kiosk"
cli="$PWD/$build/tools/uketsuke/uketsuke"
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"' EXIT

# The event: the demo (a session open today) and `people` more.
"$cli" demo "$work/base" >/dev/null
{
  echo "受付番号,氏名,フリガナ,所属,役割,メールアドレス,経験年数,状態"
  for i in $(seq -w 1 "$people"); do
    echo "S-$i,Person $i,パーソン,青葉市,参加者,s$i@example.jp,1,参加"
  done
} >"$work/people.csv"
"$cli" -e "$work/base/event.db" import "$work/people.csv" >/dev/null
"$cli" -e "$work/base/event.db" tickets --out "$work/tickets" >/dev/null
# The newcomer's ticket, issued from a copy holding them (same event, same key).
echo "受付番号,氏名,フリガナ,所属,役割,メールアドレス,経験年数,状態" >"$work/newcomer.csv"
echo "NEW-1,齋藤 鷗外,サイトウ オウガイ,森町,参加者,new@example.jp,1,参加" >>"$work/newcomer.csv"
mkdir -p "$work/copy"
cp "$work/base/event.db" "$work/base/event.secret-key" "$work/copy/"
"$cli" -e "$work/copy/event.db" import "$work/newcomer.csv" >/dev/null
"$cli" -e "$work/copy/event.db" tickets --out "$work/copy-tickets" >/dev/null
# Tickets of another event: "this ticket is for another event".
mkdir -p "$work/other" && "$cli" -e "$work/other/event.db" init --name "Other" >/dev/null
{
  echo "受付番号,氏名,フリガナ,所属,役割,メールアドレス,経験年数,状態"
  for i in $(seq -w 1 200); do echo "O-$i,Other $i,アザー,港南市,参加者,o$i@example.jp,1,参加"; done
} >"$work/other.csv"
"$cli" -e "$work/other/event.db" import "$work/other.csv" >/dev/null
"$cli" -e "$work/other/event.db" tickets --out "$work/other-tickets" >/dev/null

# The frame folder: links to ticket images, one frame a scan.
mkdir -p "$work/frames"
mapfile -t own < <(ls "$work/tickets"/S-*.png)
mapfile -t others < <(ls "$work/other-tickets"/*.png)
newcomer_at=$((1000 * 10 / 9 + 150))  # 150 scans after the 1,000th check-in
person=0
for ((i = 0; i < scans; i++)); do
  if [ "$i" -eq "$newcomer_at" ]; then
    image="$work/copy-tickets/NEW-1.png"
  elif [ $((i % 10)) -eq 9 ]; then
    image=${others[$((i / 10 % ${#others[@]}))]}
  else
    image=${own[$((person % ${#own[@]}))]}
    person=$((person + 1))
  fi
  ln -s "$image" "$work/frames/$(printf 'f%06d.png' "$i")"
done

rss_kb() { awk -v key="$2:" '$1 == key {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
mb() { awk -v kb="$1" 'BEGIN {printf "%.1f", kb / 1024}'; }

soak() {  # RENDERER
  local renderer=$1 dir="$work/run-$renderer"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$work/base/event.db" "$work/base/event.staff-key" "$dir/" 2>/dev/null || cp "$work/base/event.db" "$dir/"
  local events="$dir/events.jsonl"
  SDL_AUDIODRIVER=dummy sh tests/app/with_xvfb.sh 1280x800x24 "$kiosk" --windowed 1280x800 \
    --set "event=$dir/event.db" --set camera.enabled=false --set "camera.frames=$work/frames" \
    --set "camera.frames_fps=$fps" --set camera.frames_loop=false --set sound.enabled=false \
    --set "display.renderer=$renderer" --events-out "$events" --exit-when-idle 3 \
    >"$dir/out.txt" 2>&1 &
  local shell=$! pid=""
  for _ in $(seq 1 200); do
    pid=$(pgrep -P "$shell" -x uketsuke-kiosk || true)
    [ -n "$pid" ] && break
    sleep 0.05
  done
  [ -n "$pid" ] || { echo "$renderer: the kiosk did not start" >&2; cat "$dir/out.txt" >&2; return 1; }
  local start="" thousand="" rebuilt="" last=0 peak=0 imported=0 rebuilt_seen=0
  while kill -0 "$pid" 2>/dev/null; do
    local now hwm checked
    now=$(rss_kb "$pid" VmRSS)
    hwm=$(rss_kb "$pid" VmHWM)
    [ -n "$now" ] && [ "$now" -gt 0 ] && last=$now
    [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
    if [ -z "$start" ] && grep -q '"type":"ready"' "$events" 2>/dev/null; then
      sleep 1
      start=$(rss_kb "$pid" VmRSS)
    fi
    checked=$(grep -c '"outcome":"checked-in"' "$events" 2>/dev/null || true)
    if [ -z "$thousand" ] && [ "${checked:-0}" -ge 1000 ]; then
      thousand=$(rss_kb "$pid" VmRSS)
      "$cli" -e "$dir/event.db" import "$work/newcomer.csv" >/dev/null
      imported=1
    fi
    if [ "$imported" -eq 1 ] && [ "$rebuilt_seen" -eq 0 ] && grep -q '"type":"atlas"' "$events"; then
      rebuilt_seen=1
      sleep 1
      rebuilt=$(rss_kb "$pid" VmRSS)
    fi
    sleep 0.5
  done
  wait "$shell" || true
  local ready_ms atlas_ms
  ready_ms=$(grep -m1 '"type":"ready"' "$events" | sed 's/.*"startup_ms":\([0-9.]*\).*/\1/')
  atlas_ms=$(grep -m1 '"type":"atlas"' "$events" | sed 's/.*"build_ms":\([0-9.]*\).*/\1/' || true)
  printf '\n== %s renderer (%s)\n' "$renderer" \
    "$(grep -m1 '"type":"ready"' "$events" | sed 's/.*"gl_renderer":"\([^"]*\)".*/\1/;s/^$/no OpenGL loaded/')"
  printf 'start-up %.0f ms; atlas rebuilt for the newcomer in %s ms\n' "$ready_ms" "${atlas_ms:-(not rebuilt)}"
  printf 'resident: ready %s MB, after 1,000 check-ins %s MB, after the atlas rebuild %s MB, end %s MB, peak %s MB\n' \
    "$(mb "${start:-0}")" "$(mb "${thousand:-0}")" "$(mb "${rebuilt:-0}")" "$(mb "$last")" "$(mb "$peak")"
  # Per result, scan_ms: the scan read by the loop → its result in the loop's hands (the
  # check-in committed, with any wait in the flow's queue); per scan, latency_ms: frame
  # captured → decoded. Frame → committed is the sum of the two.
  awk -v frames="$scans" '
    function pct(list, n, q,   i, j, t, k) {
      for (i = 2; i <= n; i++) { t = list[i]; for (j = i - 1; j >= 1 && list[j] > t; j--) list[j + 1] = list[j]; list[j + 1] = t }
      k = int(q * (n - 1)) + 1; return list[k]
    }
    /"type":"scan"/ {
      match($0, /"latency_ms":[0-9.e+-]+/); scans++; decoded[scans] = substr($0, RSTART + 13, RLENGTH - 13) + 0
    }
    /"type":"result"/ && /"scan_ms"/ {
      match($0, /"outcome":"[a-z_-]*"/); outcome[substr($0, RSTART + 11, RLENGTH - 12)]++
      match($0, /"scan_ms":[0-9]+/); results++; total[results] = substr($0, RSTART + 10, RLENGTH - 10) + 0
      match($0, /"commit_ms":[0-9.e+-]+/); committed[results] = substr($0, RSTART + 12, RLENGTH - 12) + 0
    }
    END {
      printf "frames %d, scans read %d, answered %d (%d dropped by a full queue of waiting scans):", frames, scans, results, scans - results
      for (o in outcome) printf " %s %d", o, outcome[o]
      printf "\n"
      w = results < 4000 ? int(results / 2) : 2000
      for (i = 1; i <= w; i++) { a[i] = total[i]; b[i] = total[results - w + i] }
      for (i = 1; i <= w; i++) { c[i] = decoded[i]; d[i] = decoded[scans - w + i] }
      for (i = 1; i <= w; i++) { e[i] = committed[i]; f[i] = committed[results - w + i] }
      printf "scan read -> committed, first %d: p50 %d ms, p99 %d ms; last %d: p50 %d ms, p99 %d ms\n",
        w, pct(a, w, 0.5), pct(a, w, 0.99), w, pct(b, w, 0.5), pct(b, w, 0.99)
      printf "  of which the worker, submit -> committed (fsync), first %d: p50 %.1f ms, p99 %.1f ms; last %d: p50 %.1f ms, p99 %.1f ms\n",
        w, pct(e, w, 0.5), pct(e, w, 0.99), w, pct(f, w, 0.5), pct(f, w, 0.99)
      printf "frame -> decoded, first %d: p50 %.1f ms, p99 %.1f ms; last %d: p50 %.1f ms, p99 %.1f ms\n",
        w, pct(c, w, 0.5), pct(c, w, 0.99), w, pct(d, w, 0.5), pct(d, w, 0.99)
    }' "$events"
}

echo "kiosk window soak: $scans frames at $fps fps, $people people + the demo's 30, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
for renderer in $renderers; do soak "$renderer"; done
