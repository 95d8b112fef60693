#!/usr/bin/env bash
# Runs the usage benchmark (bench/usage-benchmark.sh) for this checkout and for the code before issue 16 (commit
# dca340a, row-per-record storage) in interleaved pairs on this machine, under the same JVM settings, and prints each
# run's end-to-end rate and CPU per record, each pair's ratio, and the medians. One machine drifts by a third within
# an hour (BENCHMARKS.md), so a ratio is read pair by pair, never from runs hours apart.
#   bench/usage-pairs.sh [pairs=5] [records=5000000] [batch=200000] [before=dca340a]
# LEDGER_BENCH_HEAP sets the heap options of both codes (default: the benchmark's own). The code before is checked
# out as a git worktree under target/ and built there; each run's JSON is kept in target/usage-pairs/.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-5}
RECORDS=${2:-5000000}
BATCH=${3:-200000}
BEFORE=${4:-dca340a}
for arg in "PAIRS=$PAIRS" "RECORDS=$RECORDS" "BATCH=$BATCH"; do
  if ! [[ "${arg#*=}" =~ ^[1-9][0-9]{0,8}$ ]]; then
    echo "usage-pairs: ${arg%%=*} must be a whole number from 1 to 999999999, got '${arg#*=}'" >&2
    echo "usage: bench/usage-pairs.sh [pairs=5] [records=5000000] [batch=200000] [before=dca340a]" >&2
    exit 2
  fi
done
if ! git rev-parse --verify --quiet "$BEFORE^{commit}" > /dev/null; then
  echo "usage-pairs: '$BEFORE' is not a commit of this repository" >&2
  exit 2
fi
HEAP=${LEDGER_BENCH_HEAP:--Xmx14g -Xmn12g -XX:+UseTransparentHugePages -XX:+AlwaysPreTouch}
OUT=target/usage-pairs
WORKTREE=target/usage-pairs-before-$BEFORE
rm -rf "$OUT"
mkdir -p "$OUT"
if [ ! -d "$WORKTREE" ]; then
  git worktree add --detach -f "$WORKTREE" "$BEFORE" > /dev/null
fi

field() { # a number from a benchmark JSON: field FILE NAME
  sed -n "s/.*\"$2\": *\([0-9.]*\).*/\1/p" "$1" | head -1
}

run() { # run N CODE
  local n=$1 code=$2
  rm -f target/usage-benchmark.json "$WORKTREE/target/usage-benchmark.json" # never a previous run's figures
  if [ "$code" = new ]; then
    LEDGER_BENCH_HEAP="$HEAP" bench/usage-benchmark.sh "$RECORDS" "$BATCH" > "$OUT/$n-new.log" 2>&1 || return 1
    cp target/usage-benchmark.json "$OUT/$n-new.json" || return 1
  else
    # the code before has no LEDGER_BENCH_HEAP or LEDGER_BENCH_JIT; its own -Xmx4g and the parallel collector come
    # first on its command line, and these options, given after them, win
    (cd "$WORKTREE" && LEDGER_BENCH_DB=ledger_usage_bench_before LEDGER_JAVA_OPTS="$HEAP -XX:-TieredCompilation" \
      bench/usage-benchmark.sh "$RECORDS" "$BATCH") > "$OUT/$n-before.log" 2>&1 || return 1
    cp "$WORKTREE/target/usage-benchmark.json" "$OUT/$n-before.json" || return 1
  fi
  printf '%-4s %-7s %10s records/s  JVM %5s µs  rest %5s µs a record\n' "$n" "$code" \
    "$(field "$OUT/$n-$code.json" recordsPerSecondEndToEnd)" "$(field "$OUT/$n-$code.json" cpuMicrosPerRecordJvm)" \
    "$(field "$OUT/$n-$code.json" cpuMicrosPerRecordRestOfMachine)"
}

n=0
for pair in $(seq 1 "$PAIRS"); do
  # alternate which code runs first, so that a machine warming or cooling over the series favours neither
  if [ $((pair % 2)) = 1 ]; then order="new before"; else order="before new"; fi
  for code in $order; do
    n=$((n + 1))
    if ! run "$n" "$code"; then
      echo "usage-pairs: run $n ($code) failed; the end of $OUT/$n-$code.log:" >&2
      tail -20 "$OUT/$n-$code.log" >&2
      exit 1
    fi
  done
done

echo
echo "pair  new  before  ratio"
ratios=()
news=()
befores=()
for pair in $(seq 1 "$PAIRS"); do
  first=$((2 * pair - 1))
  if [ $((pair % 2)) = 1 ]; then new=$first; before=$((first + 1)); else before=$first; new=$((first + 1)); fi
  a=$(field "$OUT/$new-new.json" recordsPerSecondEndToEnd)
  b=$(field "$OUT/$before-before.json" recordsPerSecondEndToEnd)
  r=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')
  echo "$pair  $a  $b  ${r}x"
  ratios+=("$r"); news+=("$a"); befores+=("$b")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "median ratio of the pairs: $(median "${ratios[@]}")x; medians: new $(median "${news[@]}"), before $(median "${befores[@]}") records/s"
