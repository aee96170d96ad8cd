# shellcheck shell=bash
# The markdown report of a run: issue 9's figures with their targets (report_summary, also written alone to
# target/bench/summary.md for the README), then the harness's other figures, the details and the machine.
# Reads the F[...] figures and the variables run.sh set.

_fmt() { [ -n "${1:-}" ] && awk -v v="$1" -v d="${2:-1}" 'BEGIN { printf "%.*f", d, v }' || echo "n/a"; }
_int() { [ -n "${1:-}" ] && awk -v v="$1" 'BEGIN { printf "%d", v + 0.5 }' || echo "n/a"; }
_kb() { [ -n "${1:-}" ] && awk -v v="$1" 'BEGIN { printf "%.1f KB", v / 1024 }' || echo "n/a"; }
_v() { local v; v=$(verdict "$@"); _smoke "$v"; }
_smoke() { if [ "$MODE" = smoke ] && [ "$1" != n/a ]; then echo "$1 (smoke)"; else echo "$1"; fi; }
_ratio() { [ -n "${1:-}" ] && [ -n "${2:-}" ] && calc "$1 / $2" || echo ""; }
_noview="n/a — public pages not in this build"
_yes() { [ "${1:-0}" = 1 ] && echo yes || echo no; }

# The machine, JVM flags and commit in one paragraph (the README keeps exactly this above its table).
_setup_line() {
  local noise
  noise=$(cpu_foreign "$RUN_CPU0" "$RUN_CPU1")
  echo "Measured $(date -u '+%F %H:%M') UTC by \`src/bench/run.sh$([ "$MODE" = smoke ] && echo ' --smoke')\` on commit \`$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src pom.xml || echo '+uncommitted changes')\`: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $JAVA_VERSION, JVM flags \`$JVM_OPTS\`, $PG_VERSION; the service, PostgreSQL, the stand-in core (${CORE_DELAY_MS} ms unless stated), nginx and wrk on the same cores; other work on the machine took $(awk '{print $1}' <<<"$noise") cores on average (steal $(awk '{print $2}' <<<"$noise")). Each load figure: median of $RUNS run(s) of ${DURATION}s after a ${WARMUP}s warm-up (wrk, $WRK_THREADS threads, closed loop, $LIVE_CONNS connections for the public pages, $MINT_CONNS for mints); ratios from runs interleaved in the same run."
}

