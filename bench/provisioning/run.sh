#!/usr/bin/env bash
# bench/provisioning: N servers (200) ordered at once against the Proxmox VE simulator (own process,
# REALISTIC latencies); makespan (first order -> last server running) against the simulator's bound,
# Berth JVM CPU per server, and duplicates (VMs per server, clone requests per VM id). See README.md.
#
# Usage: bench/provisioning/run.sh [--servers 200] [--per-user 200] [--timeout 900]
#          [--clone-max-per-storage N] [--clone-max-per-shared-storage N] [--clone-max-per-node N]
#          [--clone-slot-wait-ms N] [--clone-slot-retry-ms N]
#          [--scheduler-threads N] [--task-poll-ms N] [--polling-ms N] [--task-watch-ms N]
#          [--warm-up N]   (first N servers provisioned and terminated, then the measured burst)
# Unset tuning options keep Berth's defaults (no etc/ file is written for them).
# Environment: BENCH_HTTP_PORT, BENCH_SHELL_PORT, BENCH_SIM_PORT (default: random free ports),
#              BERTH_JAVA_OPTS (unset: the launcher's default flags), BENCH_KEEP_HOME=1 keeps the home,
#              BENCH_SIM_JAVA_OPTS (unset: -XX:TieredStopAtLevel=1, the simulator's JIT done in its warm-up),
#              BENCH_RUNTIME (a copy of runtime/ to run), BENCH_SIM_JAR (another simulator jar, for A/B runs).
# Needs: the built runtime and simulator (mvn -B -q -DskipTests -Dskip.npm install), curl >= 7.66, jq.
set -euo pipefail
cd "$(dirname "$0")/../.."

servers=200 per_user=200 timeout=900 warm_up=0
clone_storage='' clone_shared='' clone_node='' clone_wait='' clone_retry='' sched_threads='' task_poll='' polling='' task_watch=''
while [ $# -gt 0 ]; do
  case "$1" in
    --servers) servers=$2; shift 2 ;;
    --per-user) per_user=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --warm-up) warm_up=$2; shift 2 ;;
    --clone-max-per-storage) clone_storage=$2; shift 2 ;;
    --clone-max-per-shared-storage) clone_shared=$2; shift 2 ;;
    --clone-max-per-node) clone_node=$2; shift 2 ;;
    --clone-slot-wait-ms) clone_wait=$2; shift 2 ;;
    --clone-slot-retry-ms) clone_retry=$2; shift 2 ;;
    --scheduler-threads) sched_threads=$2; shift 2 ;;
    --task-poll-ms) task_poll=$2; shift 2 ;;
    --polling-ms) polling=$2; shift 2 ;;
    --task-watch-ms) task_watch=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

. bench/free-port.sh
http_port=${BENCH_HTTP_PORT:-$(free_port)}
shell_port=${BENCH_SHELL_PORT:-$(free_port)}
sim_port=${BENCH_SIM_PORT:-$(free_port)}
admin_email=admin@example.com
admin_password=bench-password-123
user_password=bench-password-123
base=http://127.0.0.1:$http_port
sim_jar=${BENCH_SIM_JAR:-testbeds/pve-sim/target/berth-testbed-pve-sim-0.1.0-SNAPSHOT-standalone.jar}

for tool in curl jq java; do command -v $tool >/dev/null || { echo "bench/provisioning: $tool is missing" >&2; exit 2; }; done
[ -f runtime/target/berth-launcher.jar ] && [ -f $sim_jar ] \
  || { echo "bench/provisioning: build first: mvn -B -q -DskipTests -Dskip.npm install" >&2; exit 2; }
