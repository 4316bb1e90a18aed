#!/usr/bin/env bash
# Benchmark of the ParcelWatch tracker job (not a test). On the local stack (Kafka 127.0.0.1:9092,
# Elasticsearch 127.0.0.1:9200; started here if not running), in one run:
#   1. preloads a fresh topic (bench-scans, 2 partitions) with the load generator;
#   2. lets (a) a naive baseline job (decode, keyBy parcel, one ValueState get+put and one new
#      event-time timer per scan, discard) and (b) the tracker job (TrackerJob.build, writing to a
#      fresh Elasticsearch) consume it, each in a Flink mini cluster in the benchmark JVM with the
#      tracker's configuration, and measures events/s while records flow (start-up excluded);
#   3. reports the tracker's Elasticsearch writes per event, checkpoint sizes of both jobs and state
#      bytes per parcel;
#   4. runs the tracker live on a fresh topic with the generator paced at half the tracker's measured
#      rate and, after a warm-up, measures scan-to-visible latency (p50/p90/p99/max) through
#      Elasticsearch searches, with a step-by-step timeline of the run;
#   5. prints one summary block with the goals beside the figures, also written to
#      .pw/bench/tracker-benchmark-<time>.txt.
#
# Usage: benchmarks/tracker/tracker-benchmark.sh [options]
#   --scale full|small       full: about 5 million events (default, ~13-17 min); small: about 300,000 (2-4 min)
#   --events N               about N events instead (parcels = N / the measured events per parcel)
#   --parcels N              exactly N parcels instead
#   --drain DURATION         the preload generator's --drain (default 2d: parcels still in state at the end)
#   --latency-warmup D       how long the generator feeds the live run before it is measured (default 30s; small: 15s)
#   --latency-duration D     how long the live run is measured after its warm-up (default 60s; small: 30s)
#   --latency-rate N         events/s of the live run (default: half the tracker's measured rate)
#   --checkpoint-interval D  of both jobs (default 10s, the tracker's default)
#   --flush-interval D       the tracker's status flush interval (default 1s; stretched while catching up)
#   --catch-up-flush-interval D  how far it stretches while catching up (default 5m, the tracker's)
#   --parallelism N          of both jobs (default 2)
#   --max-out-of-orderness D watermark bound of both jobs (default 5m, the tracker's)
#   --partitions N           of the benchmark's topics (default 2)
#   --heap SIZE              -Xmx of the benchmark JVM (default 6g; more JVM options: TRACKER_BENCH_JAVA_OPTS)
#   --skip-baseline          no baseline run (then no ratio)
#   --skip-latency           no live latency run
#   --list-metrics           print every vertex's metric names (after a Flink upgrade renames one)
# Flink's, Kafka's and the jobs' logging goes to .pw/bench/tracker-benchmark-<time>.log.
set -euo pipefail

module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$module/../.." && pwd)"
cd "$repo"

scale=full
events=""
parcels=""
drain=2d
latency_duration=""
latency_warmup=""
measure_args=()
partitions=2
heap=6g

while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --events) events="$2"; scale=custom; shift 2 ;;
    --parcels) parcels="$2"; scale=custom; shift 2 ;;
    --drain) drain="$2"; shift 2 ;;
    --latency-duration) latency_duration="$2"; shift 2 ;;
    --latency-warmup) latency_warmup="$2"; shift 2 ;;
    --latency-rate|--checkpoint-interval|--flush-interval|--catch-up-flush-interval|--parallelism|--max-out-of-orderness) measure_args+=("$1" "$2"); shift 2 ;;
    --partitions) partitions="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --skip-baseline|--skip-latency|--list-metrics) measure_args+=("$1"); shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "tracker-benchmark: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

case "$scale" in
  full) events="${events:-5000000}"; latency_duration="${latency_duration:-60s}"; latency_warmup="${latency_warmup:-30s}" ;;
  small) events="${events:-300000}"; latency_duration="${latency_duration:-30s}"; latency_warmup="${latency_warmup:-15s}" ;;
  custom) latency_duration="${latency_duration:-60s}"; latency_warmup="${latency_warmup:-30s}" ;;
  *) echo "tracker-benchmark: --scale is full or small, not '$scale'" >&2; exit 2 ;;
esac

kafka="127.0.0.1:${PW_KAFKA_PORT:-9092}"
es="http://127.0.0.1:${PW_ES_PORT:-9200}"
cli="$repo/parcelwatch"
bench_dir="$repo/.pw/bench"
stamp="$(date -u +%Y%m%d-%H%M%S)"
log="$bench_dir/tracker-benchmark-$stamp.log"
mkdir -p "$bench_dir"
work="$(mktemp -d "$bench_dir/work-$stamp.XXXXXX")"
trap 'rm -rf "$work"' EXIT
started=$(date +%s)

echo "Building what is stale (./parcelwatch jdk) ..."
# Builds what is stale (saying so on stdout), then names the JDK 21+ it runs on on its last line.
java21="$("$cli" jdk | tail -1)" || exit 2
if [ ! -f "$module/target/runtime.classpath" ] || [ ! -d "$module/target/classes/io" ]; then
  echo "Building the benchmark module ..."
  mvn -q -B install -DskipTests -pl benchmarks/tracker -am > "$bench_dir/build.log" 2>&1 || { tail -30 "$bench_dir/build.log" >&2; exit 1; }
