#!/usr/bin/env bash
# Benchmark of the ParcelWatch load generator (not a test): measures
#   1. generation alone: events generated and Avro-encoded, then discarded (--output none);
#   2. generation into a Kafka broker (the local one by default), every record acknowledged;
#   3. optionally (--memory-check) that memory does not grow with the run: N and 10×N parcels at
#      the same rate, reporting parcels in flight and peak heap in use after GC for both.
# and prints the figures, the settings, the machine (nproc, CPU model, load) and the JVM.
#
# Usage: load-generator/bench/generator-benchmark.sh [options]
#   --parcels N              parcels per run (default 300000, about 5.3 million events)
#   --parcel-rate R          parcels per simulated hour (default 20000)
#   --bootstrap-servers H:P  broker for the Kafka run (default 127.0.0.1:9092, the local stack)
#   --start-broker           start a throwaway single-node broker for the Kafka run (from the
#                            parcelwatch-kafka-broker artifact in ~/.m2) and stop it afterwards
#   --sender-threads N       Kafka sender threads (default 1)
#   --producer-prop K=V      extra producer property (repeatable)
#   --skip-kafka             generation alone only
#   --memory-check           also run the memory check (300k and 3M parcels at 2,000/h in a 512 MB heap;
#                            a few minutes): 10× the parcels must fit the same heap, with the same live data
#   --heap SIZE              -Xmx of the generator JVM (default 4g; JVM options: LOAD_GENERATOR_JAVA_OPTS)
# The local broker of the stack: ./parcelwatch start (from the repository root).
set -euo pipefail

module="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$module/.." && pwd)"
parcels=300000
rate=20000
bootstrap="127.0.0.1:9092"
start_broker=false
threads=1
skip_kafka=false
memory_check=false
heap=4g
producer_props=()

while [ $# -gt 0 ]; do
  case "$1" in
    --parcels) parcels="$2"; shift 2 ;;
    --parcel-rate) rate="$2"; shift 2 ;;
    --bootstrap-servers) bootstrap="$2"; shift 2 ;;
    --start-broker) start_broker=true; shift ;;
    --sender-threads) threads="$2"; shift 2 ;;
    --producer-prop) producer_props+=("--producer-prop" "$2"); shift 2 ;;
    --skip-kafka) skip_kafka=true; shift ;;
    --memory-check) memory_check=true; shift ;;
    --heap) heap="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "generator-benchmark: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

export LOAD_GENERATOR_JAVA_OPTS="${LOAD_GENERATOR_JAVA_OPTS:--XX:+UseParallelGC -Xmx$heap -Xmn256m}"
cli="$repo/parcelwatch"
work="$(mktemp -d "${TMPDIR:-/tmp}/parcelwatch-bench.XXXXXX")"
broker_pid=""
cleanup() {
  if [ -n "$broker_pid" ]; then kill "$broker_pid" 2>/dev/null || true; wait "$broker_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

java21="$("$cli" jdk)" || exit 2 # builds what is stale, then names the JDK 21+ it runs on
jvm="$("$java21" -version 2>&1 | sed -n '2p')"

echo "=== ParcelWatch load generator benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
echo "Machine: nproc=$(nproc), CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), memory: $(free -g | awk '/Mem:/{print $2}') GiB"
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine lowers the figures)"
echo "JVM: $jvm; options: $LOAD_GENERATOR_JAVA_OPTS"
echo "Settings: scenario default (3% late, 1% duplicates, 0.5% corrections, 0.5% missing; anomalies on), $parcels parcels at $rate/h, seed 1, as fast as possible"
echo

summary_line() { grep -E '^(Generated|Stopped)' "$1" | head -1; }
events_per_second() { summary_line "$1" | sed -n 's/.*(\([0-9,]*\) events\/s.*/\1/p' | tr -d ,; }

echo "--- 1. Generation alone (generate + Avro-encode, nothing sent)"
"$cli" generate --output none --parcels "$parcels" --parcel-rate "$rate" --seed 1 --out-dir "$work/none" --quiet > "$work/none.txt" 2> "$work/none.err"
summary_line "$work/none.txt"
grep -E '^(CPU|Memory)' "$work/none.txt"
gen_rate="$(events_per_second "$work/none.txt")"

kafka_rate=""
if [ "$skip_kafka" = false ]; then
  if [ "$start_broker" = true ]; then
    jar="$HOME/.m2/repository/io/parcelwatch/parcelwatch-kafka-broker/0.1.0-SNAPSHOT/parcelwatch-kafka-broker-0.1.0-SNAPSHOT.jar"
    if [ ! -f "$jar" ]; then
      echo "generator-benchmark: $jar is missing; build it with: mvn -q -pl deploy/local/kafka-broker install" >&2; exit 1
    fi
    broker_cp="$(unzip -p "$jar" META-INF/parcelwatch/parcelwatch-kafka-broker.classpath)"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    cport="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    mkdir -p "$work/broker/data" "$work/broker/logs"
    cat > "$work/broker/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/broker/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
