#!/bin/sh
# Runs a command under an X server of its own: with_xvfb.sh WIDTHxHEIGHTxDEPTH COMMAND [ARG...]
#
# Not xvfb-run: it arms a USR1 trap, starts Xvfb and then `wait`s for Xvfb's "ready" signal,
# and when Xvfb is ready before the shell reaches `wait` the signal is spent and `wait` blocks
# until Xvfb exits, which it never does. Under a loaded CI machine that hung a test for its
# whole timeout about once in ten runs. Here Xvfb picks a free display itself and writes its
# number to a file descriptor once it accepts connections (-displayfd), which cannot be missed.
set -u
screen=$1
shift
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp 3>"$dir/display" >/dev/null 2>"$dir/log" &
xvfb=$!
tries=0
while [ ! -s "$dir/display" ]; do
  if ! kill -0 "$xvfb" 2>/dev/null; then
    echo "Xvfb failed to start: $(cat "$dir/log")" >&2
    exit 1
  fi
  tries=$((tries + 1))
  if [ "$tries" -gt 600 ]; then
    echo "Xvfb did not start within 30 s" >&2
    kill "$xvfb" 2>/dev/null
    exit 1
  fi
  sleep 0.05
done
DISPLAY=":$(cat "$dir/display")" "$@"
status=$?
kill "$xvfb" 2>/dev/null
wait "$xvfb" 2>/dev/null
exit "$status"
