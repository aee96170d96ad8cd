#!/usr/bin/env bash
# The share-links benchmark, in one command:
#
#   src/bench/run.sh            full run (about 30 minutes): every figure is the median of 3 runs
#   src/bench/run.sh --smoke    a short pass over every step (about 5 minutes); its numbers are not measurements
#
# Options: --no-build (use the jar already in target/quarkus-app), --profile (record a JFR profile of the service;
# profiled numbers are not the published ones), --up (start everything, print how to reach it, measure nothing;
# for profiling by hand), --help. Knobs are environment variables, listed in README.md.
#
# It builds the jar, starts a real PostgreSQL (Debian binaries), a stand-in core (WireMock standalone, counting
# requests, answering after CORE_DELAY_MS), the service configured like production (environment variables only),
# and nginx serving a static copy of the live region as the reference; loads them with wrk; prints issue 9's table
# (each figure with its target and PASS/MISS) and the others as markdown, written to target/bench/results.md
# (target/bench/summary.md: the first table with machine, JVM flags and commit, for the README). Everything it
# starts is stopped on exit.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/../.." && pwd)
WORK=$ROOT/target/bench
source "$BENCH/lib/common.sh"
source "$BENCH/lib/noise.sh"
source "$BENCH/lib/wrk.sh"
source "$BENCH/lib/services.sh"
source "$BENCH/lib/jwt.sh"
source "$BENCH/lib/probes.sh"

# ---- Options and knobs ---------------------------------------------------------------------------------------
MODE=full BUILD=1 PROFILE=0
for a in "$@"; do
  case $a in
    --smoke) MODE=smoke ;;
    --no-build) BUILD=0 ;;
    --profile) PROFILE=1 ;;
    --up) MODE=up ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $a (see --help)" ;;
  esac
done
if [ "$MODE" = smoke ]; then
  : "${RUNS:=1}" "${DURATION:=3}" "${WARMUP:=2}" "${WARMUP_ROUTES:=5}" "${WINDOW:=10}" "${BIG_ROWS:=20000}" "${STARTS:=1}"
else
  : "${RUNS:=3}" "${DURATION:=15}" "${WARMUP:=10}" "${WARMUP_ROUTES:=45}" "${WINDOW:=30}" "${BIG_ROWS:=1000000}" "${STARTS:=3}"
fi
: "${CORE_DELAY_MS:=50}"      # the stand-in core's answer time for the /m/ figures and the slow-core mint figure
: "${SMALL_ROWS:=1000}"       # share rows for the small side of the resolve figure (and during the /m/ figures)
: "${LIVE_CONNS:=64}" "${VIEWERS:=500}" "${LINKS:=50}" "${MINT_CONNS:=16}" "${RESOLVE_CONNS:=16}"
: "${WRK_THREADS:=2}"
# One set of JVM flags for every start of the service: the container's under the Deployment's 512 Mi limit (heap = 50 %
# of the limit, as issue 9's table was measured), ParallelGC with run-java.sh's footprint-friendly ratios. G1 is the
# other candidate (deployment/Dockerfile.jvm has src/bench/gc.sh's comparison; JVM_OPTS="... -XX:+UseG1GC ..." here).
: "${JVM_OPTS:=-Xms64m -Xmx256m -XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager}"
# The warm-link figure: one viewer polling /live every POLL_MS for WARM_TTLS cache TTLs (the entry expires under it).
: "${POLL_MS:=100}" "${WARM_TTLS:=4}"
# The reference asset for the "/live ÷ the service's own asset" figure (a name under /m/_/{version}/; see the README).
: "${ASSET:=uPlot.min.js}"
# How long the live data is fresh (the cache TTL), as configured: TTL_MS and where it came from (TTL_FROM).
read -r TTL_MS TTL_FROM < <(live_ttl "$ROOT")
TTL_S=$(calc "$TTL_MS / 1000")
export RUNS DURATION WARMUP WRK_THREADS

# ---- Prerequisites -------------------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx)
command -v jq >/dev/null || need+=(jq)
command -v curl >/dev/null || need+=(curl)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing: ${need[*]} (apt-get install -y ${need[*]})"
  log "installing ${need[*]} (Debian packages)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null; }
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
(($(ulimit -n) >= 2 * VIEWERS + 200)) || die "open-file limit $(ulimit -n) is too low for $VIEWERS connections"

