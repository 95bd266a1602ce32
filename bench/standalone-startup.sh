#!/usr/bin/env bash
# Measures how long the standalone stack takes from `java -jar` to all four services healthy, and
# its resident memory then. Runs N times (default 3) on a fresh data folder each time, plus one
# restart on an existing folder, stopping each with SIGTERM (the same shutdown as Ctrl-C). Prints one line per run and a summary table for docs/benchmarks.md.
#   bench/standalone-startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
jar=standalone/target/switchboard-standalone.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests install
base=$((20000 + RANDOM % 20000))
ports=(--gateway-port=$base --routing-port=$((base+1)) --call-state-port=$((base+2)) --media-port=$((base+3))
       --sip-port=$((base+4)) --kafka-port=$((base+5)) --controller-port=$((base+6)) --postgres-port=$((base+7)))

healthy() { # the overall status closes each health document
  local body
  for p in $base $((base+1)) $((base+2)) $((base+3)); do
    body=$(curl -sf --max-time 2 "http://127.0.0.1:$p/actuator/health") || return 1
    [[ "$body" == *'"status":"UP"}' ]] || return 1
  done
}

measure() { # data-dir label
  local start end pid rss
  start=$(date +%s%N)
  java -XX:TieredStopAtLevel=1 -jar "$jar" --data-dir="$1" "${ports[@]}" > "$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do healthy && break; sleep 0.05; done
  end=$(date +%s%N)
  healthy || { echo "not healthy; see $1.log" >&2; kill $pid; exit 1; }
  rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
  local stop=$(date +%s%N)
  kill -TERM $pid; wait $pid || true  # scripts start background jobs with SIGINT ignored
  echo "$2: healthy in $(( (end - start) / 1000000 )) ms, RSS ${rss} MiB, stopped by SIGTERM in $(( ($(date +%s%N) - stop) / 1000000 )) ms"
}

tmp=$(mktemp -d)
for i in $(seq 1 "$runs"); do measure "$tmp/fresh-$i" "fresh-$i"; done
[ -z "${KEEP_LOGS:-}" ] || echo "logs in $tmp"
measure "$tmp/fresh-1" "restart"
[ -n "${KEEP_LOGS:-}" ] || rm -rf "$tmp"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