PROPS
    java_for_broker="$java21"
    "$java_for_broker" -cp "$jar:$broker_cp" kafka.tools.StorageTool format -t "$("$java_for_broker" -cp "$jar:$broker_cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
      -c "$work/broker/server.properties" > "$work/broker/logs/format.log" 2>&1
    "$java_for_broker" -Xms512m -Xmx512m -Dkafka.logs.dir="$work/broker/logs" -cp "$jar:$broker_cp" kafka.Kafka "$work/broker/server.properties" \
      > "$work/broker/logs/console.log" 2>&1 &
    broker_pid=$!
    bootstrap="127.0.0.1:$port"
    for _ in $(seq 1 60); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 1; done
    echo "(started a throwaway broker at $bootstrap, pid $broker_pid)"
  fi
  echo
  echo "--- 2. Generation into Kafka at $bootstrap (sender threads: $threads${producer_props:+, producer overrides: ${producer_props[*]}})"
  topic_suffix="$(date +%s)"
  # warm the broker up (a fresh broker JVM is slow until its JIT has compiled the hot paths)
  "$cli" generate --output kafka --bootstrap-servers "$bootstrap" --scans-topic "bench-warmup-$topic_suffix" \
    --complaints-topic "bench-warmup-complaints-$topic_suffix" --parcels 30000 --parcel-rate "$rate" --seed 2 \
    --out-dir "$work/warmup" --quiet > /dev/null 2>&1 || true
  port_of_bootstrap="${bootstrap##*:}"
  bpid="$broker_pid"
  if [ -z "$bpid" ] && command -v ss >/dev/null; then
    bpid="$(ss -ltnpH "sport = :$port_of_bootstrap" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)"
  fi
  broker_ticks() { [ -n "$bpid" ] && [ -r "/proc/$bpid/stat" ] && awk '{print $14+$15}' "/proc/$bpid/stat" || echo ""; }
  ticks_before="$(broker_ticks)"
  if "$cli" generate --output kafka --bootstrap-servers "$bootstrap" --scans-topic "bench-scans-$topic_suffix" \
      --complaints-topic "bench-complaints-$topic_suffix" --sender-threads "$threads" ${producer_props[@]+"${producer_props[@]}"} \
      --parcels "$parcels" --parcel-rate "$rate" --seed 1 --out-dir "$work/kafka" --quiet > "$work/kafka.txt" 2> "$work/kafka.err"; then
    summary_line "$work/kafka.txt"
    grep '^CPU' "$work/kafka.txt" | sed 's/^/Generator /'
    kafka_rate="$(events_per_second "$work/kafka.txt")"
    ticks_after="$(broker_ticks)"
    events="$(summary_line "$work/kafka.txt" | sed -n 's/^Generated \([0-9,]*\) events.*/\1/p' | tr -d ,)"
    if [ -n "$ticks_before" ] && [ -n "$ticks_after" ] && [ -n "$events" ]; then
      hz="$(getconf CLK_TCK)"
      broker_cpu_s="$(awk -v a="$ticks_before" -v b="$ticks_after" -v hz="$hz" 'BEGIN{printf "%.2f", (b-a)/hz}')"
      echo "Broker (pid $bpid): $broker_cpu_s s of CPU time, $(awk -v c="$broker_cpu_s" -v e="$events" 'BEGIN{printf "%.2f", c*1e6/e}') µs per event"
      gen_us="$(grep '^CPU' "$work/kafka.txt" | sed -n 's/.*, \([0-9.]*\) µs per event/\1/p')"
      if [ -n "$gen_us" ]; then
        estimate="$(awk -v g="$gen_us" -v b="$broker_cpu_s" -v e="$events" -v n="$(nproc)" 'BEGIN{printf "%.0f", n*1e6/(g + b*1e6/e)}')"
        echo "CPU-bound estimate for an otherwise idle machine: $(nproc) cores / (generator + broker CPU per event) = $estimate events/s"
      fi
    fi
  else
    cat "$work/kafka.err" >&2
    echo "(Kafka run failed: is a broker running at $bootstrap? Start the local one with ./parcelwatch start, or pass --start-broker)"
  fi
fi

if [ "$memory_check" = true ]; then
  echo
  echo "--- 3. Memory: N and 10×N parcels at the same rate (2,000/h), generation alone, both in a 512 MB heap"
  for n in 300000 3000000; do
    LOAD_GENERATOR_JAVA_OPTS="-XX:+UseParallelGC -Xmx512m" "$cli" generate --output none --parcels "$n" --parcel-rate 2000 --seed 1 --out-dir "$work/mem$n" --quiet > "$work/mem$n.txt" 2>/dev/null
    echo "$n parcels: $(summary_line "$work/mem$n.txt" | sed 's/ to nowhere.*//')"
    echo "  $(grep '^Memory' "$work/mem$n.txt")"
    rm -rf "$work/mem$n"
  done
fi

echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "RESULT generation alone: ${gen_rate:-?} events/s"
if [ "$skip_kafka" = false ]; then
  echo "RESULT into Kafka ($bootstrap, all acknowledged): ${kafka_rate:-failed} events/s (goal: 300,000)"
  [ -n "${estimate:-}" ] && echo "RESULT CPU-bound estimate on an idle machine: $estimate events/s"
fi
