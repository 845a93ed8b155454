#!/usr/bin/env bash
# bench/api: authenticated GET /api/servers (25 running servers) under 64 connections, against a bare
# Jetty 12 handler that serves the same JSON bytes from memory, in the same run. See README.md.
#
# Usage: bench/api/run.sh [--duration 30] [--warmup 15] [--connections 64] [--threads 2] [--rounds 2]
#                         [--servers 25] [--profile] [--no-build]
# Environment: BENCH_HTTP_PORT, BENCH_SHELL_PORT, BENCH_BARE_PORT (default: random free ports),
#              BERTH_JAVA_OPTS (unset: the launcher's default flags; also used for the bare server),
#              BENCH_KEEP_HOME=1 keeps the temporary BERTH_HOME (logs, JFR file) for inspection.
# Needs: the built runtime (mvn -B -q -DskipTests -Dskip.npm install), wrk, curl, jq.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

duration=30 warmup=15 connections=64 threads=2 rounds=2 servers=25 profile=0 build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --servers) servers=$2; shift 2 ;;
    --profile) profile=1; shift ;;
    --no-build) build=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

. bench/free-port.sh
http_port=${BENCH_HTTP_PORT:-$(free_port)}
shell_port=${BENCH_SHELL_PORT:-$(free_port)}
bare_port=${BENCH_BARE_PORT:-$(free_port)}
launcher_opts="-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:CompileThresholdScaling=0.1 -XX:+UseSerialGC -Xss512k -XX:MaxRAM=1g -Xms64m" # runtime/bin/berth's default
jvm_opts=${BERTH_JAVA_OPTS:-$launcher_opts}
admin_email=admin@example.com
admin_password=bench-password-123
user_email=bench-api@example.com
user_password=bench-password-123
base=http://127.0.0.1:$http_port

for tool in wrk curl jq java; do
  command -v $tool >/dev/null || { echo "bench/api: $tool is missing (wrk: apt-get install -y --no-install-recommends wrk)" >&2; exit 2; }
