#!/usr/bin/env bash
# Summarises the CPU samples of a JFR recording: the hottest methods by self time (top frame) and by total time
# (anywhere on the stack), as a share of all samples. Usage: jfr-top.sh FILE.jfr [N] [FRAME_FILTER_REGEX]
# e.g. jfr-top.sh target/bench/service.jfr 25 'io\.uptimepage|hibernate|vertx\.pgclient|jackson|smallrye'
set -euo pipefail
file=$1 n=${2:-25} filter=${3:-.}
jfr print --events jdk.ExecutionSample --stack-depth 64 "$file" | awk -v n="$n" -v filter="$filter" '
  /jdk.ExecutionSample/ { inside = 0 }
  /stackTrace = \[/ { samples++; inside = 1; first = 1; delete seen; next }
  inside && /^[[:space:]]*\]/ { inside = 0; next }
  inside {
    line = $0; sub(/^[[:space:]]+/, "", line); sub(/[[:space:]]+line:.*/, "", line)
    if (line == "...") next
    if (first) { self[line]++; first = 0 }
    if (!(line in seen)) { seen[line] = 1; total[line]++ }
  }
  END {
    printf "%d samples\n\n## self (top frame)\n", samples
    for (k in self) printf "%6.1f%%  %s\n", 100 * self[k] / samples, k | "sort -rn | head -n " n
    close("sort -rn | head -n " n)
    printf "\n## total (on the stack), frames matching /%s/\n", filter
    for (k in total) if (k ~ filter) printf "%6.1f%%  %s\n", 100 * total[k] / samples, k | "sort -rn | head -n " n
  }'
