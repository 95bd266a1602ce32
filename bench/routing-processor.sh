#!/usr/bin/env bash
# The routing processors alone (JMH, no Kafka): nanoseconds per event and events per second while
# one queue of `waiting` callers is served by `agents` busy agents (docs/benchmarks.md).
# Defaults: the full grid (agents 10/1,000/10,000 x waiting 100/10,000/100,000, strategy LONGEST_IDLE),
# 1 fork, 5 warm-up iterations of 3 s (the JIT needs ~100,000 cycles to settle) and 5 measured of 2 s. Extra arguments go to JMH, e.g.
#   bench/routing-processor.sh -p agents=10 -p waiting=100,10000 -wi 1 -i 1
#   bench/routing-processor.sh -p strategy=LONGEST_IDLE,ROUND_ROBIN,FEWEST_CALLS,RANDOM,BEST_SKILL_MATCH
# (-rf/-rff are set here: the script reads the CSV to print its table.)
set -euo pipefail
cd "$(dirname "$0")/.."
classes=benchmarks/target/classes
if [ ! -f benchmarks/target/classpath.txt ] || [ ! -f $classes/META-INF/BenchmarkList ] \
    || [ -n "$(find schemas/src routing-streams/src benchmarks/src -newer benchmarks/target/classpath.txt -type f -print -quit)" ]; then
  ./mvnw -B -q -pl benchmarks -am package -DskipTests
fi
csv=$(mktemp --suffix=.csv)
trap 'rm -f "$csv"' EXIT
java -cp "$classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main RoutingProcessorBenchmark \
  -rf csv -rff "$csv" "$@"

# JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: agents",...
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(date +%F)"
python3 - "$csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print("| agents | waiting | strategy | ns/event | events/s | samples |")
print("|---:|---:|---|---:|---:|---:|")
for r in rows:
    ns, err = float(r["Score"]), r["Score Error (99.9%)"]
    err = "" if err in ("", "NaN") else f" ± {float(err):,.0f}"
    print(f'| {int(r["Param: agents"]):,} | {int(r["Param: waiting"]):,} | {r["Param: strategy"]} '
          f'| {ns:,.0f}{err} | {1e9 / ns:,.0f} | {r["Samples"]} |')
PY