fi
export TRACKER_BENCH_JAVA_OPTS="${TRACKER_BENCH_JAVA_OPTS:-} -Xmx$heap"
java_version="$("$java21" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -1 || true)"
# JDK 24+ warns on stderr about Pekko's (Flink RPC) use of sun.misc.Unsafe; the flag is unknown before 23.
unsafe_flag=""; [ "${java_version:-0}" -ge 24 ] && unsafe_flag="--sun-misc-unsafe-memory-access=allow"
bench_java() {
  # shellcheck disable=SC2086
  "$java21" --enable-native-access=ALL-UNNAMED $unsafe_flag $TRACKER_BENCH_JAVA_OPTS -Dpw.bench.log="$log" \
    -cp "$module/target/classes:$(cat "$module/target/runtime.classpath")" io.parcelwatch.benchmark.TrackerBenchmarkCli "$@"
}
elapsed() { echo "+$(( $(date +%s) - started ))s"; }

echo "=== ParcelWatch tracker benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
echo "Machine: nproc=$(nproc), CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), memory: $(free -g | awk '/Mem:/{print $2}') GiB"
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine lowers the figures)"
echo "JVM: $("$java21" -version 2>&1 | sed -n '2p'); benchmark JVM options:$TRACKER_BENCH_JAVA_OPTS"

if [ "$("$cli" status 2>/dev/null | grep -c 'running (pid' || true)" -eq 2 ]; then
  echo "Local stack: running (Kafka $kafka, Elasticsearch $es); reusing it."
else
  echo "Local stack: not running; starting it (./parcelwatch start) ..."
  if ! "$cli" start > "$bench_dir/stack-start.log" 2>&1; then
    tail -20 "$bench_dir/stack-start.log" >&2
    echo "tracker-benchmark: the local stack did not start; see $bench_dir/stack-start.log" >&2
    exit 1
  fi
  echo "Local stack: started (Kafka $kafka, Elasticsearch $es); ./parcelwatch stop stops it."
fi

echo
echo "--- 1. Preload ($(elapsed))"
scan_events_of() { sed -n 's/^Scan events by type (\([0-9,]*\)).*/\1/p' "$1" | tr -d ,; }
parcels_of() { sed -n 's/^Parcels: \([0-9,]*\) created.*/\1/p' "$1" | tr -d ,; }
probe_parcels=20000
"$cli" generate --output none --parcels "$probe_parcels" --drain "$drain" --seed 1 --out-dir "$work/probe" --quiet > "$work/probe.txt" 2> "$work/probe.err" \
  || { cat "$work/probe.err" >&2; exit 1; }
epp="$(awk -v e="$(scan_events_of "$work/probe.txt")" -v p="$probe_parcels" 'BEGIN{printf "%.2f", e/p}')"
if [ -z "$parcels" ]; then
  parcels="$(awk -v e="$events" -v r="$epp" 'BEGIN{printf "%d", e/r + 0.5}')"
fi
echo "Generator: $epp scan events per parcel (a $probe_parcels-parcel run with --drain $drain), so $parcels parcels for about $(awk -v p="$parcels" -v r="$epp" 'BEGIN{printf "%d", p*r}') events"
bench_java prepare --bootstrap-servers "$kafka" --topic bench-scans --topic bench-complaints --partitions "$partitions"
load_started=$(date +%s.%N)
"$cli" generate --output kafka --bootstrap-servers "$kafka" --scans-topic bench-scans --complaints-topic bench-complaints \
  --partitions "$partitions" --parcels "$parcels" --drain "$drain" --seed 1 --out-dir "$work/preload" --quiet \
  > "$work/preload.txt" 2> "$work/preload.err" || { cat "$work/preload.err" >&2; exit 1; }
load_seconds="$(awk -v a="$load_started" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')"
loaded_events="$(scan_events_of "$work/preload.txt")"
loaded_parcels="$(parcels_of "$work/preload.txt")"
echo "Loaded $(printf "%'d" "$loaded_events") scan events of $(printf "%'d" "$loaded_parcels") parcels into bench-scans in $load_seconds s (generator JVM start included)"
echo "  generator: $(grep -E '^Generated' "$work/preload.txt" | head -1)"

echo
echo "--- 2-5. Measure ($(elapsed)); Flink and client logs: $log"
bench_java measure --bootstrap-servers "$kafka" --elasticsearch "$es" --topic bench-scans --partitions "$partitions" \
  --generator "$cli" --latency-duration "$latency_duration" --latency-warmup "$latency_warmup" --events-per-parcel "$epp" --loaded-parcels "$loaded_parcels" \
  --load-seconds "$load_seconds" --scale "$scale" --drain "$drain" --work-dir "$bench_dir" \
  --summary-file "$bench_dir/tracker-benchmark-$stamp.txt" ${measure_args[@]+"${measure_args[@]}"}
echo "Total wall time: $(( $(date +%s) - started )) s. Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