done
[ -f runtime/target/berth-launcher.jar ] || { echo "bench/api: build first: mvn -B -q -DskipTests -Dskip.npm install" >&2; exit 2; }
for p in $http_port $shell_port $bare_port; do
  if (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "bench/api: port $p is in use" >&2; exit 2; fi
done

if [ $build = 1 ] || [ ! -f bench/api/target/classpath.txt ]; then
  mvn -B -q -f bench/api/pom.xml package
fi
bare_cp="bench/api/target/berth-bench-api-0.1.0-SNAPSHOT.jar:$(cat bench/api/target/classpath.txt)"

home=$(mktemp -d /tmp/berth-bench-api.XXXXXX)
berth_pid='' bare_pid=''
cleanup() {
  for pid in $bare_pid $berth_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  if [ "${BENCH_KEEP_HOME:-0}" = 1 ]; then echo "home kept: $home"; else rm -rf "$home"; fi
}
trap cleanup EXIT
trap 'echo "bench: interrupted (SIGINT)" >&2; exit 130' INT
trap 'echo "bench: terminated by a SIGTERM from outside" >&2; exit 143' TERM

log() { echo "[$(date +%T)] $*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; } # utime+stime of the process, in clock ticks
hz=$(getconf CLK_TCK)

log "starting Berth (FAST simulator) home=$home port=$http_port jvm=[$jvm_opts]"
BERTH_HOME=$home BERTH_HTTP_PORT=$http_port BERTH_SHELL_PORT=$shell_port BERTH_ADMIN_EMAIL=$admin_email \
  BERTH_ADMIN_PASSWORD=$admin_password BERTH_DEMO_PROFILE=fast BERTH_JAVA_OPTS="$jvm_opts" \
  runtime/bin/berth >"$home/berth.log" 2>&1 </dev/null &
berth_pid=$!
for i in $(seq 1 900); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' $base/api/health || true)" = 200 ] && break
  kill -0 $berth_pid 2>/dev/null || { tail -50 "$home/berth.log" >&2; echo "bench/api: Berth exited" >&2; exit 1; }
  [ $i = 900 ] && { echo "bench/api: Berth not healthy after 180 s" >&2; exit 1; }
  sleep 0.2
done
log "healthy"

login() { curl -sf -X POST $base/api/login -H 'Content-Type: application/json' \
  -d "{\"email\":\"$1\",\"password\":\"$2\"}" | jq -r .access_token; }
BERTH_HOME=$home BERTH_SHELL_PORT=$shell_port runtime/bin/berth-shell berth:useradd $user_email $user_password >/dev/null
admin_token=$(login $admin_email $admin_password)
user_id=$(curl -sf "$base/api/admin/users?limit=100" -H "Authorization: Bearer $admin_token" \
  | jq -r --arg e $user_email '.items[] | select(.email == $e) | .id')
curl -sf -X PATCH "$base/api/admin/users/$user_id" -H "Authorization: Bearer $admin_token" \
  -H 'Content-Type: application/json' -d "{\"quotas\":{\"servers\":$servers,\"subdomains\":2}}" >/dev/null
token=$(login $user_email $user_password)
auth="Authorization: Bearer $token"
image_id=$(curl -sf $base/api/images -H "$auth" | jq -r '[.[] | select(.name == "Ubuntu 24.04")][0].id // .[0].id')
plan_id=$(curl -sf $base/api/plans -H "$auth" | jq -r '.[0].id')

log "ordering $servers servers"
for i in $(seq 1 "$servers"); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST $base/api/servers -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"name\":\"api-$i\",\"image_id\":\"$image_id\",\"plan_id\":\"$plan_id\"}")
  [ "$code" = 202 ] || { echo "bench/api: order $i answered $code" >&2; exit 1; }
done
for i in $(seq 1 600); do
  running=$(curl -sf "$base/api/servers?status=running" -H "$auth" | jq '.items | length')
  failed=$(curl -sf "$base/api/servers?status=failed" -H "$auth" | jq '.items | length')
  [ "$failed" != 0 ] && { echo "bench/api: $failed servers failed" >&2; exit 1; }
  [ "$running" = "$servers" ] && break
  [ $i = 600 ] && { echo "bench/api: only $running of $servers running after 300 s" >&2; exit 1; }
  sleep 0.5
done
log "$servers servers running"

curl -sf $base/api/servers -H "$auth" -D "$home/servers.headers" -o "$home/servers.json"
count=$(jq '.items | length' "$home/servers.json")
[ "$count" = "$servers" ] || { echo "bench/api: GET /api/servers returned $count items" >&2; exit 1; }
content_type=$(awk -F': ' 'tolower($1) == "content-type" {sub(/\r$/, "", $2); print $2}' "$home/servers.headers")
body_bytes=$(wc -c <"$home/servers.json")
log "GET /api/servers: $count items, $body_bytes bytes, $content_type"

java $jvm_opts -cp "$bare_cp" io.berth.bench.api.BareJetty $bare_port "$home/servers.json" "$content_type" \
  >"$home/bare.log" 2>&1 </dev/null &
bare_pid=$!
for i in $(seq 1 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$bare_port/api/servers || true)" = 200 ] && break
  [ $i = 100 ] && { echo "bench/api: bare Jetty did not start" >&2; cat "$home/bare.log" >&2; exit 1; }
  sleep 0.2
done
cmp -s "$home/servers.json" <(curl -s http://127.0.0.1:$bare_port/api/servers) \
  || { echo "bench/api: bare Jetty serves other bytes" >&2; exit 1; }

# database transactions (committed + rolled back) of the berth database, from the embedded PostgreSQL
pg_port=$(sed -n 4p "$home/data/postgres/postmaster.pid" 2>/dev/null || true)
xacts() {
  if [ -n "$pg_port" ] && command -v psql >/dev/null; then
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -d berth -At \
      -c "select xact_commit + xact_rollback from pg_stat_database where datname = 'berth'" 2>/dev/null || echo 0
  else echo 0; fi
}

pg_pid=$(sed -n 1p "$home/data/postgres/postmaster.pid" 2>/dev/null || true)
tree_ticks() { # CPU of a process and its children alive now (PostgreSQL: postmaster and backends)
  local total=0 p
  [ -n "$1" ] || { echo 0; return; }
  for p in $1 $(pgrep -P "$1" 2>/dev/null); do total=$((total + $(cpu_ticks "$p" 2>/dev/null || echo 0))); done
  echo $total
}

busy_ticks() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; } # machine-wide busy time (user..steal)

# one wrk run; prints "RESULT …" extended with the CPU use of the server, PostgreSQL, wrk and everything
# else on the machine (other users' builds: the measurement is only clean when others_cpu_pct is small)
run_wrk() { # name url pid seconds
  local name=$1 url=$2 pid=$3 secs=$4 x0 x1 c0 c1 p0 p1 b0 b1 l0 out wrk_cpu
  x0=$(xacts); c0=$(cpu_ticks "$pid"); p0=$(tree_ticks "$pg_pid"); b0=$(busy_ticks); l0=$(load)
  out=$( { TIMEFORMAT='%U %S'; time TOKEN=$token wrk -t"$threads" -c"$connections" -d"${secs}s" --latency \
    -s bench/api/wrk.lua "$url" >"$home/wrk.out"; } 2>&1 )
  c1=$(cpu_ticks "$pid"); p1=$(tree_ticks "$pg_pid"); b1=$(busy_ticks); sleep 1.5; x1=$(xacts)
  wrk_cpu=$(echo "$out" | tail -1 | awk -v hz=$hz '{printf "%d", ($1 + $2) * hz}')
  grep '^RESULT' "$home/wrk.out" | sed "s/^RESULT/RESULT target=$name/" \
    | sed "s|\$| server_cpu_pct=$(( (c1 - c0) * 100 / hz / secs )) pg_cpu_pct=$(( (p1 - p0) * 100 / hz / secs )) wrk_cpu_pct=$(( wrk_cpu * 100 / hz / secs )) others_cpu_pct=$(( (b1 - b0 - (c1 - c0) - (p1 - p0) - wrk_cpu) * 100 / hz / secs )) db_xacts=$((x1 - x0)) load_before=${l0// /,} load_after=$(load | tr ' ' ',')|"
}

log "warm-up ${warmup}s each (JIT), not measured"
TOKEN=$token wrk -t"$threads" -c"$connections" -d"${warmup}s" -s bench/api/wrk.lua $base/api/servers >/dev/null
TOKEN='' wrk -t"$threads" -c"$connections" -d"${warmup}s" -s bench/api/wrk.lua http://127.0.0.1:$bare_port/api/servers >/dev/null

# idle database activity (scheduler polling, reconciliation) over the same time, to subtract
ix0=$(xacts); sleep 10; sleep 1.5; ix1=$(xacts)
idle_xacts_per_s=$(awk -v d=$((ix1 - ix0)) 'BEGIN {printf "%.1f", d / 10}')

results="$home/results.txt"
: >"$results"
for r in $(seq 1 "$rounds"); do
  log "round $r/$rounds: Berth ${duration}s (load $(load))"
  run_wrk berth $base/api/servers $berth_pid "$duration" | tee -a "$results"
  log "round $r/$rounds: bare Jetty ${duration}s (load $(load))"
  run_wrk bare http://127.0.0.1:$bare_port/api/servers $bare_pid "$duration" | tee -a "$results"
done

if [ $profile = 1 ]; then
  log "profiling Berth with JFR for ${duration}s under the same load"
  jfr_file=$home/api.jfr
  jcmd $berth_pid JFR.start name=bench settings=profile filename="$jfr_file" >/dev/null
  TOKEN=$token wrk -t"$threads" -c"$connections" -d"${duration}s" -s bench/api/wrk.lua $base/api/servers >/dev/null
  jcmd $berth_pid JFR.stop name=bench >/dev/null
  python3 bench/api/jfr_summary.py "$jfr_file" || true
fi

echo
echo "== bench/api: GET /api/servers ($count servers, $body_bytes bytes), ${connections} connections, wrk -t$threads, ${duration}s x $rounds rounds"
echo "   build: commit $(git rev-parse --short HEAD 2>/dev/null || echo ?), runtime bundles built $(date -r "runtime/target/system/$(ls -t runtime/target/system | head -1)" +%FT%T 2>/dev/null || echo ?)"
echo "   JVM flags (both): $jvm_opts; CPUs: $(nproc); idle DB transactions/s: $idle_xacts_per_s"
awk -v idle="$idle_xacts_per_s" -v dur="$duration" '
  function field(name,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] } return "" }
  {
    t = field("target"); n[t]++; rps[t, n[t]] = field("rps"); p50[t, n[t]] = field("p50_ms"); p99[t, n[t]] = field("p99_ms")
    err = field("connect_err") + field("read_err") + field("write_err") + field("timeouts") + field("non2xx")
    x = field("db_xacts"); q = (t == "berth" && field("requests") > 0) ? (x - idle * dur) / field("requests") : 0
    printf "   %-5s rps=%8.1f p50=%7.2f ms p99=%7.2f ms errors=%d cpu%%: server %s, postgres %s, wrk %s, others %s; db_xacts/request=%.2f; load %s -> %s\n",
      t, field("rps"), field("p50_ms"), field("p99_ms"), err, field("server_cpu_pct"), field("pg_cpu_pct"), field("wrk_cpu_pct"), field("others_cpu_pct"), q, field("load_before"), field("load_after")
    sum[t] += field("rps")
  }
  END {
    if (n["bare"] > 0 && n["berth"] > 0) {
      printf "   mean rps: berth %.1f, bare %.1f, ratio berth/bare = %.3f (target >= 0.5)\n", sum["berth"] / n["berth"], sum["bare"] / n["bare"], (sum["berth"] / n["berth"]) / (sum["bare"] / n["bare"])
      for (i = 1; i <= n["berth"]; i++) printf "   round %d ratio %.3f\n", i, rps["berth", i] / rps["bare", i]
    }
  }' "$results"
