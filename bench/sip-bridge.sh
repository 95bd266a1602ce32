#!/usr/bin/env bash
# SIP calls through the media bridge beside Kamailio + rtpengine, in one run. The peer harness
# (../shared/peer-sip/run-baseline.sh, not copied here) drives the same SIPp load against each side:
#   test 1  uac_nomedia: 1 s calls at a call rate (signalling only), highest rate with 0 failed calls
#   test 2  uac_rtp: 3 s of G.711 PCMU both ways per call at a call rate
#   test 3  uac_rtp: 60 s calls at concurrency N, < 0.1 % RTP loss
# First the bridge: one JVM (benchmarks' BridgeUnderLoad) with the embedded KRaft broker, the
# routing engine and the media bridge on 127.0.0.1:5060; N agents' desk phones register with digest
# (SIPp), all with the harness's answering SIPp (127.0.0.1:5070) as contact, and are made AVAILABLE;
# the harness runs with START_PEER=0, so every call goes INVITE -> CallCreated/CallQueued -> routing
# -> RoutingOffered -> the bridge INVITEs the agent's registered contact -> 200 -> bridged relay.
# Then the peer: the harness starts Kamailio + rtpengine itself. After each side's ramps, a set-up
# latency probe: PROBE_CPS calls/s with media for PROBE_SECONDS, SIPp's INVITE -> 200 time of each
# call (-trace_rtt), using the harness's own scenarios and configuration files from that side's run.
# Prints Markdown tables side by side (bench/sip-bridge-table.py) and keeps everything in $OUT.
#
# Usage (root: the harness counts RTP with iptables and raises socket buffers, restoring both on exit):
#   bench/sip-bridge.sh [smoke|quick]        smoke ~8 min, quick ~25-35 min on 2 cores
# Env: SKIP_BUILD=1; PEER_SIP=<harness folder> (default ../shared/peer-sip beside the repository);
#   SIDES="bridge peer"; TESTS="1 2 3"; CPS_DUR (s per rate step); CONC_HOLD_MS; REFINE;
#   BRIDGE_NOMEDIA, BRIDGE_MEDIA, BRIDGE_CONC and PEER_NOMEDIA, PEER_MEDIA, PEER_CONC (step lists);
#   AGENTS (default: enough for the bridge's largest steps); PROBE_CPS, PROBE_SECONDS;
#   WARMUP_CPS=20, WARMUP_SECONDS=30 (signalling-only, then media calls before the bridge's first step); JAVA_OPTS;
#   BRIDGE_ARGS (more --name=value settings of the bridge, e.g. --switchboard.media.rtp.selector-threads=2,
#   or of routing, e.g. --routing.switchboard.routing.commit-interval=20ms).
set -uo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
MODE=${1:-quick}
PEER_SIP=${PEER_SIP:-$(cd "$REPO/.." && pwd)/shared/peer-sip}
HARNESS=$PEER_SIP/run-baseline.sh
[ "$(id -u)" = 0 ] || { echo "run as root (the harness uses iptables and sysctl)"; exit 1; }
[ -x "$HARNESS" ] || { echo "no peer harness at $HARNESS (set PEER_SIP)"; exit 1; }
for b in sipp kamailio rtpengine python3; do
  command -v $b >/dev/null || { echo "missing $b (apt-get install sip-tester kamailio rtpengine-daemon rtpengine-utils iptables)"; exit 1; }
done

case "$MODE" in
  smoke) D_DUR=10; D_HOLD=20000; D_REFINE=0
         D_BN="10 20"; D_BM="5 10"; D_BC="10 20"; D_PN="100 200"; D_PM="50 100"; D_PC="50 100"
         D_PROBE_CPS=5; D_PROBE_S=10 ;;
  quick) D_DUR=20; D_HOLD=60000; D_REFINE=1
         D_BN="50 100 200 400 600 800 1200 1600 2400"; D_BM="50 100 150 200 250 300 350"; D_BC="250 500 750 1000 1250 1500"
         D_PN="2400 4800 9600 10400"; D_PM="150 300 350"; D_PC="1000 1250 1500"
         D_PROBE_CPS=20; D_PROBE_S=20 ;;
  *) echo "usage: bench/sip-bridge.sh [smoke|quick]"; exit 2 ;;
