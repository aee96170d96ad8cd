#!/usr/bin/env bash
# Which garbage collector, side by side (issue 9's GC step):
#
#   src/bench/gc.sh            about 12 minutes: RUNS interleaved rounds per collector
#   src/bench/gc.sh --smoke    a short pass (about 4 minutes); its numbers are not measurements
#   src/bench/gc.sh --overhead the same harness on what a /live request pays for besides its own work: today's
#                              service against itself with tracing off, the access log off, both off, the console
#                              log written by a background thread, root spans not sampled, and every token lookup
#                              sent on its own (no coalescing: shares.resolve.max-in-flight far above the pool)
#
# Options: --no-build (use the jar in target/quarkus-app). Knobs (environment): RUNS, DURATION, WARMUP, LIVE_CONNS,
# CORE_DELAY_MS, HEAP_OPTS, ONLY (a comma-separated subset of the variants), JDK25 (a JDK 21+ home, for generational ZGC; default: the Temurin 25 under /usr/lib/jvm),
# BASELINE (another build's quarkus-app directory, e.g. a copy of target/quarkus-app made on the commit before a
# change: with --overhead it runs first, as "baseline", with the shipped flags, so a change is measured side by side).
#
# One PostgreSQL, one stand-in core answering after CORE_DELAY_MS, and one service process per collector, all started
# before any load and all on the same database, so that every round loads each of them in turn (A, B, C, A, B, C...):
# slow drift in the machine's load hits every collector alike. Each gets the container's heap flags (HEAP_OPTS, as in
# src/bench/run.sh) and its collector's flags only. Per collector: /live and the full page at LIVE_CONNS connections
# (req/s, p99, GC time per run, jstat's GCT), then its RSS. Prints a markdown table and writes target/bench-gc/$SET.md.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/../.." && pwd)
WORK=$ROOT/target/bench-gc
source "$BENCH/lib/common.sh"
source "$BENCH/lib/noise.sh"
source "$BENCH/lib/wrk.sh"
source "$BENCH/lib/services.sh"
source "$BENCH/lib/jwt.sh"

MODE=full BUILD=1 SET=gc
for a in "$@"; do
  case $a in
    --smoke) MODE=smoke ;;
    --no-build) BUILD=0 ;;
    --overhead) SET=overhead ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $a (see --help)" ;;
  esac
done
if [ "$MODE" = smoke ]; then : "${RUNS:=1}" "${DURATION:=4}" "${WARMUP:=4}"; else : "${RUNS:=3}" "${DURATION:=12}" "${WARMUP:=20}"; fi
: "${LIVE_CONNS:=64}" "${CORE_DELAY_MS:=50}" "${WRK_THREADS:=2}"
# The container's heap (run-java.sh under the Deployment's 512 Mi limit: 50 % of it), without a collector choice.
: "${HEAP_OPTS:=-Xms64m -Xmx256m -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager}"
: "${JDK25:=$(ls -d /usr/lib/jvm/temurin-2[5-9]* 2>/dev/null | sort -V | tail -n 1)}"
export RUNS DURATION WARMUP WRK_THREADS
JDK17=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
"$JDK17/bin/java" -version 2>&1 | grep -q '"17' || die "java on the PATH is not JDK 17 (the image's JVM)"

# name|JDK home|JVM flags beyond the heap's|environment (NAME=value ...)[|another build's quarkus-app]. The first is what the image runs today
# (src/bench/run.sh's JVM_OPTS).
PARALLEL_TUNED="-XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90"
if [ "$SET" = gc ]; then
  CONFIGS=(
    "parallel-17|$JDK17|$PARALLEL_TUNED|"
    "g1-17|$JDK17|-XX:+UseG1GC|"
    # G1 as the image's run-java.sh would start it: GC_CONTAINER_OPTIONS replaces only the collector flag, its
    # heap-ratio flags are still appended (and G1 reads GCTimeRatio as its GC-time goal)
    "g1-17-image|$JDK17|-XX:+UseG1GC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90|"
    "serial-17|$JDK17|-XX:+UseSerialGC|"
  )
  if [ -n "$JDK25" ] && [ -x "$JDK25/bin/java" ]; then
    CONFIGS+=("parallel-25|$JDK25|$PARALLEL_TUNED|" "g1-25|$JDK25|-XX:+UseG1GC|" "zgc-25|$JDK25|-XX:+UseZGC|")
  else
    log "no JDK 21+ found (JDK25=...): generational ZGC is left out"
  fi
