#!/usr/bin/env bash
# Routing through the real broker, exactly-once, broker and application in one JVM sharing the
# machine's cores: latency arrival -> offer at fixed rates, max sustained calls per second (each
# with its offer, accept and end), and a pass-through topology (one store get+put per record) as
# the baseline in the same run. Prints Markdown tables for docs/benchmarks.md.
# The defaults take about 4.5 minutes; options (--name=value) pass through, e.g.
#   bench/routing-broker.sh --phase-seconds=5 --max-seconds=5 --warmup-seconds=3
# (all options: bench/routing-broker.sh --help). JAVA_OPTS overrides the JVM flags; Kafka Streams settings
# for both topologies go in it as -Dbench.streams.<property>=<value>.
set -euo pipefail
cd "$(dirname "$0")/.."
main=io.switchboard.benchmarks.broker.RoutingLoadBenchmark
classes=benchmarks/target/classes
# Always built (quick when nothing changed), so that the run measures the code as it is; SKIP_BUILD=1 skips it.
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q ${MVN_FLAGS:-} -pl benchmarks -am package -DskipTests
fi
exec java ${JAVA_OPTS:--Xms1g -Xmx2g} -Dlogback.configurationFile="$classes/logback-routing-broker.xml" -cp "$classes:$(cat benchmarks/target/classpath.txt)" "$main" "$@"