esac
SIDES=${SIDES:-bridge peer}; TESTS=${TESTS:-1 2 3}
CPS_DUR=${CPS_DUR:-$D_DUR}; CONC_HOLD_MS=${CONC_HOLD_MS:-$D_HOLD}; REFINE=${REFINE:-$D_REFINE}
BRIDGE_NOMEDIA=${BRIDGE_NOMEDIA:-$D_BN}; BRIDGE_MEDIA=${BRIDGE_MEDIA:-$D_BM}; BRIDGE_CONC=${BRIDGE_CONC:-$D_BC}
PEER_NOMEDIA=${PEER_NOMEDIA:-$D_PN}; PEER_MEDIA=${PEER_MEDIA:-$D_PM}; PEER_CONC=${PEER_CONC:-$D_PC}
PROBE_CPS=${PROBE_CPS:-$D_PROBE_CPS}; PROBE_SECONDS=${PROBE_SECONDS:-$D_PROBE_S}
WARMUP_CPS=${WARMUP_CPS:-20}; WARMUP_SECONDS=${WARMUP_SECONDS:-30}
max_of() { printf '%s\n' $* | sort -n | tail -1; }
# One agent per call in progress: 1 s calls + set-up, 3.3 s media calls + set-up, N concurrent calls.
NEED=$(( $(max_of $BRIDGE_NOMEDIA) * 2 ))
M=$(( $(max_of $BRIDGE_MEDIA) * 9 / 2 )); [ $M -gt $NEED ] && NEED=$M
M=$(( $(max_of $BRIDGE_CONC) + 50 )); [ $M -gt $NEED ] && NEED=$M
M=$(( PROBE_CPS * 5 )); [ $M -gt $NEED ] && NEED=$M
M=$(( WARMUP_CPS * 6 )); [ $M -gt $NEED ] && NEED=$M   # the cold first calls take seconds to set up
# At most 2,900 agents: the relay's port range below holds 3,000 calls (more would not be carried).
AGENTS=${AGENTS:-$(( NEED > 2900 ? 2900 : NEED ))}
# Four ports a call, some to spare, below the kernel's ephemeral ports (32768 up: a port there may be
# taken by any client socket) and at most 3,000 calls' worth: the broker shares the bridge's JVM and its
# open-file limit (20,000 here), so an overloaded step must run out of port pairs (503) before the
# process runs out of file descriptors.
RTP_MIN=10000; RTP_SPAN=$(( AGENTS * 4 + 3999 )); [ $RTP_SPAN -gt 11999 ] && RTP_SPAN=11999
RTP_MAX=$(( RTP_MIN + RTP_SPAN ))
OUT=${OUT:-$REPO/benchmarks/target/sip-bridge/$(date +%Y%m%d-%H%M%S)-$MODE}
mkdir -p "$OUT"
LOG=$OUT/run.log
log() { echo "[$(date +%T)] $*" | tee -a "$LOG" >&2; }
classes=benchmarks/target/classes

BRIDGE_PID=; LOAD_PID=; PROBE_PIDS=()
cleanup() {
  local p
  for p in "${PROBE_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  [ -n "$BRIDGE_PID" ] && kill -TERM "$BRIDGE_PID" 2>/dev/null && wait "$BRIDGE_PID" 2>/dev/null
  [ -n "$LOAD_PID" ] && kill -TERM "$LOAD_PID" 2>/dev/null
  for p in "${PROBE_PIDS[@]}"; do wait "$p" 2>/dev/null; done
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q ${MVN_FLAGS:-} -pl benchmarks -am package -DskipTests || exit 1
fi
# Each relay leg holds two UDP sockets.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

{ echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/ \+/ /g'), $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  echo "java: $(java -version 2>&1 | head -1); $(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*'); $(kamailio -v | head -1); rtpengine $(rtpengine --version 2>&1 | awk '{print $2}')"
  echo "mode=$MODE sides=[$SIDES] tests=[$TESTS] cps_dur=${CPS_DUR}s conc_hold=${CONC_HOLD_MS}ms refine=$REFINE agents=$AGENTS rtp=$RTP_MIN-$RTP_MAX probe=${PROBE_CPS}cps/${PROBE_SECONDS}s"
  echo "bridge steps: nomedia=[$BRIDGE_NOMEDIA] media=[$BRIDGE_MEDIA] conc=[$BRIDGE_CONC]; peer steps: nomedia=[$PEER_NOMEDIA] media=[$PEER_MEDIA] conc=[$PEER_CONC]"
} > "$OUT/settings.txt"
cat "$OUT/settings.txt" | tee -a "$LOG" >&2

