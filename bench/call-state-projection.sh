#!/usr/bin/env bash
# The call-state projection (issue 4): N events of answered calls produced to the embedded broker,
# then the real call-state service reads them from the beginning into a fresh embedded PostgreSQL
# database (exactly-once: rows and offsets in one transaction), then a baseline reads the same topics
# with a plain consumer and plain multi-row INSERTs into another fresh database. One JVM; broker,
# database, service and baseline share the machine's cores. Prints Markdown tables for
# docs/benchmarks.md. Options (--name=value) pass through, e.g.
#   bench/call-state-projection.sh --events=50000 --max-poll-records=500
# (all options: bench/call-state-projection.sh --help). JAVA_OPTS overrides the JVM flags.
set -euo pipefail
cd "$(dirname "$0")/.."
main=io.switchboard.benchmarks.callstate.ProjectionBenchmark
classes=benchmarks/target/classes
# Always built (quick when nothing changed), so that the run measures the code as it is; SKIP_BUILD=1 skips it.
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q ${MVN_FLAGS:-} -pl benchmarks -am package -DskipTests
fi
exec java ${JAVA_OPTS:--Xms1g -Xmx2g} -Dlogback.configurationFile="$classes/logback-call-state-projection.xml" -cp "$classes:$(cat benchmarks/target/classpath.txt)" "$main" "$@"