# Issue 9's table: one row per figure, in the issue's order, each with its target and PASS/MISS.
report_summary() {
  local r_ngx="" r_asset="" r_page="" v
  if [ "$VIEW" = 1 ]; then
    r_ngx=$(_ratio "${F[live.rps]}" "${F[nginx.rps]}")
    r_asset=$(_ratio "${F[live.rps]}" "${F[asset.rps]}")
    r_page=$(_ratio "${F[page.rps]}" "${F[live.rps]}")
  fi
  [ "$MODE" = smoke ] && echo "> **Smoke run**: 1 short run per figure and $BIG_ROWS rows instead of 1,000,000. It checks that every step works; its numbers are not measurements." && echo
  _setup_line
  echo
  echo "| # | figure | result | target | verdict |"
  echo "|---|---|---|---|---|"
  if [ "$VIEW" = 1 ]; then
    echo "| 1 | \`/m/{token}/live\`, $LIVE_CONNS connections: req/s ÷ nginx serving the same bytes | **$(_fmt "$r_ngx" 2)** (ours $(_int "${F[live.rps]}") req/s, nginx $(_int "${F[nginx.rps]}") req/s) | ≥ 0.20 (stretch 0.30) | $(_v "$r_ngx" '>=' 0.20) (stretch $(verdict "$r_ngx" '>=' 0.30)) |"
    echo "| 2 | same: p99 | **$(_fmt "${F[live.p99]}" 1) ms** (p50 $(_fmt "${F[live.p50]}" 2) ms) | ≤ 25 ms | $(_v "${F[live.p99]}" '<=' 25) |"
    echo "| 3 | \`/live\` ÷ the service serving its own static asset of about the same size (\`$ASSET\`, $(_kb "$ASSET_BYTES"); \`/live\` $(_kb "${F[wire.plain.bytes]}")): req/s | **$(_fmt "$r_asset" 2)** ($(_int "${F[live.rps]}") vs $(_int "${F[asset.rps]}") req/s; asset p99 $(_fmt "${F[asset.p99]}" 1) ms) | ≥ 0.60 (stretch 0.80) | $(_v "$r_asset" '>=' 0.60) (stretch $(verdict "$r_asset" '>=' 0.80)) |"
    echo "| 4 | \`/m/{token}\` full page, $LIVE_CONNS connections: p99 | **$(_fmt "${F[page.p99]}" 1) ms** ($(_int "${F[page.rps]}") req/s, p50 $(_fmt "${F[page.p50]}" 2) ms) | ≤ 50 ms | $(_v "${F[page.p99]}" '<=' 50) |"
    echo "| 5 | full page req/s ÷ \`/live\` req/s | **$(_fmt "$r_page" 2)** ($(_int "${F[page.rps]}") vs $(_int "${F[live.rps]}") req/s) | ≥ 0.50 | $(_v "$r_page" '>=' 0.50) |"
    # bytes: within 6 KB (1 KB = 1024 bytes), and a response that depends on Accept-Encoding must say so (Vary) and
    # keep Content-Length right
    v=$(verdict "${F[wire.br.bytes]}" '<=' 6144)
    if [ "$v" = PASS ] && [ "${F[wire.br.vary]}" != 1 ]; then v="MISS (no Vary: Accept-Encoding)"
    elif [ "$v" = PASS ] && [ "${F[wire.br.length_ok]}" = 0 ]; then v="MISS (Content-Length wrong)"; fi
    echo "| 6 | bytes on the wire per \`/live\` poll for a browser (\`Accept-Encoding: gzip, br\`) | **$(_kb "${F[wire.br.bytes]}")** (${F[wire.br.bytes]} bytes, Content-Encoding: ${F[wire.br.encoding]:-none}, Vary: Accept-Encoding $(_yes "${F[wire.br.vary]}"), Content-Length $(case ${F[wire.br.length_ok]} in 1) echo right ;; 0) echo WRONG ;; *) echo "not sent (chunked)" ;; esac); uncompressed $(_kb "${F[wire.plain.bytes]}"); \`gzip\` alone $(_kb "${F[wire.gzip.bytes]}") (${F[wire.gzip.encoding]:-none}); under load with \`Accept-Encoding: gzip\`: $(_int "${F[live.gzip.rps]}") req/s, p99 $(_fmt "${F[live.gzip.p99]}" 1) ms) | ≤ 6 KB, with \`Vary: Accept-Encoding\` | $(_smoke "$v") |"
    v=$(verdict "${F[warm.slow]}" '<=' 0)
    ((CORE_DELAY_MS >= 10)) || v="n/a (CORE_DELAY_MS < 10: a wait would not show)"
    echo "| 7 | a viewer's wait on a warm link when the cache entry expires (core ${CORE_DELAY_MS} ms): one viewer polling \`/live\` every ${POLL_MS} ms for $WARM_TTLS TTLs of $(_fmt "$TTL_S" 1) s | **max $(_fmt "${F[warm.max]}" 1) ms**, p99 $(_fmt "${F[warm.p99]}" 1) ms (p50 $(_fmt "${F[warm.p50]}" 2) ms; ${F[warm.slow]} of ${F[warm.n]} polls took ≥ ${CORE_DELAY_MS} ms; errors ${F[warm.errors]}) | nobody waits: no poll ≥ the core's ${CORE_DELAY_MS} ms | $(_smoke "$v") |"
  else
    local i n f t
    for i in "1|\`/m/{token}/live\` req/s ÷ nginx|≥ 0.20 (stretch 0.30)" "2|same, p99|≤ 25 ms" "3|\`/live\` ÷ own static asset|≥ 0.60 (stretch 0.80)" \
      "4|\`/m/{token}\` full page p99|≤ 50 ms" "5|full page req/s ÷ \`/live\` req/s|≥ 0.50" "6|bytes on the wire per \`/live\` poll|≤ 6 KB" \
      "7|warm-link wait when the entry expires|nobody waits"; do
      IFS='|' read -r n f t <<<"$i"
      echo "| $n | $f | $_noview | $t | n/a |"
    done
  fi
  echo "| 8 | mint, $MINT_CONNS operators on $MINT_CONNS orgs, core ${CORE_DELAY_MS} ms: p99 | **$(_fmt "${F[mint.orgs.slow.p99]}" 1) ms** ($(_int "${F[mint.orgs.slow.rps]}") mints/s, p50 $(_fmt "${F[mint.orgs.slow.p50]}" 1) ms) | ≤ 100 ms | $(_v "${F[mint.orgs.slow.p99]}" '<=' 100) |"
  echo "| 9 | mint, same, core answering at once: p99 | **$(_fmt "${F[mint.orgs.p99]}" 1) ms** ($(_int "${F[mint.orgs.rps]}") mints/s, p50 $(_fmt "${F[mint.orgs.p50]}" 1) ms) | ≤ 40 ms | $(_v "${F[mint.orgs.p99]}" '<=' 40) |"
  echo "| 10 | startup to ready (\`java -jar\` spawn → first 200 on \`/q/health/ready\`), packaged jar with its AppCDS archive, external PostgreSQL: median of $STARTS | **$(_fmt "$(calc "${F[startup]} / 1000")" 2) s** (${F[startup.runs]} ms; without the archive $(_fmt "$(calc "${F[startup.nocds]} / 1000")" 2) s: ${F[startup.nocds.runs]} ms) | ≤ 2.0 s | $(_v "$(calc "${F[startup]} / 1000")" '<=' 2.0) |"
  echo "| 11 | RSS after the load (the flags above) | **$RSS_MB MB** | ≤ 300 MB | $(_v "$RSS_MB" '<=' 300) |"
  if [ -n "${F[replica.stale]:-}" ]; then
    v=$(verdict "${F[replica.stale]}" '<=' 0)
    [ "${F[replica.current]}" = 1 ] || v="n/a (older than this commit: re-run it)"
    echo "| 12 | stale successes after revoke, every replica (\`ReplicaSuiteIT\`, not run by this harness: its \`target/replica/results.md\` of ${F[replica.when]:-?}) | **${F[replica.stale]} of ${F[replica.checks]:-?}** | 0 — never trade this away | $v |"
  else
    echo "| 12 | stale successes after revoke, every replica (\`ReplicaSuiteIT\`, not run by this harness) | not run: \`./mvnw -B -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ReplicaSuiteIT\`, then run this again | 0 — never trade this away | n/a |"
  fi
}