# The machine's load beside the run (other work shows here) and the relays' socket queues, every 2 s;
# one range covers both relays (they never run at the same time).
python3 bench/sip-bridge-sample.py $RTP_MIN $(( RTP_MAX > 40000 ? RTP_MAX : 40000 )) \
    > "$OUT/samples.jsonl" &
LOAD_PID=$!

# harness SIDE NOMEDIA MEDIA CONC [env...]: one harness run per test, so that a test starts on a
# bridge that has ended every call of the previous one (an overloaded step leaves calls queued).
harness() {
  local side=$1 s1=$2 s2=$3 conc=$4 t; shift 4
  for t in $TESTS; do
    [ $side = bridge ] && drain
    log "$side: harness test $t (nomedia [$s1], media [$s2], concurrent [$conc])"
    env SIPBASE_DIR="$OUT/$side" TESTS="$t" REPS=1 CPS_DUR=$CPS_DUR REFINE=$REFINE CONC_HOLD_MS=$CONC_HOLD_MS \
        CPS_STEPS_NOMEDIA="$s1" CPS_STEPS_RTPE="$s2" CONC_LIST="$conc" "$@" \
        "$HARNESS" quick >> "$OUT/$side.harness.out" 2>&1
    log "$side: harness test $t exit $?; $(ls -d "$OUT/$side"/results/*/ 2>/dev/null | tail -1)"
    sleep 1   # the harness's results folders are named by the second
  done
}

# drain: waits (at most 120 s) until the bridge holds no call, from its counters file
drain() {
  local i active
  for i in $(seq 240); do
    active=$(tail -1 "$OUT/bridge-work/relay-counters.csv" | cut -d, -f7)
    [ "${active:-1}" = 0 ] && return
    sleep 0.5
  done
  log "bridge: still $active calls after 120 s"
}

# warmup: SIPp calls, the harness's scenarios, first signalling only, then with 3 s of media both
# ways, so that the measured steps do not pay for the JIT compiler (the relay's packet path is only
# compiled once calls carry RTP) and the first Kafka batches
warmup() {
  local dir=$OUT/bridge-work/warmup uas common="-i 127.0.0.1 -mi 127.0.0.1 -nostdin"
  mkdir -p "$dir"
  sed "s#@BASE@#$PEER_SIP#g" "$PEER_SIP/scen/uac_rtp.xml" > "$dir/uac_rtp.xml"
  ( cd "$dir" && exec sipp -sf "$PEER_SIP/scen/uas.xml" $common -p 5070 -mp 7000 -rtp_echo ) > "$dir/uas.out" 2>&1 &
  uas=$!; PROBE_PIDS+=($uas)
  sleep 0.7
  ( cd "$dir" && exec sipp 127.0.0.1:5060 -sf "$PEER_SIP/scen/uac_nomedia.xml" -s warmup $common -p 5061 \
        -r $WARMUP_CPS -m $(( WARMUP_CPS * WARMUP_SECONDS )) -d 1000 -timeout $(( WARMUP_SECONDS + 60 ))s ) > "$dir/uac.out" 2>&1
  log "bridge: warm-up, $WARMUP_CPS calls/s for ${WARMUP_SECONDS}s, signalling only: sipp exit $?"
  ( cd "$dir" && exec sipp 127.0.0.1:5060 -sf "$dir/uac_rtp.xml" -s warmup $common -p 5061 -mp 6000 \
        -r $WARMUP_CPS -m $(( WARMUP_CPS * WARMUP_SECONDS )) -d 3000 -rtp_echo \
        -timeout $(( WARMUP_SECONDS + 60 ))s ) > "$dir/uac-media.out" 2>&1
  log "bridge: warm-up, $WARMUP_CPS calls/s for ${WARMUP_SECONDS}s, 3 s of media each: sipp exit $?"
  kill -TERM $uas 2>/dev/null; wait $uas 2>/dev/null
}

