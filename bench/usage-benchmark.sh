#!/usr/bin/env bash
# Ingests N usage records (default 5,000,000) of the synthetic AI company through the real path (file import,
# exactly-once ingestion, pricing, wallet draws, postings, usage ledger blocks, projections caught up) into a fresh
# PostgreSQL database (default ledger_usage_bench on 127.0.0.1:5432), then times look-ups, metrics and reports, and
# PostgreSQL's own COPY of the same file. Figures in BENCHMARKS.md; LEDGER_JAVA_OPTS adds JVM options (e.g. a JFR
# recording: -XX:StartFlightRecording=filename=usage.jfr,settings=profile); LEDGER_BENCH_GC replaces the collector
# option (default -XX:+UseParallelGC, e.g. LEDGER_BENCH_GC=-XX:+UseSerialGC); LEDGER_BENCH_JIT replaces the JIT option
# (default -XX:-TieredCompilation: C2 alone, which spends a third less CPU compiling on 2 cores; an empty value keeps
# the JDK's tiered default, e.g. LEDGER_BENCH_JIT= bench/usage-benchmark.sh); LEDGER_BENCH_HEAP replaces the heap
# options (default -Xmx14g -Xmn12g -XX:+UseTransparentHugePages -XX:+AlwaysPreTouch: a 12 GiB young generation
# collected every eight or so batches instead of every batch, so that the batches alive at a collection are copied
# fewer times; its memory touched once at start, in 2 MiB pages; e.g. LEDGER_BENCH_HEAP="-Xmx6g -Xmn4g" for the
# earlier setting, LEDGER_BENCH_HEAP=-Xmx4g for the JDK's sizing). Why each: BENCHMARKS.md.
#   bench/usage-benchmark.sh [records] [batch] [customers]
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-5000000}
BATCH=${2:-100000}
CUSTOMERS=${3:-1000}
DB=${LEDGER_BENCH_DB:-ledger_usage_bench}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
. bench/find-java.sh
./mvnw -q -B -pl adapters -am package -DskipTests
psql -h "$PGHOST" -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
LEDGER_DB_URL="jdbc:postgresql://$PGHOST:5432/$DB" LEDGER_DB_USER="$PGUSER" LEDGER_DEMO=false LEDGER_AUTO_EXPIRY=false \
  "$JAVA" ${LEDGER_BENCH_HEAP:--Xmx14g -Xmn12g -XX:+UseTransparentHugePages -XX:+AlwaysPreTouch} ${LEDGER_BENCH_GC:--XX:+UseParallelGC} ${LEDGER_BENCH_JIT--XX:-TieredCompilation} ${LEDGER_JAVA_OPTS:-} -jar adapters/target/token-ledger.jar --spring.main.web-application-type=none \
  --logging.level.root=WARN --benchmark-usage="$RECORDS" --benchmark-batch="$BATCH" --benchmark-customers="$CUSTOMERS" \
  --benchmark-parallel="${PARALLEL:-1}"
