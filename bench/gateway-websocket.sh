#!/usr/bin/env bash
# The agents' WebSocket (issue 13): N authenticated sessions (default 10,000, distinct agents, real
# RS256 tokens from a JWKS issuer) on the real signaling gateway, run from its jar in a JVM of its
# own against an embedded Kafka broker, then the same on a plain Reactor Netty WebSocket server doing
# no work, fed by a Kafka consumer of the same offers, and again pushing from its own timer (no Kafka):
# memory per session (heap after full GCs, and RSS, before and after the sessions open) and
# push latency at a fixed rate (default 1,000/s) to random sessions — for the gateway from producing
# a RoutingOffered to routing.decisions to the client reading its call:incoming frame. The client,
# broker and issuer share this JVM and the machine's cores with the server. Prints Markdown tables
# for docs/benchmarks.md. Options (--name=value) pass through, e.g.
#   bench/gateway-websocket.sh --clients=1000 --seconds=30
#   bench/gateway-websocket.sh --servers=gateway --gateway.switchboard.gateway.ws.send-buffer=64
# (all options: bench/gateway-websocket.sh --help). JAVA_OPTS overrides the client JVM's flags.
set -euo pipefail
cd "$(dirname "$0")/.."
main=io.switchboard.benchmarks.websocket.WebSocketBenchmark
classes=benchmarks/target/classes
# Each session is a socket in the client's JVM and one in the server's: raise the soft limit of
# open files to the hard one (10,000 sessions need a little over 10,000 in each).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 11000 ]; then
  echo "warning: open files limited to $(ulimit -n); 10,000 sessions need more (raise the hard limit: ulimit -Hn)" >&2
fi
# Always built (quick when nothing changed), so that the run measures the code as it is; SKIP_BUILD=1 skips it.
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q ${MVN_FLAGS:-} -pl benchmarks -am package -DskipTests
fi
exec java ${JAVA_OPTS:--Xms2g -Xmx3g} -Dlogback.configurationFile="$classes/logback-gateway-websocket.xml" -cp "$classes:$(cat benchmarks/target/classpath.txt)" "$main" "$@"