else
  # Diagnostics only (what limits /live), not configurations to run: both features stay on in production.
  CONFIGS=(
    "as-shipped|$JDK17|$PARALLEL_TUNED|"
    "no-tracing|$JDK17|$PARALLEL_TUNED|QUARKUS_OTEL_SDK_DISABLED=true"
    "no-access-log|$JDK17|$PARALLEL_TUNED|QUARKUS_LOG_CATEGORY__IO_UPTIMEPAGE_SHARES_ACCESS__LEVEL=WARN"
    "neither|$JDK17|$PARALLEL_TUNED|QUARKUS_OTEL_SDK_DISABLED=true QUARKUS_LOG_CATEGORY__IO_UPTIMEPAGE_SHARES_ACCESS__LEVEL=WARN"
    "async-console|$JDK17|$PARALLEL_TUNED|QUARKUS_LOG_CONSOLE_ASYNC_ENABLED=true"
    "unsampled|$JDK17|$PARALLEL_TUNED|QUARKUS_OTEL_TRACES_SAMPLER=parentbased_always_off"
    "resolve-unbatched|$JDK17|$PARALLEL_TUNED|SHARES_RESOLVE_MAX_IN_FLIGHT=10000"
    # the production log format (the bench's services write plain console lines, like a laptop)
    "json-logs|$JDK17|$PARALLEL_TUNED|QUARKUS_LOG_CONSOLE_JSON_ENABLED=true"
    # Mutiny without SmallRye context propagation's callback decorators (a JFR profile of /live puts ~13 % of its
    # allocation there): what they cost, not a setting to ship unmeasured by the tests
    "no-cp-decorators|$JDK17|$PARALLEL_TUNED -Dmutiny.disableCallBackDecorators=true|"
  )
  if [ -n "${BASELINE:-}" ]; then
    [ -f "$BASELINE/quarkus-run.jar" ] || die "BASELINE=$BASELINE has no quarkus-run.jar"
    CONFIGS=("baseline|$JDK17|$PARALLEL_TUNED||$BASELINE" "${CONFIGS[@]}")
  fi