rm -rf "$WORK"
mkdir -p "$WORK"
trap 'run_cleanup' EXIT
trap 'exit 130' INT TERM
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
FOREIGN_TOP_START=$(foreign_top 6)
T_START=$(date +%s)
RUN_CPU0=$(cpu_snapshot)

# ---- Build ---------------------------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  log "building the jar: ./mvnw -B -ntp -o package -DskipTests (log: target/bench/build.log)"
  (cd "$ROOT" && ./mvnw -B -ntp -o package -DskipTests >"$WORK/build.log" 2>&1) ||
    { tail -n 30 "$WORK/build.log" >&2; die "build failed (offline; run ./mvnw -B package -DskipTests once online)"; }
fi
[ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || die "no target/quarkus-app/quarkus-run.jar (drop --no-build)"
JAVA_VERSION=$(java -version 2>&1 | sed -n '2p')
stage_app

# ---- Start everything ----------------------------------------------------------------------------------------
SHARES_KEK=$(head -c 32 /dev/urandom | base64)
JWT_KEY=$ROOT/src/test/resources/test-jwt/private-key.pem
[ "$PROFILE" = 1 ] && PROFILE_OPTS="-XX:StartFlightRecording=filename=$WORK/service.jfr,settings=profile,dumponexit=true"
start_pg
start_core 0
start_service
on_exit stop_service
FIRST_READY_MS=$SVC_READY_MS
log "service ready in ${FIRST_READY_MS} ms (first start: Flyway creates the schema); pid $SVC_PID, port $SVC_PORT"

# The bench org may mint without limit (DESIGN §7: a per-org override lifts the plan's caps).
sql -c "insert into plan_overrides (org, max_share_links_per_monitor, max_shared_monitors, reason)
        values ('bench', 1000000, 1000000, 'benchmark') on conflict (org) do nothing"
export BENCH_JWT
BENCH_JWT=$(operator_jwt "$JWT_KEY" bench team)

# mint_link TARGET_ID → the new link's token (via the operator API, like an operator would)
mint_link() {
  curl -fsS -X POST "$SVC_URL/api/v1/targets/$1/shares" -H "Authorization: Bearer $BENCH_JWT" \
    -H 'Content-Type: application/json' -d '{"label":"bench"}' | jq -er .token
}
target_id() { printf '00000000-0000-4000-a000-%012d' "$1"; }

if [ "$MODE" = up ]; then
  core_delay "$CORE_DELAY_MS"
  cat >"$WORK/env.sh" <<EOF
SVC_URL=$SVC_URL
SVC_PID=$SVC_PID
CORE_URL=$CORE_URL
BENCH_JWT=$BENCH_JWT
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGPASSWORD=$PG_PASSWORD PGDATABASE=$PG_DB
EOF
  log "up: service $SVC_URL (pid $SVC_PID), core $CORE_URL, PostgreSQL port $PG_PORT; variables in target/bench/env.sh"
  log "up: stop with Ctrl-C or kill $$ (everything started is stopped)"
  while kill -0 "$SVC_PID" 2>/dev/null; do sleep 1; done
  exit 0
fi

# ---- Mint: 16 concurrent operators --------------------------------------------------------------------------
probe=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$SVC_URL/api/v1/targets/$(target_id 0)/shares" \
  -H "Authorization: Bearer $BENCH_JWT" -H 'Content-Type: application/json' -d '{}')
[ "$probe" = 201 ] || die "a mint answered $probe, not 201 (see target/bench/service.log)"
log "warming up the mint path: ${WARMUP_ROUTES}s"
wrk_once mint.jit-warmup "$MINT_CONNS" "$WARMUP_ROUTES" "$SVC_URL/" "$BENCH/lua/mint.lua" >/dev/null
measure mint.fast "$MINT_CONNS" "$SVC_URL/" "$BENCH/lua/mint.lua"
# Issue 9's mint figures: the same load from operators of 16 different orgs, so the per-org lock that serialises
# one org's mints until commit (DESIGN §7) is out of the way and what remains is our own cost per mint; with the core
# answering at once and after CORE_DELAY_MS. The one-org figures (mint.fast, mint.slow) are diagnostics.
ORG_JWTS=""
for ((i = 1; i <= MINT_CONNS; i++)); do
  sql -c "insert into plan_overrides (org, max_share_links_per_monitor, max_shared_monitors, reason)
          values ('bench-$i', 1000000, 1000000, 'benchmark') on conflict (org) do nothing"
  ORG_JWTS+=" $(operator_jwt "$JWT_KEY" "bench-$i" team)"
done
export BENCH_JWTS=$ORG_JWTS
measure mint.orgs "$MINT_CONNS" "$SVC_URL/" "$BENCH/lua/mint.lua"
core_delay "$CORE_DELAY_MS"
measure mint.orgs.slow "$MINT_CONNS" "$SVC_URL/" "$BENCH/lua/mint.lua"
unset BENCH_JWTS
measure mint.slow "$MINT_CONNS" "$SVC_URL/" "$BENCH/lua/mint.lua"
MINTED=$(sql -c "select count(*) from shares where org like 'bench%'")
log "minted $MINTED links in all; removing them so the row counts below are exact"
sql -c "delete from share_audit where org like 'bench%'" -c "delete from shares where org like 'bench%'" -c "vacuum analyze shares"

# ---- The public pages ----------------------------------------------------------------------------------------
TOKENS=()
TOKEN=$(mint_link "$(target_id 1)")
VIEW_STATUS=$(curl -s -o "$WORK/live.html" -w '%{http_code}' "$SVC_URL/m/$TOKEN/live")
if [ "$VIEW_STATUS" = 200 ]; then
  VIEW=1
  LIVE_TYPE=$(curl -s -o /dev/null -w '%{content_type}' "$SVC_URL/m/$TOKEN/live")
  TOKENS=("$TOKEN")
  for ((i = 2; i <= LINKS; i++)); do TOKENS+=("$(mint_link "$(target_id "$i")")"); done
else
  VIEW=0
  log "GET /m/{token}/live answered $VIEW_STATUS: the public pages are not in this build; /m/ figures are skipped"
fi
# seed_to N: filler rows (sql/seed-shares.sql) until the shares table holds N rows; SEEDED = filler rows so far.
SEEDED=0
seed_to() {
  local rows add
  rows=$(sql -c "select count(*) from shares")
  add=$(($1 - rows))
  if ((add > 0)); then
    sql -v first=$((SEEDED + 1)) -v last=$((SEEDED + add)) -f "$BENCH/sql/seed-shares.sql" >/dev/null
    SEEDED=$((SEEDED + add))
  fi
  sql -c "vacuum analyze shares"
  ROWS=$(sql -c "select count(*) from shares")
}
seed_to "$SMALL_ROWS"
log "shares table: $ROWS rows"
SMALL_COUNT=$ROWS

# viewer_paths FILE TOKEN...: what a viewer's browser asks for (share.js): the page once, then the live region polls
# and the chart data, both by the page's preset range (data-range).
viewer_paths() {
  local file=$1 t range
  shift
  : >"$file"
  for t in "$@"; do
    range=$(curl -s "$SVC_URL/m/$t" | grep -o 'data-range="[^"]*"' | head -n 1 | cut -d'"' -f2)
    [ -n "$range" ] || die "the page of a bench link has no data-range"
    printf '%s\n' "/m/$t" "/m/$t/live?range=$range" "/m/$t/live?range=$range" "/m/$t/live?range=$range" \
      "/m/$t/live?range=$range" "/m/$t/latency?range=$range" >>"$file"
  done
}

# core_window FIG CONNECTIONS PATHS_FILE: RUNS windows of WINDOW seconds each; per window, what the core received.
core_window() {
  local fig=$1 conns=$2 paths=$3 i per_ttl_e=() per_ttl_r=() burst=() total=()
  export BENCH_PATHS=$paths
  log "$fig: $conns connections on $(grep -c '^/m/[^/]*$' "$paths") link(s), $RUNS window(s) of ${WINDOW}s, TTL ${TTL_S}s ($TTL_FROM)"
  wrk_once "$fig.warmup" "$conns" "$WARMUP" "$SVC_URL/" "$BENCH/lua/paths.lua" >/dev/null
  for ((i = 1; i <= RUNS; i++)); do
    core_reset_journal
    local line t0
    t0=$(date +%s%3N)
    line=$(wrk_once "$fig.$i" "$conns" "$WINDOW" "$SVC_URL/" "$BENCH/lua/paths.lua")
    curl -fsS "$CORE_URL/__admin/requests" >"$WORK/core-journal.$fig.$i.json"
    # only what the core received within the WINDOW seconds after wrk started
    jq --argjson ttl "$TTL_MS" --argjson win $((WINDOW * 1000)) --argjson t0 "$t0" -f "$BENCH/lib/core-reads.jq" \
      "$WORK/core-journal.$fig.$i.json" >"$WORK/core-reads.$fig.$i.json"
    rm -f "$WORK/core-journal.$fig.$i.json"
    # cross-check with WireMock's count API (which also sees what arrived while wrk was shutting down)
    log "  window $i: $(jq .requests "$WORK/core-reads.$fig.$i.json") core requests in ${WINDOW}s ($(core_count '/api/v1/targets/.*') by the count API, including wrk's shutdown)"
    per_ttl_e+=("$(jq '[.endpoints[].per_ttl] | max // 0' "$WORK/core-reads.$fig.$i.json")")
    per_ttl_r+=("$(jq '[.reads[].per_ttl] | max // 0' "$WORK/core-reads.$fig.$i.json")")
    burst+=("$(jq '[.reads[].max_in_one_ttl] | max // 0' "$WORK/core-reads.$fig.$i.json")")
    total+=("$(jq .requests "$WORK/core-reads.$fig.$i.json")")
    log "  window $i: $(jq -r '.endpoints | to_entries | map("\(.key) \(.value.per_ttl)") | join(", ")' "$WORK/core-reads.$fig.$i.json") per monitor per TTL"
    F[$fig.rps]=$(awk '{print $1}' <<<"$line")
    F[$fig.bad]=$(( ${F[$fig.bad]:-0} + $(awk '{print $5}' <<<"$line") ))
  done
  F[$fig.endpoint]=$(median "${per_ttl_e[@]}")
  F[$fig.read]=$(median "${per_ttl_r[@]}")
  F[$fig.burst]=$(median "${burst[@]}")
  F[$fig.total]=$(median "${total[@]}")
  # the breakdown of the median window (by its per-endpoint figure)
  F[$fig.detail]=$(jq -r '.endpoints | to_entries | map("\(.key) \(.value.per_ttl)") | join(", ")' "$WORK/core-reads.$fig.1.json")
  F[$fig.reads]=$(jq -r '.reads | to_entries | map("\(.key) \(.value.per_ttl)") | join(", ")' "$WORK/core-reads.$fig.1.json")
  F[$fig.monitors]=$(jq '[.endpoints[].monitors] | max // 0' "$WORK/core-reads.$fig.1.json")
}

if [ "$VIEW" = 1 ]; then
  viewer_paths "$WORK/paths-one.txt" "$TOKEN"
  viewer_paths "$WORK/paths-many.txt" "${TOKENS[@]}"
  # JIT warm-up of the public routes before any of their figures (each figure still has its own warm-up)
  log "warming up the public routes: ${WARMUP_ROUTES}s of viewer traffic on $LINKS links"
  export BENCH_PATHS=$WORK/paths-many.txt
  wrk_once routes.warmup "$LIVE_CONNS" "$WARMUP_ROUTES" "$SVC_URL/" "$BENCH/lua/paths.lua" >/dev/null
  # What a browser's poll of the live region costs on the wire (Accept-Encoding), and the reference asset
  wire_bytes "$SVC_URL/m/$TOKEN/live"
  pick_asset "$SVC_URL/m/$TOKEN"
  # Side by side, interleaved run by run (drift hits all alike): the live region; nginx serving the same bytes; the
  # service's own static asset (its ceiling for a response of that size); the live region as a browser asks for it
  # (Accept-Encoding: gzip); the full page.
  start_nginx "$WORK/live.html" "$LIVE_TYPE"
  curl -s "$SVC_URL/m/$TOKEN/live" -o /dev/null # warm the live cache
  measure_set "$LIVE_CONNS" "live|$SVC_URL/m/$TOKEN/live" "nginx|$NGX_URL/m/static/live" "asset|$SVC_URL$ASSET_PATH" \
    "live.gzip|$SVC_URL/m/$TOKEN/live|$BENCH/lua/accept-encoding.lua" "page|$SVC_URL/m/$TOKEN"
  stop_pid "$NGX_PID" 10
  # a single viewer on a warm link while its cache entry expires, again and again
  warm_wait warm "$SVC_URL/m/$TOKEN/live"
  # core requests: one viewer (the baseline), 500 viewers of one link, viewers spread over 50 links
  core_window core.one 1 "$WORK/paths-one.txt"
  core_window core.viewers "$VIEWERS" "$WORK/paths-one.txt"
  core_window core.links "$VIEWERS" "$WORK/paths-many.txt"
  # resolve at SMALL_ROWS rows (warm live cache: the only per-request database work is the token lookup)
  measure resolve.small "$RESOLVE_CONNS" "$SVC_URL/m/$TOKEN/live"
fi

# DB-only resolve, small table (diagnostic)
pgbench_resolve() {
  PGPASSWORD=$PG_PASSWORD "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c 4 -j 2 -T "$DURATION" \
    -D rows="$1" -f "$BENCH/sql/resolve.pgbench" "$PG_DB" 2>&1 | awk '/latency average/ {l=$4} /^tps/ {t=$3} END {print l, t}'
}
read -r 'F[pg.small.lat]' 'F[pg.small.tps]' < <(pgbench_resolve "$SEEDED")

log "seeding the shares table up to $BIG_ROWS rows (generate_series)"
t0=$SECONDS
seed_to "$BIG_ROWS"
BIG_COUNT=$ROWS
SEED_SECONDS=$((SECONDS - t0))
log "shares table: $BIG_COUNT rows (seeded and analysed in $SEED_SECONDS s)"
read -r 'F[pg.big.lat]' 'F[pg.big.tps]' < <(pgbench_resolve "$SEEDED")

if [ "$VIEW" = 1 ]; then
  curl -s "$SVC_URL/m/$TOKEN/live" -o /dev/null
  measure resolve.big "$RESOLVE_CONNS" "$SVC_URL/m/$TOKEN/live"
fi

# ---- Footprint and start-up ----------------------------------------------------------------------------------
RSS_MB=$(( $(ps -o rss= -p "$SVC_PID") / 1024 ))
log "service RSS after the load runs: $RSS_MB MB"
if [ "$PROFILE" = 1 ]; then
  jcmd "$SVC_PID" JFR.dump filename="$WORK/service.jfr" >/dev/null 2>&1 || true
fi
stop_service
PROFILE_OPTS=
# Start-up with the AppCDS archive (what a JVM given -XX:SharedArchiveFile runs) and without it (the jar alone),
# interleaved. Each start's "started in" is read from its own lines of the log only.
READY=() READY_NOCDS=()
started_in() { tail -c +"$1" "$WORK/service.log" | grep -o 'started in [0-9.]*s' | tail -n 1; }
for ((i = 1; i <= STARTS; i++)); do
  if [ -n "${APP_CDS:-}" ]; then
    from=$(( $(stat -c %s "$WORK/service.log") + 1 ))
    CDS=1 start_service
    READY+=("$SVC_READY_MS")
    log "start $i with AppCDS: ready in $SVC_READY_MS ms ($(started_in "$from"))"
    stop_service
  fi
  from=$(( $(stat -c %s "$WORK/service.log") + 1 ))
  CDS=0 start_service
  READY_NOCDS+=("$SVC_READY_MS")
  log "start $i without AppCDS: ready in $SVC_READY_MS ms ($(started_in "$from"))"
  stop_service
done
[ ${#READY[@]} -eq 0 ] && READY=("${READY_NOCDS[@]}")
F[startup]=$(median "${READY[@]}")
F[startup.runs]=$(IFS=/; echo "${READY[*]}")
F[startup.nocds]=$(median "${READY_NOCDS[@]}")
F[startup.nocds.runs]=$(IFS=/; echo "${READY_NOCDS[*]}")

replica_results "$ROOT/target/replica/results.md"

RUN_CPU1=$(cpu_snapshot)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
FOREIGN_TOP_END=$(foreign_top 6)

# ---- The table -----------------------------------------------------------------------------------------------
source "$BENCH/lib/report.sh"
report >"$WORK/results.md"
report_summary >"$WORK/summary.md"
cat "$WORK/results.md"
log "written to target/bench/results.md; target/bench/summary.md is its first table with the machine, JVM flags and commit, for the README (raw runs: target/bench/runs.tsv, wrk outputs: target/bench/wrk/)"
