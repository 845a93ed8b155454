#!/usr/bin/env bash
# Cold start of the assembled runtime to the first healthy GET /api/health, and the JVM's RSS then.
# Usage: bench/startup/run.sh [runs]   (build first: mvn -DskipTests install)
# BENCH_RUNTIME=/path runs /path/bin/berth (a copy of runtime/bin and runtime/target) instead, for A/B.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-5}
port=${BENCH_PORT:-18080}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkfifo "$home/pause"

# Is /api/health 200? Asked over bash's /dev/tcp, with no process started: a curl and a sleep per look
# cost ~20 ms of CPU together, a fifth of a core at one look per 50 ms, taken from the start measured.
healthy() {
  local status=''
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET /api/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  read -r -t 2 _ status _ <&3 || true
  exec 3<&-
  [ "$status" = 200 ]
}

pause() { # sleep 0.02 without starting a process
  read -r -t 0.02 _ <>"$home/pause" || true
}

measure() {
  local label=$1
  local t0 t1 pid rss
  t0=$(date +%s%N)
  BERTH_HOME="$home" BERTH_HTTP_PORT=$port BERTH_SHELL_PORT=0 BERTH_ADMIN_PASSWORD=bench-password-123 \
    "${BENCH_RUNTIME:-$here/runtime}/bin/berth" > "$home/berth.log" 2>&1 &
  pid=$!
  until healthy; do
    pause
    kill -0 $pid 2>/dev/null || { echo "berth died"; cat "$home/berth.log"; exit 1; }
  done
  t1=$(date +%s%N)
  jpid=$(pgrep -P $pid java || echo $pid)
  rss=$(ps -o rss= -p "$jpid" | tr -d ' ')
  printf '%-6s start_to_healthy_ms=%d rss_mb=%d\n' "$label" $(( (t1 - t0) / 1000000 )) $(( rss / 1024 ))
  kill -TERM $pid; wait $pid || true
}

# the first run initialises the embedded PostgreSQL cluster (initdb); later runs reuse it like a restart
measure first
for i in $(seq 1 "$runs"); do measure "run$i"; done