fi
# ONLY=name,name,...: run just these of the set (the first stays the reference of every ratio you compute).
if [ -n "${ONLY:-}" ]; then
  kept=()
  for c in "${CONFIGS[@]}"; do [[ ",$ONLY," == *",${c%%|*},"* ]] && kept+=("$c"); done
  CONFIGS=("${kept[@]}")
  [ ${#CONFIGS[@]} -gt 0 ] || die "ONLY=$ONLY matches none of the set"
fi

command -v wrk >/dev/null && command -v jq >/dev/null && compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null ||
  die "needs wrk, jq and PostgreSQL's binaries (apt-get install -y wrk jq postgresql; src/bench/run.sh installs them)"
ulimit -n 65536 2>/dev/null || true
rm -rf "$WORK"
mkdir -p "$WORK"
trap 'run_cleanup' EXIT
trap 'exit 130' INT TERM

if [ "$BUILD" = 1 ]; then
  log "building the jar (log: target/bench-gc/build.log)"
  (cd "$ROOT" && ./mvnw -B -ntp -o package -DskipTests >"$WORK/build.log" 2>&1) || { tail -n 30 "$WORK/build.log" >&2; die "build failed"; }
fi
stage_app

SHARES_KEK=$(head -c 32 /dev/urandom | base64)
JWT_KEY=$ROOT/src/test/resources/test-jwt/private-key.pem
start_pg
start_core "$CORE_DELAY_MS"

# ---- One service per collector, all up before any load -------------------------------------------------------
declare -A PID URL JSTAT_OF
NAMES=()
for c in "${CONFIGS[@]}"; do
  IFS='|' read -r name home flags svc_env app <<<"$c"
  APP_DIR=${app:-$WORK/app} SVC_PORT= JAVA=$home/bin/java JVM_OPTS="$HEAP_OPTS $flags" SVC_ENV=$svc_env SVC_LOG=$WORK/service-$name.log start_service
  on_exit "stop_pid $SVC_PID 40"
  PID[$name]=$SVC_PID URL[$name]=$SVC_URL JSTAT_OF[$name]=$home/bin/jstat
  NAMES+=("$name")
  log "$name: ready in $SVC_READY_MS ms on $SVC_URL (pid $SVC_PID): $("$home/bin/java" -version 2>&1 | sed -n 2p), $flags${svc_env:+, $svc_env}"
  SVC_PORT=
done
use() { SVC_PID=${PID[$1]} SVC_URL=${URL[$1]} JSTAT=${JSTAT_OF[$1]}; }

sql -c "insert into plan_overrides (org, max_share_links_per_monitor, max_shared_monitors, reason)
        values ('bench', 1000000, 1000000, 'benchmark') on conflict (org) do nothing"
JWT=$(operator_jwt "$JWT_KEY" bench team)
use "${NAMES[0]}"
TOKEN=$(curl -fsS -X POST "$SVC_URL/api/v1/targets/00000000-0000-4000-a000-000000000001/shares" \
  -H "Authorization: Bearer $JWT" -H 'Content-Type: application/json' -d '{"label":"gc"}' | jq -er .token)

# ---- Warm-up, then interleaved rounds ------------------------------------------------------------------------
for name in "${NAMES[@]}"; do
  use "$name"
  log "$name: warm-up ${WARMUP}s of /live and ${WARMUP}s of the page"
  wrk_once "$name.live.warmup" "$LIVE_CONNS" "$WARMUP" "$SVC_URL/m/$TOKEN/live" >/dev/null
  wrk_once "$name.page.warmup" "$LIVE_CONNS" "$WARMUP" "$SVC_URL/m/$TOKEN" >/dev/null
done
declare -A LIVE PAGE
for ((i = 1; i <= RUNS; i++)); do
  log "round $i of $RUNS"
  for name in "${NAMES[@]}"; do
    use "$name"
    LIVE[$name]+="$(wrk_once "$name.live.$i" "$LIVE_CONNS" "$DURATION" "$SVC_URL/m/$TOKEN/live")"$'\n'
    PAGE[$name]+="$(wrk_once "$name.page.$i" "$LIVE_CONNS" "$DURATION" "$SVC_URL/m/$TOKEN")"$'\n'
  done
done

# ---- The table -----------------------------------------------------------------------------------------------
col() { awk -v c="$1" 'NF { print $c }' <<<"$2"; }
med() { median $(col "$1" "$2"); }
gcshare() { awk -v d="$DURATION" 'NF { s += $9; n++ } END { if (n) printf "%.1f", s / n / (d * 10); else print "n/a" }' <<<"$1"; }
{
  echo "| $([ "$SET" = gc ] && echo 'collector (JDK)' || echo variant) | /live req/s | /live p99 ms | page req/s | page p99 ms | GC time per ${DURATION}s /live run, ms (share of wall time) | RSS after, MB |"
  echo "|---|---|---|---|---|---|---|"
  for name in "${NAMES[@]}"; do
    rss=$(( $(ps -o rss= -p "${PID[$name]}") / 1024 ))
    gc="$(col 9 "${LIVE[$name]}" | paste -sd/) ($(gcshare "${LIVE[$name]}") %)"
    # jstat's GCT has no pause time for ZGC (its pauses are sub-millisecond; its work is concurrent, on the same cores)
    [[ $name == zgc* ]] && gc="n/a (concurrent)"
    printf '| %s | %.0f | %.1f | %.0f | %.1f | %s | %d |\n' "$name" "$(med 1 "${LIVE[$name]}")" "$(med 4 "${LIVE[$name]}")" \
      "$(med 1 "${PAGE[$name]}")" "$(med 4 "${PAGE[$name]}")" "$gc" "$rss"
  done
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); heap flags: \`$HEAP_OPTS\`;" \
    "core answering after ${CORE_DELAY_MS} ms; $RUNS interleaved rounds of ${DURATION}s at $LIVE_CONNS connections (medians);" \
    "commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo '+changes'); mode $MODE."
} | tee "$WORK/$SET.md"
