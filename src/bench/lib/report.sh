# shellcheck shell=bash
# The markdown report of a run: the figures table, then the details and the machine it ran on.
# Reads the F[...] figures and the variables run.sh set.

_fmt() { [ -n "${1:-}" ] && awk -v v="$1" -v d="${2:-1}" 'BEGIN { printf "%.*f", d, v }' || echo "n/a"; }
_int() { [ -n "${1:-}" ] && awk -v v="$1" 'BEGIN { printf "%d", v + 0.5 }' || echo "n/a"; }
_v() { local v; v=$(verdict "$@"); [ "$MODE" = smoke ] && [ "$v" != n/a ] && v="$v (smoke)"; echo "$v"; }
_noview="n/a — public pages not in this build"

report() {
  local ratio="" ratio_v stretch resolve_ratio="" resolve_p99_ratio="" run_noise
  if [ "$VIEW" = 1 ]; then
    ratio=$(calc "${F[live.rps]} / ${F[nginx.rps]}")
    resolve_ratio=$(calc "${F[resolve.big.p50]} / ${F[resolve.small.p50]}")
    resolve_p99_ratio=$(calc "${F[resolve.big.p99]} / ${F[resolve.small.p99]}")
  fi
  ratio_v=$(_v "$ratio" '>=' 0.30)
  stretch=$(verdict "$ratio" '>=' 0.50)
  run_noise=$(cpu_foreign "$RUN_CPU0" "$RUN_CPU1")

  echo "# share-links benchmark — $(date -u +%F) ($MODE run)"
  echo
  [ "$MODE" = smoke ] && echo "> **Smoke run**: 1 short run per figure and $BIG_ROWS rows instead of 1,000,000. It checks that every step works; its numbers are not measurements." && echo
  echo "Commit \`$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src pom.xml || echo '+changes')\`. Each figure is the median of $RUNS run(s) of ${DURATION}s after a ${WARMUP}s warm-up (wrk, $WRK_THREADS threads, closed loop). Stand-in core delay ${CORE_DELAY_MS} ms unless stated."
  echo
  echo "| # | figure | result | target | verdict |"
  echo "|---|---|---|---|---|"
  if [ "$VIEW" = 1 ]; then
    echo "| 1 | \`/m/{token}/live\`, warm cache, $LIVE_CONNS connections: req/s as a ratio to nginx serving the same bytes | **$(_fmt "$ratio" 2)** (ours $(_int "${F[live.rps]}") req/s, nginx $(_int "${F[nginx.rps]}") req/s) | ≥ 0.30 (stretch 0.50) | $ratio_v (stretch $stretch) |"
    echo "| 2 | same, p99 latency | **$(_fmt "${F[live.p99]}" 1) ms** (p50 $(_fmt "${F[live.p50]}" 2) ms) | ≤ 25 ms | $(_v "${F[live.p99]}" '<=' 25) |"
    echo "| 3 | \`/m/{token}\` full page, $PAGE_CONNS connections: p99 | **$(_fmt "${F[page.p99]}" 1) ms** ($(_int "${F[page.rps]}") req/s, p50 $(_fmt "${F[page.p50]}" 2) ms) | ≤ 50 ms | $(_v "${F[page.p99]}" '<=' 50) |"
    echo "| 4 | core requests per endpoint per cache TTL (${TTL_S} s), $VIEWERS concurrent viewers of one link | **$(_fmt "${F[core.viewers.endpoint]}" 2)** at most ($(_fmt "${F[core.viewers.total]}" 0) requests in ${WINDOW} s; per distinct read $(_fmt "${F[core.viewers.read]}" 2); one viewer alone: $(_fmt "${F[core.one.endpoint]}" 2) per endpoint) | ≤ 1 | $(_v "${F[core.viewers.endpoint]}" '<=' 1) |"
    echo "| 5 | same, $VIEWERS viewers over $LINKS links on $LINKS monitors: per monitor per endpoint per TTL | **$(_fmt "${F[core.links.endpoint]}" 2)** at most (over ${F[core.links.monitors]} monitors; per distinct read $(_fmt "${F[core.links.read]}" 2)) | ≤ 1 | $(_v "${F[core.links.endpoint]}" '<=' 1) |"
  else
    local i
    for i in "1|\`/m/{token}/live\` req/s ratio to nginx|≥ 0.30 (stretch 0.50)" "2|same, p99|≤ 25 ms" "3|\`/m/{token}\` full page p99|≤ 50 ms" \
      "4|core requests per endpoint per TTL, $VIEWERS viewers of one link|≤ 1" "5|same, $LINKS links on $LINKS monitors|≤ 1 per monitor"; do
      IFS='|' read -r n f t <<<"$i"
      echo "| $n | $f | $_noview | $t | n/a |"
    done
  fi
  echo "| 6 | mint, $MINT_CONNS concurrent operators, stand-in core answering at once: p99 (our own cost) | **$(_fmt "${F[mint.fast.p99]}" 1) ms** ($(_int "${F[mint.fast.rps]}") mints/s, p50 $(_fmt "${F[mint.fast.p50]}" 1) ms) | ≤ 50 ms | $(_v "${F[mint.fast.p99]}" '<=' 50) |"
  echo "| 7 | same, core answering after ${CORE_DELAY_MS} ms: p99 | **$(_fmt "${F[mint.slow.p99]}" 1) ms** ($(_int "${F[mint.slow.rps]}") mints/s, p50 $(_fmt "${F[mint.slow.p50]}" 1) ms) | ≤ 100 ms | $(_v "${F[mint.slow.p99]}" '<=' 100) |"
  if [ "$VIEW" = 1 ]; then
    echo "| 8 | resolve latency (\`/live\`, warm cache, $RESOLVE_CONNS connections), $BIG_COUNT rows vs $SMALL_COUNT rows: p50 ratio | **$(_fmt "$resolve_ratio" 2)** (p50 $(_fmt "${F[resolve.big.p50]}" 2) vs $(_fmt "${F[resolve.small.p50]}" 2) ms; p99 ratio $(_fmt "$resolve_p99_ratio" 2)) | ≤ 1.5 | $(_v "$resolve_ratio" '<=' 1.5) |"
  else
    echo "| 8 | resolve latency, $BIG_COUNT vs $SMALL_COUNT rows | $_noview (database alone: $(_fmt "${F[pg.big.lat]}" 3) vs $(_fmt "${F[pg.small.lat]}" 3) ms) | ≤ 1.5 | n/a |"
  fi
  echo "| 9 | service RSS after the load runs | **$RSS_MB MB** | ≤ 350 MB | $(_v "$RSS_MB" '<=' 350) |"
  echo "| 10 | startup to ready (\`java -jar\` spawn → first 200 on \`/q/health/ready\`), external PostgreSQL, median of $STARTS | **$(_fmt "$(calc "${F[startup]} / 1000")" 2) s** (${F[startup.runs]} ms) | report (stretch ≤ 2 s) | $(_v "$(calc "${F[startup]} / 1000")" '<=' 2) (stretch) |"
  echo
  echo "## Details"
  echo
  echo "Runs behind each figure (req/s and p99 per run), and how much CPU other work on the machine took during them"
  echo "(\"foreign\": all busy CPU minus the benchmark's own processes, in cores out of $(nproc)):"
  echo
  echo "| figure | runs | bad responses | foreign CPU (median) | service GC pauses per run (ms) |"
  echo "|---|---|---|---|---|"
  local fig
  for fig in live nginx page resolve.small resolve.big mint.fast mint.orgs mint.slow; do
    [ -n "${F[$fig.runs]:-}" ] || continue
    echo "| $fig | ${F[$fig.runs]} | ${F[$fig.bad]} | ${F[$fig.foreign]} | ${F[$fig.gc]} |"
  done
  echo
  if [ "$VIEW" = 1 ]; then
    echo "Core requests per monitor per TTL in the first ${WINDOW} s window, by endpoint and by distinct read (the live region"
    echo "asks for two uptime windows — this one and the prior one of equal span — and for results twice, the latest of 7 days"
    echo "and the page's window; \`max_in_one_ttl\` in target/bench/core-reads.*.json shows bursts):"
    echo
    echo "- one viewer: ${F[core.one.detail]}"
    echo "- $VIEWERS viewers, one link: ${F[core.viewers.detail]} — by read: ${F[core.viewers.reads]}; most requests of one read inside any ${TTL_S} s: ${F[core.viewers.burst]}"
    echo "- $VIEWERS viewers, $LINKS links: ${F[core.links.detail]} — by read: ${F[core.links.reads]}; most requests of one read of one monitor inside any ${TTL_S} s: ${F[core.links.burst]}"
    echo "- viewer traffic per link: the page once, the live region four times, the chart data once (round robin); bad responses: ${F[core.viewers.bad]:-0} / ${F[core.links.bad]:-0}"
    echo
  fi
  echo "- Mint, the same $MINT_CONNS operators but each in its own org (diagnostic: no shared per-org lock), core answering at once: p99 $(_fmt "${F[mint.orgs.p99]}" 1) ms, p50 $(_fmt "${F[mint.orgs.p50]}" 1) ms, $(_int "${F[mint.orgs.rps]}") mints/s (one org: p99 $(_fmt "${F[mint.fast.p99]}" 1) ms, $(_int "${F[mint.fast.rps]}") mints/s)."
  echo "- Database alone (pgbench, the resolve query by token hash, 4 clients): $(_fmt "${F[pg.small.lat]}" 3) ms at $SMALL_COUNT rows, $(_fmt "${F[pg.big.lat]}" 3) ms at $BIG_COUNT rows (seeded in ${SEED_SECONDS} s)."
  echo "- First start on an empty database (Flyway creates the schema): $FIRST_READY_MS ms to ready."
  echo "- Mints made during figures 6–7: $MINTED (all 201; bad responses ${F[mint.fast.bad]} / ${F[mint.slow.bad]})."
  echo
  echo "## Machine and setup"
  echo
  echo "- $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)."
  echo "- Java: $JAVA_VERSION. JVM flags (every start): \`$JVM_OPTS\`."
  echo "- $PG_VERSION (Debian binaries, fsync on, max_connections 200, scram-sha-256); reactive pool max 20 (application default)."
  echo "- Stand-in core: WireMock standalone $WIREMOCK_VERSION (async responses, templated core shapes, any target id). Load: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2). Reference: $(nginx -v 2>&1 | sed 's/.*: //'), $(nproc) workers, access log off."
  echo "- Everything (service, PostgreSQL, stand-in core, nginx and wrk) shares the same $(nproc) cores, so absolute numbers are lower than on a dedicated host; the nginx ratio is taken under the same conditions, interleaved run by run."
  echo "- Load average at start $LOAD_START, at end $LOAD_END. Over the whole run, other work took $(awk '{print $1}' <<<"$run_noise") cores on average (steal $(awk '{print $2}' <<<"$run_noise")); see the foreign CPU column above per figure."
  echo "- Other processes at start (top by CPU):"
  echo "${FOREIGN_TOP_START:-  - none above 1 %}"
  echo "- Other processes at end:"
  echo "${FOREIGN_TOP_END:-  - none above 1 %}"
}
