#!/usr/bin/env bash
# Job throughput through the scheduler (real db-scheduler engine, real PostgreSQL, instant fake hypervisor).
# Usage: bench/jobs/run.sh [--jobs 2000] [--nodes 1] [--threads 8] [--kind provision|start] [--polling-ms 300] [--warmup 200]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl bundles/scheduler -am install -DskipTests
mvn -B -q -f bench/jobs/pom.xml compile exec:java -Dexec.mainClass=io.berth.scheduler.internal.JobsBench \
  -Dexec.args="$*" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