for p in $http_port $shell_port $sim_port; do
  if (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "bench/provisioning: port $p is in use" >&2; exit 2; fi
done

home=$(mktemp -d /tmp/berth-bench-prov.XXXXXX)
berth_pid='' sim_pid=''
cleanup() {
  for pid in $berth_pid $sim_pid; do
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
now() { date +%s.%N; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; } # utime+stime, clock ticks
tree_ticks() { # CPU of a process and all its descendants that are alive now
  local total=0 p
  for p in $1 $(pgrep -P "$1" 2>/dev/null); do total=$((total + $(cpu_ticks "$p"))); done
  echo $total
}
hz=$(getconf CLK_TCK)
thread_ticks() { # "name ticks" per thread of a process, digits in names folded to N (BENCH_THREAD_CPU=1)
  local t
  for t in /proc/$1/task/*; do
    awk '{ s = $0; sub(/^[^(]*\(/, "", s); name = s; sub(/\).*$/, "", name); sub(/^.*\) /, "", s);
           split(s, f, " "); gsub(/[0-9]+/, "N", name); print name "\t" f[12] + f[13] }' "$t/stat" 2>/dev/null || true
  done | awk -F'\t' '{ a[$1] += $2 } END { for (k in a) print k "\t" a[k] }'
}

# -- the simulator, as its own process (so its CPU is not Berth's) --------------------------------------
secret=$(cat /proc/sys/kernel/random/uuid)
log "starting the simulator (REALISTIC) on port $sim_port"
cp "$sim_jar" "$home/pve-sim.jar" # a rebuild during the run must not change the classes under it
PVE_SIM_TOKEN_SECRET=$secret java ${BENCH_SIM_JAVA_OPTS--XX:TieredStopAtLevel=1} -jar "$home/pve-sim.jar" --port "$sim_port" --profile realistic --warm-up "${BENCH_SIM_WARM_UP:-300}" >"$home/sim.log" 2>&1 </dev/null &
sim_pid=$!
for i in $(seq 1 600); do # up to 2 min: the warm-up comes first
  grep -q 'fingerprint:' "$home/sim.log" 2>/dev/null && break
  kill -0 $sim_pid 2>/dev/null || { cat "$home/sim.log" >&2; exit 1; }
  [ $i = 600 ] && { echo "bench/provisioning: simulator did not start" >&2; cat "$home/sim.log" >&2; exit 1; }
  sleep 0.2
done
sim_url=$(sed -n 's/^PVE simulator listening on \([^ ]*\).*/\1/p' "$home/sim.log")
fingerprint=$(sed -n 's/^ *fingerprint: *//p' "$home/sim.log")
token_id=$(sed -n 's/^ *token id: *//p' "$home/sim.log")
sim_state() { curl -sk "$sim_url/_sim/state"; }

# -- Berth's configuration: the simulator as the only Proxmox cluster -----------------------------------
mkdir -p "$home/etc"
{
  echo "berth.hypervisor.id=\"pve-demo\""
  echo "api.url=\"$sim_url\""
  echo "token.id=\"$token_id\""
  echo ".token.secret=\"$secret\""
  echo "tls.fingerprint.sha256=\"$fingerprint\""
  [ -n "$clone_storage" ] && echo "clone.max.per.storage=I\"$clone_storage\""
  [ -n "$clone_shared" ] && echo "clone.max.per.shared.storage=I\"$clone_shared\""
  [ -n "$clone_node" ] && echo "clone.max.per.node=I\"$clone_node\""
  [ -n "$clone_wait" ] && echo "clone.slot.wait.ms=I\"$clone_wait\""
  [ -n "$clone_retry" ] && echo "clone.slot.retry.ms=I\"$clone_retry\""
  [ -n "$task_watch" ] && echo "task.watch.ms=I\"$task_watch\""
  true
} >"$home/etc/io.berth.provider.proxmox-bench.config"
echo 'images=["pve-demo|pve1/9000|Ubuntu 24.04|ubuntu|10|linked"]' >"$home/etc/io.berth.core.catalog.config"
printf 'first="10.10.0.10"\nlast="10.10.3.250"\nprefix_length=I"22"\n' >"$home/etc/io.berth.core.pool.config"
if [ -n "$sched_threads$task_poll$polling" ]; then
  {
    [ -n "$sched_threads" ] && echo "threads=I\"$sched_threads\""
    [ -n "$task_poll" ] && echo "task.poll.interval.ms=L\"$task_poll\""
    [ -n "$polling" ] && echo "polling.interval.ms=L\"$polling\""
    true
  } >"$home/etc/io.berth.scheduler.config"
fi
settings="clone.max.per.storage=${clone_storage:-default(2)} clone.max.per.shared.storage=${clone_shared:-default(0)}"
settings+=" clone.max.per.node=${clone_node:-default(2)} clone.slot.wait.ms=${clone_wait:-default(0)}"
settings+=" clone.slot.retry.ms=${clone_retry:-default(1000)} scheduler.threads=${sched_threads:-default(32)}"
settings+=" task.poll.interval.ms=${task_poll:-default(1000)} polling.interval.ms=${polling:-default(300)}"
settings+=" task.watch.ms=${task_watch:-default(100)} warm-up=$warm_up"

log "starting Berth home=$home port=$http_port ($settings)"
BERTH_HOME=$home BERTH_HTTP_PORT=$http_port BERTH_SHELL_PORT=$shell_port BERTH_ADMIN_EMAIL=$admin_email \
  BERTH_ADMIN_PASSWORD=$admin_password ${BENCH_RUNTIME:-runtime}/bin/berth >"$home/berth.log" 2>&1 </dev/null &
berth_pid=$!
for i in $(seq 1 900); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' $base/api/health || true)" = 200 ] && break
  kill -0 $berth_pid 2>/dev/null || { tail -50 "$home/berth.log" >&2; echo "bench/provisioning: Berth exited" >&2; exit 1; }
  [ $i = 900 ] && { echo "bench/provisioning: Berth not healthy after 180 s" >&2; exit 1; }
  sleep 0.2
done
grep -q 'demo mode: no Proxmox' "$home/berth.log" && { echo "bench/provisioning: Berth is in demo mode" >&2; exit 1; }
# the catalog's image appears once the provider is up
login() { curl -sf -X POST $base/api/login -H 'Content-Type: application/json' \
  -d "{\"email\":\"$1\",\"password\":\"$2\"}" | jq -r .access_token; }
admin_token=$(login $admin_email $admin_password)
for i in $(seq 1 120); do # the provider registers a little after the API answers
  curl -s $base/api/health | jq -e '.checks | to_entries | map(select(.key | test("pve-demo"))) | .[0].value.status == "UP"' >/dev/null && break
  [ $i = 120 ] && { echo "bench/provisioning: hypervisor pve-demo not UP: $(curl -s $base/api/health)" >&2; exit 1; }
  sleep 0.5
done
log "healthy: $(curl -s $base/api/health | jq -c .checks)"

# -- users with quota ------------------------------------------------------------------------------------
users=$(( (servers + per_user - 1) / per_user ))
declare -a tokens
for u in $(seq 1 $users); do
  email=bench-prov-$u@example.com
  BERTH_HOME=$home BERTH_SHELL_PORT=$shell_port ${BENCH_RUNTIME:-runtime}/bin/berth-shell berth:useradd "$email" $user_password >/dev/null
  id=$(curl -sf "$base/api/admin/users?limit=100" -H "Authorization: Bearer $admin_token" \
    | jq -r --arg e "$email" '.items[] | select(.email == $e) | .id')
  [ -n "$id" ] || { echo "bench/provisioning: user $email not found (more than 100 users?)" >&2; exit 1; }
  curl -sf -X PATCH "$base/api/admin/users/$id" -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
    -d "{\"quotas\":{\"servers\":$per_user,\"subdomains\":2}}" >/dev/null
  tokens[$u]=$(login "$email" $user_password)
done
auth1="Authorization: Bearer ${tokens[1]}"
for i in $(seq 1 60); do
  image_id=$(curl -sf $base/api/images -H "$auth1" | jq -r '[.[] | select(.name == "Ubuntu 24.04")][0].id // empty')
  [ -n "$image_id" ] && break
  sleep 0.5
done
[ -n "$image_id" ] || { echo "bench/provisioning: no image in the catalog" >&2; exit 1; }
plan_id=$(curl -sf $base/api/plans -H "$auth1" | jq -r '[.[] | select(.name == "small")][0].id // .[0].id')

# -- orders: one curl config per burst, all transfers in parallel -----------------------------------------
write_orders() { # write_orders PREFIX COUNT DIR: the curl config for COUNT orders named PREFIX-i
  local prefix=$1 count=$2 dir=$3 i u
  : >"$dir.curl"
  mkdir -p "$dir"
  for i in $(seq 1 "$count"); do
    u=$(( (i - 1) / per_user + 1 ))
    {
      echo "url = \"$base/api/servers\""
      echo "header = \"Authorization: Bearer ${tokens[$u]}\""
      echo "header = \"Content-Type: application/json\""
      echo "data = \"{\\\"name\\\":\\\"$prefix-$i\\\",\\\"image_id\\\":\\\"$image_id\\\",\\\"plan_id\\\":\\\"$plan_id\\\"}\""
      echo "output = \"$dir/$i.json\""
      echo "write-out = \"%{http_code} $i\\n\""
      if [ "$i" -lt "$count" ]; then echo "next"; fi
    } >>"$dir.curl"
  done
}
list_all() { # every server of the measured burst (named prov-*), one JSON array (admin view, pages of 100)
  local cursor='' page
  while :; do
    page=$(curl -sf --retry 5 --retry-all-errors --retry-delay 1 "$base/api/admin/servers?limit=100${cursor:+&cursor=$cursor}" -H "Authorization: Bearer $admin_token")
    echo "$page" | jq -c '.items[]'
    cursor=$(echo "$page" | jq -r '.next_cursor // empty')
    [ -n "$cursor" ] || break
  done | jq -s "map(select(.name | startswith(\"${1:-prov}-\")))"
}

# -- optional warm-up: a burst provisioned and terminated first, so the measured one meets a warm JVM ----
if [ "$warm_up" -gt 0 ]; then
  log "warm-up: ordering $warm_up servers"
  write_orders warm "$warm_up" "$home/warm-orders"
  curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max "$warm_up" -K "$home/warm-orders.curl" >/dev/null 2>&1
  for i in $(seq 1 600); do
    settled=$(list_all warm | jq '[.[] | select(.status == "running" or .status == "failed")] | length')
    [ "$settled" -ge "$warm_up" ] && break
    sleep 1
  done
  list_all warm | jq -r '.[].id' | while read -r id; do
    for t in "${tokens[@]}"; do # the owner's token deletes it; the others get 404
      curl -sf -X DELETE "$base/api/servers/$id" -H "Authorization: Bearer $t" >/dev/null && break
    done
  done
  for i in $(seq 1 600); do
    left=$(list_all warm | jq '[.[] | select(.status != "terminated" and .status != "failed")] | length')
    [ "$left" = 0 ] && break
    sleep 1
  done
  curl -sk -X POST "$sim_url/_sim/reset" >/dev/null # the measured burst's requests, tasks and clones only
  log "warm-up done: $warm_up servers provisioned and terminated, simulator reset"
fi

# -- idle CPU of Berth (scheduler polling, reconciliation) for reference ---------------------------------
sleep 5
i0=$(cpu_ticks $berth_pid); sleep 10; i1=$(cpu_ticks $berth_pid)
idle_cpu_pct=$(awk -v d=$((i1 - i0)) -v hz=$hz 'BEGIN {printf "%.1f", 100 * d / hz / 10}')

# -- the burst: all orders at once from one curl with parallel transfers --------------------------------
orders=$home/orders.curl
write_orders prov "$servers" "$home/orders"
sim_state | jq '{apiRequests, apiRequestsByEndpoint}' >"$home/sim-requests-0.json" # the warm-up's are not counted
pg_pid=$(sed -n 1p "$home/data/postgres/postmaster.pid" 2>/dev/null || echo '')
load_start=$(load)
if [ "${BENCH_THREAD_CPU:-0}" = 1 ]; then thread_ticks $berth_pid >"$home/threads-berth-0.tsv"; thread_ticks $sim_pid >"$home/threads-sim-0.tsv"; fi
c0=$(cpu_ticks $berth_pid); p0=$( [ -n "$pg_pid" ] && tree_ticks "$pg_pid" || echo 0); s0=$(cpu_ticks $sim_pid)
log "ordering $servers servers at once ($users users), load $load_start"
t0=$(now)
curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max "$servers" -K "$orders" >"$home/order-codes.txt" 2>"$home/order-errors.txt"
t_ordered=$(now)
accepted=$(grep -c '^202 ' "$home/order-codes.txt" || true)
refused=$(grep -v '^202 ' "$home/order-codes.txt" | while read -r code i; do
  echo "$code $(jq -r '.detail // .title // "?"' "$home/orders/$i.json" 2>/dev/null | cut -c1-160)"; done | sort | uniq -c || true)
log "orders sent in $(awk -v a=$t0 -v b=$t_ordered 'BEGIN {printf "%.2f", b - a}') s: $accepted x 202${refused:+; refused: $refused}"

# -- wait until every server settled (running or failed) -----------------------------------------------
deadline=$(awk -v a=$t0 -v t=$timeout 'BEGIN {printf "%.3f", a + t}')
last_report=0
while :; do
  list_all >"$home/servers.json"
  running=$(jq '[.[] | select(.status == "running")] | length' "$home/servers.json")
  failed=$(jq '[.[] | select(.status == "failed")] | length' "$home/servers.json")
  t=$(now)
  if [ $((running + failed)) -ge "$accepted" ]; then break; fi
  if awk -v t=$t -v d=$deadline 'BEGIN {exit !(t > d)}'; then log "timeout after $timeout s"; break; fi
  if awk -v t=$t -v l=$last_report 'BEGIN {exit !(t - l >= 10)}'; then
    log "$(awk -v a=$t0 -v t=$t 'BEGIN {printf "%.0f", t - a}') s: running $running, failed $failed, of $accepted; $(jq -r '[.[] | select(.status == "provisioning") | .status_detail | sub(" \\(.*"; "")] | group_by(.) | map("\(.[0]): \(length)") | join(", ")' "$home/servers.json")"
    last_report=$t
  fi
  sleep 0.5
done
t_seen=$(now)
if [ "${BENCH_THREAD_CPU:-0}" = 1 ]; then thread_ticks $berth_pid >"$home/threads-berth-1.tsv"; thread_ticks $sim_pid >"$home/threads-sim-1.tsv"; fi
c1=$(cpu_ticks $berth_pid); p1=$( [ -n "$pg_pid" ] && tree_ticks "$pg_pid" || echo 0); s1=$(cpu_ticks $sim_pid)
load_end=$(load)

# RFC 3339 -> epoch seconds with fraction
epoch='def epoch: capture("^(?<s>[^.Z+]+)(\\.(?<f>[0-9]+))?(Z|\\+00:00)$") | ((.s + "Z") | fromdateiso8601) + (("0." + (.f // "0")) | tonumber);'
last_running=$(jq -r "$epoch"' [.[] | select(.status == "running") | .updated_at | epoch] | max // 0' "$home/servers.json")
durations=$(jq -r "$epoch"' [.[] | select(.status == "running") | ((.updated_at | epoch) - (.created_at | epoch))] | sort
  | if length == 0 then "n/a" else "p50 \(.[length/2|floor]|.*10|round/10) s, p90 \(.[length*9/10|floor]|.*10|round/10) s, max \(.[-1]|.*10|round/10) s" end' "$home/servers.json")

# -- the simulator's view: duplicates -------------------------------------------------------------------
sim_state >"$home/sim-state.json"
jq --slurpfile servers "$home/servers.json" --slurpfile before "$home/sim-requests-0.json" '
  ($servers[0] | map(.id)) as $ids
  | [.vms[] | select(.template | not)] as $vms
  | ($vms | map(.config.description // "" | capture("berth-server-id: *(?<id>[^ \n]+)").id // "none")) as $owners
  | {
      vms: ($vms | length),
      servers: ($ids | length),
      servers_with_one_vm: ([$ids[] as $id | select(([$owners[] | select(. == $id)] | length) == 1)] | length),
      servers_with_no_vm: ([$ids[] as $id | select(([$owners[] | select(. == $id)] | length) == 0)] | length),
      servers_with_several_vms: ([$ids[] as $id | select(([$owners[] | select(. == $id)] | length) > 1)] | length),
      vms_of_no_known_server: ([$owners[] | select(. as $o | $ids | index($o) | not)] | length),
      clone_requests: ([.cloneRequests[]] | add // 0),
      vmids_cloned_more_than_once: ([.cloneRequests[] | select(. > 1)] | length),
      max_clone_requests_per_vmid: ([.cloneRequests[]] | max // 0),
      tasks_by_type: (.tasks | group_by(.type) | map({(.[0].type): length}) | add),
      failed_tasks: ([.tasks[] | select(.status == "stopped" and .exitstatus != "OK" and (.exitstatus // "" | startswith("WARNINGS") | not))] | length),
      sim_api_requests: (.apiRequests - ($before[0].apiRequests // 0)),
      sim_api_requests_by_endpoint: ((.apiRequestsByEndpoint // {}) | with_entries(.value -= ($before[0].apiRequestsByEndpoint[.key] // 0))
        | with_entries(select(.value > 0)))
    }' "$home/sim-state.json" >"$home/duplicates.json"

clone_limit_waits=$(grep -c 'all clone slots taken' "$home/berth.log" || true)
vmid_taken=$(grep -c 'VM id taken' "$home/berth.log" || true)

# -- the simulator's bound (REALISTIC latencies, testbeds/pve-sim LatencyProfile) -------------------------
# Every linked clone of 9000 (disks on the shared ceph-vm) allocates one volume (the cloud-init drive)
# under the cluster-wide storage lock of ceph-vm, held 15 ms per allocation: N allocations are serial.
# Everything else runs in parallel in the simulator (task workers and connections are not limited), so
# the last server is at best: N x 15 ms, then its linked-clone copy 1.5 s, config (PUT, synchronous),
# resize task 0.8 s, start task 1.0 s, guest agent up 6.0 s after the start, plus the 20 ms request
# latency of the 5 calls on that path (clone, config, resize, start, agent).
bound=$(awk -v n="$servers" 'BEGIN {printf "%.2f", n * 0.015 + 1.5 + 0.8 + 1.0 + 6.0 + 5 * 0.020}')
makespan=$(awk -v a=$t0 -v b=$last_running 'BEGIN {printf "%.2f", (b > 0 ? b - a : 0)}')
makespan_seen=$(awk -v a=$t0 -v b=$t_seen 'BEGIN {printf "%.2f", b - a}')

echo
echo "== bench/provisioning: $servers servers ordered at once, simulator REALISTIC (own process), $(nproc) CPUs"
echo "   build: commit $(git rev-parse --short HEAD 2>/dev/null || echo ?), runtime ${BENCH_RUNTIME:-runtime}, bundles built $(date -r "${BENCH_RUNTIME:-runtime}/target/system/$(ls -t ${BENCH_RUNTIME:-runtime}/target/system | head -1)" +%FT%T 2>/dev/null || echo ?)"
echo "   settings: $settings"
echo "   orders: $accepted accepted (202) in $(awk -v a=$t0 -v b=$t_ordered 'BEGIN {printf "%.2f", b - a}') s; settled: running $running, failed $failed"
if [ -n "$refused" ]; then echo "   refused orders:"; echo "$refused" | sed 's/^/     /'; fi
echo "   makespan (first order -> last running, server updated_at): $makespan s (seen by polling: $makespan_seen s)"
echo "   simulator bound: $bound s  ->  makespan / bound = $(awk -v m=$makespan -v b=$bound 'BEGIN {printf "%.2f", m / b}') (target <= 1.15)"
echo "   per-server provisioning time (created -> running): $durations"
echo "   Berth JVM CPU: $(awk -v d=$((c1 - c0)) -v hz=$hz 'BEGIN {printf "%.2f", d / hz}') s total, $(awk -v d=$((c1 - c0)) -v hz=$hz -v n=$servers 'BEGIN {printf "%.0f", 1000 * d / hz / n}') ms per server (idle Berth: $idle_cpu_pct% of a core)"
echo "   embedded PostgreSQL CPU: $(awk -v d=$((p1 - p0)) -v hz=$hz -v n=$servers 'BEGIN {printf "%.0f", 1000 * d / hz / n}') ms per server; simulator CPU: $(awk -v d=$((s1 - s0)) -v hz=$hz -v n=$servers 'BEGIN {printf "%.0f", 1000 * d / hz / n}') ms per server"
echo "   duplicates (simulator state): $(jq -c 'del(.sim_api_requests_by_endpoint)' "$home/duplicates.json")"
echo "   simulator requests by method: $(jq -r '.sim_api_requests_by_endpoint | to_entries | sort_by(-.value)
  | map("\(.key | sub("/nodes/\\{node\\}"; "") | sub("/qemu/\\{vmid\\}"; "")) \(.value)") | join(", ")' "$home/duplicates.json")"
echo "   Berth log: 'all clone slots taken' x $clone_limit_waits, 'VM id taken' x $vmid_taken"
echo "   load average: start $load_start, end $load_end"
if [ "${BENCH_THREAD_CPU:-0}" = 1 ]; then
  for who in berth sim; do # CPU by thread name during the burst (threads that ended before the end are missed)
    echo "   $who CPU by thread (ms per server, top 12):"
    awk -F'\t' -v hz=$hz -v n=$servers 'NR == FNR { a[$1] = $2; next } { d = $2 - a[$1]; if (d > 0) printf "%.1f\t%s\n", 1000 * d / hz / n, $1 }' \
      "$home/threads-$who-0.tsv" "$home/threads-$who-1.tsv" | sort -rn | head -12 | sed 's/^/     /'
  done
fi
if [ "$failed" != 0 ]; then
  echo "   failures:"; jq -r '.[] | select(.status == "failed") | "     \(.name): \(.status_detail)"' "$home/servers.json" | sort | uniq -c | sort -rn | head -5
fi