report() {
  local resolve_ratio="" resolve_p99_ratio="" gzip_ratio=""
  if [ "$VIEW" = 1 ]; then
    resolve_ratio=$(_ratio "${F[resolve.big.p50]}" "${F[resolve.small.p50]}")
    resolve_p99_ratio=$(_ratio "${F[resolve.big.p99]}" "${F[resolve.small.p99]}")
    gzip_ratio=$(_ratio "${F[live.gzip.rps]}" "${F[live.rps]}")
  fi

  echo "# share-links benchmark — $(date -u +%F) ($MODE run)"
  echo
  report_summary
  echo
  echo "## Other figures of the harness"
  echo
  echo "| figure | result | target | verdict |"
  echo "|---|---|---|---|"
  if [ "$VIEW" = 1 ]; then
    echo "| core requests per endpoint per cache TTL ($(_fmt "$TTL_S" 1) s, from \`$TTL_FROM\`), $VIEWERS concurrent viewers of one link | **$(_fmt "${F[core.viewers.endpoint]}" 2)** at most ($(_fmt "${F[core.viewers.total]}" 0) requests in ${WINDOW} s; per distinct read $(_fmt "${F[core.viewers.read]}" 2); one viewer alone: $(_fmt "${F[core.one.endpoint]}" 2) per endpoint) | ≤ 1 | $(_v "${F[core.viewers.endpoint]}" '<=' 1) |"
    echo "| same, $VIEWERS viewers over $LINKS links on $LINKS monitors: per monitor per endpoint per TTL | **$(_fmt "${F[core.links.endpoint]}" 2)** at most (over ${F[core.links.monitors]} monitors; per distinct read $(_fmt "${F[core.links.read]}" 2)) | ≤ 1 | $(_v "${F[core.links.endpoint]}" '<=' 1) |"
    echo "| resolve latency (\`/live\`, warm cache, $RESOLVE_CONNS connections), $BIG_COUNT rows vs $SMALL_COUNT rows: p50 ratio | **$(_fmt "$resolve_ratio" 2)** (p50 $(_fmt "${F[resolve.big.p50]}" 2) vs $(_fmt "${F[resolve.small.p50]}" 2) ms; p99 ratio $(_fmt "$resolve_p99_ratio" 2)) | ≤ 1.5 | $(_v "$resolve_ratio" '<=' 1.5) |"
    echo "| \`/live\` with \`Accept-Encoding: gzip\` ÷ \`/live\` without, req/s ($LIVE_CONNS connections, interleaved) | **$(_fmt "$gzip_ratio" 2)** ($(_int "${F[live.gzip.rps]}") vs $(_int "${F[live.rps]}") req/s; p99 $(_fmt "${F[live.gzip.p99]}" 1) vs $(_fmt "${F[live.p99]}" 1) ms) | report | — |"
  else
    echo "| core requests per endpoint per TTL; resolve latency | $_noview | ≤ 1; ≤ 1.5 | n/a |"
  fi
  echo "| mint, $MINT_CONNS operators of ONE org (they queue on its lock by design), core at once / ${CORE_DELAY_MS} ms: p99 | **$(_fmt "${F[mint.fast.p99]}" 1) / $(_fmt "${F[mint.slow.p99]}" 1) ms** ($(_int "${F[mint.fast.rps]}") / $(_int "${F[mint.slow.rps]}") mints/s, p50 $(_fmt "${F[mint.fast.p50]}" 1) / $(_fmt "${F[mint.slow.p50]}" 1) ms) | report | — |"
  echo
  echo "## Details"
  echo
  echo "Runs behind each figure (req/s and p99 per run), and how much CPU other work on the machine took during them"
  echo "(\"foreign\": all busy CPU minus the benchmark's own processes, in cores out of $(nproc)):"
  echo
  echo "| figure | runs | bad responses | foreign CPU (median) | service GC pauses per run (ms) |"
  echo "|---|---|---|---|---|"
  local fig
  for fig in live nginx asset live.gzip page resolve.small resolve.big mint.fast mint.orgs mint.orgs.slow mint.slow; do
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
    echo "- $VIEWERS viewers, one link: ${F[core.viewers.detail]} — by read: ${F[core.viewers.reads]}; most requests of one read inside any $(_fmt "$TTL_S" 1) s: ${F[core.viewers.burst]}"
    echo "- $VIEWERS viewers, $LINKS links: ${F[core.links.detail]} — by read: ${F[core.links.reads]}; most requests of one read of one monitor inside any $(_fmt "$TTL_S" 1) s: ${F[core.links.burst]}"
    echo "- viewer traffic per link: the page once, the live region four times, the chart data once (round robin); bad responses: ${F[core.viewers.bad]:-0} / ${F[core.links.bad]:-0}"
    echo "- \`/live\` on the wire (one request each, body bytes as sent): \`Accept-Encoding: gzip, br\` ${F[wire.br.bytes]} bytes (${F[wire.br.encoding]:-identity}; ${F[wire.br.decoded]} bytes decoded by curl), \`gzip\` ${F[wire.gzip.bytes]} bytes (${F[wire.gzip.encoding]:-identity}, Vary $(_yes "${F[wire.gzip.vary]}")), none ${F[wire.plain.bytes]} bytes (Vary $(_yes "${F[wire.plain.vary]}")); headers in target/bench/wire.*.headers."
    echo "- Reference asset \`$ASSET\` ($ASSET_BYTES bytes, \`$ASSET_PATH\`); the page's assets are listed in the log. Warm-link polls: target/bench/poll.warm.txt."
    echo
  fi
  echo "- Database alone (pgbench, the resolve query by token hash, 4 clients): $(_fmt "${F[pg.small.lat]}" 3) ms at $SMALL_COUNT rows, $(_fmt "${F[pg.big.lat]}" 3) ms at $BIG_COUNT rows (seeded in ${SEED_SECONDS} s)."
  echo "- First start on an empty database (Flyway creates the schema): $FIRST_READY_MS ms to ready."
  echo "- Mints made during the mint figures: $MINTED (bad responses: one org ${F[mint.fast.bad]} / ${F[mint.slow.bad]}, $MINT_CONNS orgs ${F[mint.orgs.bad]} / ${F[mint.orgs.slow.bad]})."
  echo
  echo "## Machine and setup"
  echo
  echo "- $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)."
  echo "- Java: $JAVA_VERSION. JVM flags (every start): \`$JVM_OPTS\`."
  echo "- $PG_VERSION (Debian binaries, fsync on, max_connections 200, scram-sha-256); reactive pool max 20 (application default)."
  echo "- Stand-in core: WireMock standalone $WIREMOCK_VERSION (async responses, templated core shapes, any target id). Load: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2). Reference: $(nginx -v 2>&1 | sed 's/.*: //'), $(nproc) workers, access log off."
  echo "- Everything (service, PostgreSQL, stand-in core, nginx and wrk) shares the same $(nproc) cores, so absolute numbers are lower than on a dedicated host; the ratios are taken under the same conditions, interleaved run by run."
  echo "- Load average at start $LOAD_START, at end $LOAD_END. See the foreign CPU column above per figure."
  echo "- Other processes at start (top by CPU):"
  echo "${FOREIGN_TOP_START:-  - none above 1 %}"
  echo "- Other processes at end:"
  echo "${FOREIGN_TOP_END:-  - none above 1 %}"
}
