#!/usr/bin/env bash
# Posts N journal entries (default 100,000) through the real command path into PostgreSQL, then rebuilds every
# projection, and prints entries/s for both; then verifies the journal (hash chain and seals, README "Tamper
# evidence") in a JVM limited to a 128 MB heap, and prints its time and peak memory. Uses a fresh database
# (default ledger_bench) on 127.0.0.1:5432.
#   bench/journal-benchmark.sh [entries] [batch]
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRIES=${1:-100000}
BATCH=${2:-500}
DB=${LEDGER_BENCH_DB:-ledger_bench}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
. bench/find-java.sh
./mvnw -q -B -pl adapters -am package -DskipTests
psql -h "$PGHOST" -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
LEDGER_DB_URL="jdbc:postgresql://$PGHOST:5432/$DB" LEDGER_DB_USER="$PGUSER" LEDGER_DEMO=false \
  "$JAVA" -Xmx2g -jar adapters/target/token-ledger.jar --spring.main.web-application-type=none \
  --logging.level.root=WARN --benchmark-journal="$ENTRIES" --benchmark-batch="$BATCH"
psql -h "$PGHOST" -U "$PGUSER" -d "$DB" -Atc "SELECT 'database size: ' || pg_size_pretty(pg_database_size('$DB'))"
echo "verify (heap limited to 128 MB):"
/usr/bin/time -f "verify: %e s wall, %M KB peak resident memory" \
  env LEDGER_DB_URL="jdbc:postgresql://$PGHOST:5432/$DB" LEDGER_DB_USER="$PGUSER" LEDGER_DEMO=false \
  "$JAVA" -Xmx128m -jar adapters/target/token-ledger.jar --spring.main.web-application-type=none \
  --logging.level.root=WARN --verify-journal
