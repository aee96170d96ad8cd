# shellcheck shell=bash
# Load runs with wrk. One run = one wrk invocation; a figure = warm-up + RUNS runs, reported as the median.
# Needs: WORK (output dir), WRK_THREADS, RUNS, DURATION, WARMUP (seconds).

# wrk_once LABEL CONNECTIONS SECONDS URL [LUA]
# Prints "rps p50 p90 p99 bad foreign steal requests gc" (latencies in ms; bad = non-2xx/3xx + socket errors;
# gc = the service's GC pause time during the run in ms, "-" when the load was not on the service) and appends the
# same line, labelled, to $WORK/runs.tsv.
wrk_once() {
  local label=$1 conns=$2 secs=$3 url=$4 lua=${5:-} out before after threads line
  threads=$WRK_THREADS
  ((conns < threads)) && threads=$conns
  mkdir -p "$WORK/wrk"
  out="$WORK/wrk/$label.$(date +%s%N).txt"
  local gc0=""
  [[ $url == "${SVC_URL:-none}"* ]] && gc0=$(gc_ms)
  local me=$BASHPID # expanded here: inside $(...) it would name that subshell
  before=$(cpu_snapshot "$me")
  wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s --latency ${lua:+-s "$lua"} "$url" >"$out" 2>&1 ||
    { cat "$out" >&2; die "wrk failed ($label)"; }
  after=$(cpu_snapshot "$me")
  check_alive
  line=$(awk '
    function ms(v) {
      if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000;
      if (v ~ /m$/) return v * 60000; return v + 0 }
    $1 == "50%" { p50 = ms($2) } $1 == "90%" { p90 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /requests in/ { reqs = $1 }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { bad += $NF }
    /Socket errors:/ { gsub(",", ""); bad += $4 + $6 + $8 + $10 }
    END { printf "%.1f %.3f %.3f %.3f %d", rps, p50, p90, p99, bad; printf " %d", reqs }' "$out")
  set -- $line
  local gc=-
  [ -n "$gc0" ] && gc=$(( $(gc_ms) - gc0 ))
  line="$1 $2 $3 $4 $5 $(cpu_foreign "$before" "$after") $6 $gc"
  printf '%s\t%s\t%s\t%s\n' "$label" "$conns" "$url" "$line" >>"$WORK/runs.tsv"
  log "  $label: $(awk '{printf "%s req/s, p50 %s ms, p99 %s ms, bad %s, foreign CPU %s cores, GC %s ms", $1, $2, $4, $5, $6, $9}' <<<"$line")"
  echo "$line"
}

# Per-figure medians, filled in by measure: F[<fig>.rps], F[<fig>.p50], F[<fig>.p99], F[<fig>.bad],
# F[<fig>.foreign], F[<fig>.runs] (the individual runs, for the spread).
declare -gA F

# _record FIG "line1" "line2" ...: medians of the runs of one figure.
_record() {
  local fig=$1 l
  shift
  local rps=() p50=() p99=() foreign=() bad=0 runs="" gc=""
  for l in "$@"; do
    set -- $l
    rps+=("$1"); p50+=("$2"); p99+=("$4"); bad=$((bad + $5)); foreign+=("$6")
    runs+="${runs:+ / }$(awk -v r="$1" -v p="$4" 'BEGIN {printf "%d req/s, p99 %.1f ms", r, p}')"
    [ "$9" = - ] || gc+="${gc:+ / }$9"
  done
  F[$fig.gc]=${gc:--}
  F[$fig.rps]=$(median "${rps[@]}")
  F[$fig.p50]=$(median "${p50[@]}")
  F[$fig.p99]=$(median "${p99[@]}")
  F[$fig.foreign]=$(median "${foreign[@]}")
  F[$fig.bad]=$bad
  F[$fig.runs]=$runs
}

# measure FIG CONNECTIONS URL [LUA]: warm-up, then RUNS runs; medians into F[FIG.*].
measure() {
  local fig=$1 conns=$2 url=$3 lua=${4:-} i lines=()
  log "$fig: warm-up ${WARMUP}s, then $RUNS x ${DURATION}s at $conns connections"
  wrk_once "$fig.warmup" "$conns" "$WARMUP" "$url" "$lua" >/dev/null
  for ((i = 1; i <= RUNS; i++)); do lines+=("$(wrk_once "$fig.$i" "$conns" "$DURATION" "$url" "$lua")"); done
  _record "$fig" "${lines[@]}"
}

# measure_set CONNECTIONS "FIG|URL[|LUA]"...: like measure for several targets, with their runs interleaved (A, B, C,
# A, B, C, ...) so slow drift in the machine's load hits all of them alike; a ratio of two of them is side by side.
measure_set() {
  local conns=$1 spec fig url lua i l=()
  shift
  local -A lines=()
  log "$(printf '%s\n' "$@" | cut -d'|' -f1 | paste -sd' ' | sed 's/ / vs /g'): warm-up ${WARMUP}s each, then $RUNS interleaved rounds of ${DURATION}s each at $conns connections"
  for spec in "$@"; do
    IFS='|' read -r fig url lua <<<"$spec"
    wrk_once "$fig.warmup" "$conns" "$WARMUP" "$url" "$lua" >/dev/null
  done
  for ((i = 1; i <= RUNS; i++)); do
    for spec in "$@"; do
      IFS='|' read -r fig url lua <<<"$spec"
      lines[$fig]+="$(wrk_once "$fig.$i" "$conns" "$DURATION" "$url" "$lua")"$'\n'
    done
  done
  for spec in "$@"; do
    fig=${spec%%|*}
    mapfile -t l <<<"${lines[$fig]%$'\n'}"
    _record "$fig" "${l[@]}"
  done
}
