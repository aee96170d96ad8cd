#!/usr/bin/env bash
# Reproduces: one viewer who goes away while the shared live cache is loading fails the page for every other viewer
# of the monitor (HTTP 500, CancellationException) and throws the load away.
# Needs a stack started with `src/bench/run.sh --up` (it reads target/bench/env.sh); slows the stand-in core down to
# 1.5 s for the experiment and puts it back afterwards.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
source "$ROOT/target/bench/env.sh"
delay() {
  sed -i "s/\"fixedDelayMilliseconds\": [0-9]*/\"fixedDelayMilliseconds\": $1/" "$ROOT"/target/bench/core/mappings/*.json
  curl -fsS -X POST "$CORE_URL/__admin/mappings/reset" >/dev/null
}
token=$(curl -fsS -X POST "$SVC_URL/api/v1/targets/00000000-0000-4000-b000-$(printf %012d $RANDOM)/shares" \
  -H "Authorization: Bearer $BENCH_JWT" -H 'Content-Type: application/json' -d '{}' | jq -r .token)
trap 'delay 50' EXIT
delay 1500
curl -s -o /dev/null "$SVC_URL/m/$token/live"   # first load: fills the cache
for round in "without" "with"; do
  sleep 6                                         # past the 5 s TTL: the next request loads again
  echo "four viewers poll while the cache loads, $round one more viewer who gives up after 0.3 s:"
  for i in 1 2 3 4; do curl -s -o /dev/null -w "  viewer $i: HTTP %{http_code} after %{time_total}s\n" "$SVC_URL/m/$token/live" & done
  [ "$round" = with ] && { timeout 0.3 curl -s -o /dev/null "$SVC_URL/m/$token/live" || echo "  (the impatient viewer left)"; }
  wait
done
