#!/usr/bin/env bash
# Issue 8's six reproductions, by curl, against the PACKAGED jar in demo mode (no core, no configuration).
# Usage: ./mvnw -B -ntp package -DskipTests && src/test/interop/hostile-repro.sh   (JAR=… to point at another build)
# Prints every call and its answer (link tokens masked), then one PASS/FAIL line per reproduction; exit 1 on a FAIL.
set -uo pipefail
cd "$(dirname "$0")/../../.."
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
PORT=${PORT:-18191}
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d /tmp/hostile-repro.XXXXXX)
LOG=$WORK/service.log
fails=0
trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

SHARES_DATA_DIR=$WORK/data QUARKUS_HTTP_PORT=$PORT java -jar "$JAR" >"$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 600); do curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
JWT=$(cat "$WORK/data/dev-jwt/operator.jwt")
CHECKOUT=0199097d-dcb8-752e-b269-a6a36513270e
GATEWAY=019bff02-89b8-736f-8160-6b0d6f03675a
api() { curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $JWT" "$@"; }
mint() { # mint TARGET JSON → prints "status body"
  local code; code=$(api -X POST -H 'Content-Type: application/json' --data-binary "$2" "$BASE/api/v1/targets/$1/shares")
  echo "$code $(cat "$WORK/body")"
}
token_of() { sed -E 's/.*"token":"([^"]+)".*/\1/' <<<"$1"; }
mask() { sed -E "s#${TOKEN_A}#<token A>#g; s#${TOKEN_B}#<token B>#g"; }
verdict() { if [ "$1" = 0 ]; then echo "PASS  $2"; else echo "FAIL  $2"; fails=$((fails + 1)); fi; }

A=$(mint $CHECKOUT '{"label":"repro A"}'); TOKEN_A=$(token_of "$A")
B=$(mint $GATEWAY '{"label":"repro B"}'); TOKEN_B=$(token_of "$B")
echo "minted A on Checkout API, B on Edge gateway: ${A%% *} ${B%% *}"

# 1. Twelve sub-second windows on A's monitor: whole seconds, 200; B's page stays fresh.
codes=""
for _ in $(seq 1 12); do
  codes+="$(curl -s -o /dev/null -w '%{http_code} ' "$BASE/m/$TOKEN_A/results?from=2026-12-02T10:00:00.1Z&to=2026-12-02T10:00:00.5Z")"
done
live_b=$(curl -s "$BASE/m/$TOKEN_B/live")
echo "1: 12 x sub-second /results on A → $codes; B's live region unavailable marker: $(grep -c 'temporarily unavailable' <<<"$live_b")"
[ "$codes" = "$(printf '200 %.0s' $(seq 1 12))" ] && ! grep -q 'temporarily unavailable' <<<"$live_b"
verdict $? "1 one link holder cannot degrade another monitor's page"

# 2. Path shapes that normalise onto a token route: never a token in the log.
for p in "/m//$TOKEN_A" "/m/./$TOKEN_A" "/m/a/../$TOKEN_A" "/%6D/$TOKEN_A" "/x/../m/$TOKEN_A" "/m/_/../$TOKEN_A" "/M/$TOKEN_A"; do
  echo "2: GET $(mask <<<"$p") → $(curl -s --path-as-is -o /dev/null -w '%{http_code}' "$BASE$p")"
done
sleep 1 # the access log is written after the response
leaks=$(grep -c -F -e "$TOKEN_A" -e "$TOKEN_B" "$LOG")
banner=$(grep -c 'Demo share link' "$LOG")
echo "2: log lines holding a minted token: $leaks (the demo banner's own link is the only token the log may hold: $banner banner)"
[ "$leaks" = 0 ]
verdict $? "2 no token of a minted link in any log line"

# 3. Labels a person reads: NUL, lone surrogate, controls, bidi override → 400, nothing stored.
ok=0
for l in 'a\u0000b' '\ud800' 'a\tb' 'a\nb' '\u202eevil' 'a\u0007b'; do
  r=$(mint $CHECKOUT "{\"label\":\"$l\"}")
  echo "3: label \"$l\" → ${r%% *} $(sed -E 's/.*"code":"([A-Z_]+)".*/\1/' <<<"${r#* }")"
  [ "${r%% *}" = 400 ] || ok=1
done
verdict $ok "3 bad labels are 400, never 500 or silently changed"

# 4. Expiries PostgreSQL or RFC 3339 cannot hold → 400; what is stored is what is echoed.
ok=0
for e in '+300000-01-01T00:00:00Z' '10000-01-01T00:00:00Z' '2099-13-01T00:00:00Z' '2099-01-01T00:00:00'; do
  r=$(mint $CHECKOUT "{\"expires_at\":\"$e\"}")
  echo "4: expires_at $e → ${r%% *}"
  [ "${r%% *}" = 400 ] || ok=1
done
r=$(mint $CHECKOUT '{"expires_at":"9999-12-31T23:59:59Z"}')
echo "4: expires_at 9999-12-31T23:59:59Z → ${r%% *} echo $(grep -o '"expires_at":"[^"]*"' <<<"$r")"
grep -q '"expires_at":"9999-12-31T23:59:59Z"' <<<"$r" || ok=1
verdict $ok "4 far-future expiries refused; the largest one echoed as stored"

# 5. The JSON twins are budgeted per link: 429 + Retry-After; another link unaffected.
codes=$(for i in $(seq 1 40); do curl -s -o /dev/null -w '%{http_code}\n' \
  "$BASE/m/$TOKEN_A/results?from=2026-09-05T00:00:00Z&to=2026-12-03T00:00:00Z&limit=1000"; done | sort | uniq -c | tr -s ' \n' ' ')
retry=$(curl -s -D - -o /dev/null "$BASE/m/$TOKEN_A/latency?from=2026-09-05T00:00:00Z&to=2026-12-03T00:00:00Z" | grep -i '^retry-after' | tr -d '\r')
other=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/m/$TOKEN_B/results?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z")
page=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/m/$TOKEN_A/live")
echo "5: 40 x 90-day /results on A → $codes; then /latency: $retry; B's twin → $other; A's live region → $page"
grep -q 429 <<<"$codes" && [ -n "$retry" ] && [ "$other" = 200 ] && [ "$page" = 200 ]
verdict $? "5 a link's core-reaching reads are bounded; others and the page unaffected"

# 6. Forwarded headers from an untrusted client are ignored; bad claim shapes are 401.
r=$(curl -s -H "Authorization: Bearer $JWT" -H 'Content-Type: application/json' -H 'X-Forwarded-Host: evil.example' \
  -H 'X-Forwarded-Proto: https' -d '{}' "$BASE/api/v1/targets/$CHECKOUT/shares")
echo "6: mint with X-Forwarded-Host: evil.example → url $(grep -o '"url":"[^/]*//[^/]*' <<<"$r" | sed 's/"url":"//')"
bad=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer eyJhbGciOiJub25lIn0.eyJvcmciOiInOyBkcm9wIn0.' \
  "$BASE/api/v1/targets/$CHECKOUT/shares")
echo "6: unsigned token (alg none) → $bad (claim shapes of signed tokens: CallerClaimsTest)"
! grep -q 'evil.example' <<<"$r" && [ "$bad" = 401 ]
verdict $? "6 untrusted forwarded headers ignored; bad tokens 401"

echo "reproductions failed: $fails"
[ "$fails" = 0 ]
