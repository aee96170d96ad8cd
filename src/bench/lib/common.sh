# shellcheck shell=bash
# Helpers shared by the benchmark scripts: logging, ports, waiting, medians, cleanup.

log() { printf '%s [bench] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Cleanup actions run in reverse order on exit (normal or not).
CLEANUP=()
on_exit() { CLEANUP+=("$1"); }
run_cleanup() {
  local i
  for ((i = ${#CLEANUP[@]} - 1; i >= 0; i--)); do eval "${CLEANUP[i]}" || true; done
  CLEANUP=()
}

# A TCP port nobody listens on, starting at $1.
free_port() {
  local p=$1
  while ss -Hltn "sport = :$p" | grep -q .; do p=$((p + 1)); done
  echo "$p"
}

# Waits until GET $1 answers $2 (default 200); $3 = timeout in seconds.
wait_http() {
  local url=$1 want=${2:-200} timeout=${3:-60} end
  end=$((SECONDS + timeout))
  while ((SECONDS < end)); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" = "$want" ] && return 0
    sleep 0.2
  done
  return 1
}

# Stops a process by pid: SIGTERM, then SIGKILL after $2 seconds (default 30).
stop_pid() {
  local pid=$1 grace=${2:-30} i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "pid $pid did not stop in ${grace}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

# Median of the numbers given as arguments ("" when none).
median() {
  [ $# -gt 0 ] || { echo ""; return; }
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.4g\n", (a[NR/2]+a[NR/2+1])/2}'
}

# Floating-point arithmetic: calc '1/3' → 0.3333
calc() { awk "BEGIN { printf \"%.4g\", $* }"; }

# "PASS"/"MISS" for value $1 compared with target $3 by operator $2 (<= or >=).
verdict() {
  local v=$1 op=$2 t=$3
  [ -n "$v" ] || { echo "n/a"; return; }
  awk -v v="$v" -v t="$t" -v op="$op" 'BEGIN { ok = (op == "<=") ? (v <= t) : (v >= t); print ok ? "PASS" : "MISS" }'
}

# duration_ms VALUE → milliseconds, for the forms a Quarkus/SmallRye Duration takes in application.properties:
# "5S", "5s", "500ms", "2m", "1h", "PT5S", "2.5s", a bare number (seconds). Fails on anything else.
duration_ms() {
  awk -v v="$1" 'BEGIN { v = toupper(v); gsub(/[ \t\r]/, "", v); sub(/^PT/, "", v)
    if (v ~ /^[0-9.]+MS$/) ms = v + 0; else if (v ~ /^[0-9.]+S$/) ms = v * 1000
    else if (v ~ /^[0-9.]+M$/) ms = v * 60000; else if (v ~ /^[0-9.]+H$/) ms = v * 3600000
    else if (v ~ /^[0-9.]+$/) ms = v * 1000; else exit 1
    printf "%d", ms + 0.5 }'
}

# live_ttl ROOT → "MILLISECONDS SOURCE": how long the shared live data counts as fresh, as the service is configured.
# Reads src/main/resources/application.properties (the packaged jar runs the prod profile: a "%prod." line wins over
# a profile-less one, other profiles are ignored; "${ENV:default}" gives the default): the service's own freshness
# setting (shares.…fresh-for, e.g. shares.view.fresh-for) when there is one, else the core-live cache's
# expire-after-write; then an @WithDefault on a freshFor() config method; else 5 s (with a warning). TTL_MS in the
# environment wins.
live_ttl() {
  local props=$1/src/main/resources/application.properties name v ms
  if [ -n "${TTL_MS:-}" ]; then echo "$TTL_MS TTL_MS"; return; fi
  for name in '%prod\.shares\.[a-z.-]*fresh-for' 'shares\.[a-z.-]*fresh-for' \
    '%prod\.quarkus\.cache\.caffeine\."core-live"\.expire-after-write' 'quarkus\.cache\.caffeine\."core-live"\.expire-after-write'; do
    v=$(sed -n "s/^\($name\)[[:space:]]*=[[:space:]]*\(.*\)$/\1 \2/p" "$props" | tail -n 1 | tr -d '\r')
    [ -n "$v" ] || continue
    local key=${v%% *} val=${v#* }
    [[ $val == '${'*'}' ]] && { val=${val%\}}; val=${val##*:}; }
    ms=$(duration_ms "$val") && { echo "$ms $key"; return; }
    log "WARNING: cannot read $key=$val as a duration"
  done
  v=$(grep -rh -B3 'freshFor()' "$1/src/main/java" 2>/dev/null | sed -n 's/.*@WithDefault("\([^"]*\)").*/\1/p' | tail -n 1)
  if [ -n "$v" ] && ms=$(duration_ms "$v"); then echo "$ms freshFor()@WithDefault"; return; fi
  log "WARNING: no freshness setting found in $props; assuming 5 s (set TTL_MS to override)"
  echo "5000 assumed"
}