# probe SIDE: INVITE -> 200 of every call at PROBE_CPS with media, from the side's harness copy
probe() {
  local side=$1 base=$OUT/$1 dir=$OUT/$1/probe calls=$(( PROBE_CPS * PROBE_SECONDS )) uas uac
  mkdir -p "$dir"
  local common="-i 127.0.0.1 -mi 127.0.0.1 -ci 127.0.0.1 -nostdin -buff_size 4194304"
  ( cd "$dir" && exec sipp -sf "$base/scen/uas.xml" $common -p 5070 -mp 7000 -rtp_echo -cp 8889 ) > "$dir/uas.out" 2>&1 &
  uas=$!; PROBE_PIDS+=($uas)
  sleep 0.7
  echo "$(date +%s.%N)" > "$dir/start"
  ( cd "$dir" && exec sipp 127.0.0.1:5060 -sf "$base/scen/uac_rtp.xml" -s rtpe $common -p 5061 -mp 6000 -cp 8888 \
        -r $PROBE_CPS -m $calls -l $(( PROBE_CPS * 20 )) -d 3000 -rtp_echo -recv_timeout 15000 \
        -trace_rtt -rtt_freq 1 -timeout $(( PROBE_SECONDS + 60 ))s ) > "$dir/uac.out" 2>&1 &
  uac=$!; PROBE_PIDS+=($uac)
  wait $uac; local rc=$?
  echo "$(date +%s.%N)" > "$dir/end"
  kill -TERM $uas 2>/dev/null; wait $uas 2>/dev/null
  log "$side: probe at $PROBE_CPS calls/s for ${PROBE_SECONDS}s: sipp exit $rc"
}

for side in $SIDES; do
  case $side in
  bridge)
    work=$OUT/bridge-work; mkdir -p "$work"
    log "bridge: starting BridgeUnderLoad with $AGENTS agents"
    java ${JAVA_OPTS:--Xms1g -Xmx3g} -Dbench.log.file="$work/bridge.log" \
        -Dlogback.configurationFile="$classes/logback-sip-bridge.xml" \
        -cp "$classes:$(cat benchmarks/target/classpath.txt)" io.switchboard.benchmarks.sip.BridgeUnderLoad \
        --agents=$AGENTS --sip-port=5060 --agent-contact=127.0.0.1:5070 --rtp-port-min=$RTP_MIN --rtp-port-max=$RTP_MAX \
        --work="$work" ${BRIDGE_ARGS:-} > "$work/console.out" 2>&1 &
    BRIDGE_PID=$!
    for i in $(seq 600); do
      [ -f "$work/ready" ] && break
      kill -0 $BRIDGE_PID 2>/dev/null || { log "bridge: exited before ready"; tail -30 "$work/console.out"; exit 1; }
      sleep 1
    done
    [ -f "$work/ready" ] || { log "bridge: not ready in 600 s"; exit 1; }
    log "bridge: ready (pid $BRIDGE_PID); $(grep -o 'Ready in.*' "$work/console.out")"
    warmup
    harness bridge "$BRIDGE_NOMEDIA" "$BRIDGE_MEDIA" "$BRIDGE_CONC" START_PEER=0 \
        PEER_PGREP="BridgeUnderLoad.*--work=$work" RELAY_MIN=$RTP_MIN RELAY_MAX=$RTP_MAX
    drain
    probe bridge
    log "bridge: stopping"
    kill -TERM $BRIDGE_PID; wait $BRIDGE_PID 2>/dev/null; BRIDGE_PID=
    ;;
  peer)
    harness peer "$PEER_NOMEDIA" "$PEER_MEDIA" "$PEER_CONC"
    # The probe runs the peer as the harness does, from the configuration files of its run.
    base=$OUT/peer
    rtpengine --config-file=$base/etc/rtpengine.conf --config-section=sipbase > "$base/probe-rtpengine.log" 2>&1 &
    PROBE_PIDS+=($!)
    sleep 1
    kamailio -f $base/etc/kamailio.cfg -DD -E -Y $base/run -P $base/run/kamailio.pid -m 4096 -M 32 -n 4 \
        > "$base/probe-kamailio.log" 2>&1 &
    PROBE_PIDS+=($!)
    for i in $(seq 50); do kamcmd -s unix:$base/run/kamailio_ctl core.uptime >/dev/null 2>&1 && break; sleep 0.2; done
    probe peer
    for p in "${PROBE_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    PROBE_PIDS=()
    ;;
  esac
done

python3 bench/sip-bridge-table.py "$OUT" | tee "$OUT/tables.md"
log "all files in $OUT"
