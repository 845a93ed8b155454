#!/usr/bin/env bash
# Cold start of the assembled runtime to the first healthy GET /api/health, and the JVM's RSS then.
# Usage: bench/startup/run.sh [runs]   (build first: mvn -DskipTests install)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-5}
port=${BENCH_PORT:-18080}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

measure() {
  local label=$1
  local t0 t1 pid rss
  t0=$(date +%s%N)
  BERTH_HOME="$home" BERTH_HTTP_PORT=$port BERTH_SHELL_PORT=0 BERTH_ADMIN_PASSWORD=bench-password-123 \
    "$here/runtime/bin/berth" > "$home/berth.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/api/health"; do
    sleep 0.05
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
