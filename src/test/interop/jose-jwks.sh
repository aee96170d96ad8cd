#!/usr/bin/env bash
# Interop check for issue 14: operator JWTs signed by a real third-party library (node `jose` 5.x) and verified by
# the PACKAGED jar against ONE remote JWKS holding an RSA (RS256) and an EC P-256 (ES256) key.
#
#   ./mvnw -B -ntp -q package -DskipTests && src/test/interop/jose-jwks.sh
#
# What it does: installs jose into a temp dir (never into the repository), starts a tiny node HTTP server that
# generates rsa-1 + ec-1 and serves them at /jwks.json, starts `java -jar target/quarkus-app/quarkus-run.jar` with the
# README's JWKS variables (demo core, fresh embedded PostgreSQL in the temp dir), then with a token signed by EACH key:
# mint a link for the demo monitor, list it, revoke it, list again; and four tokens that must get the 401 envelope:
# a kid not in the set, an ES256 token whose header names the RSA key's kid, an expired token, a wrong audience.
# Every request and answer is printed. Exit 0 when all hold, 1 otherwise, 3 when a tool is missing.
# Needs node + npm, curl, java 17 (JSON is read with node; no jq).
#
# Env: JAR (default target/quarkus-app/quarkus-run.jar), JOSE_VERSION (5.10.0), PORT / JWKS_PORT (free ports picked),
#      KEEP=1 keeps the temp dir (logs, keys) for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/../../.."
here=src/test/interop

JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
JOSE_VERSION=${JOSE_VERSION:-5.10.0}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
for tool in node npm curl "$JAVA"; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not found" >&2; exit 3; }
done
[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw -B -ntp -q package -DskipTests first" >&2; exit 2; }

free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
# jsonq <js expression over v (stdin parsed as JSON, null when it is not) and a (the extra args)> [args…]
jsonq() {
  node -e 'const [expr, ...a] = process.argv.slice(1); let v = null;
    try { v = JSON.parse(require("fs").readFileSync(0, "utf8")); } catch (e) {}
    let r; try { r = new Function("v", "a", "return (" + expr + ");")(v, a); } catch (e) { r = "none"; }
    console.log(typeof r === "string" ? r : JSON.stringify(r));' "$@"
}
PORT=${PORT:-$(free_port)}
JWKS_PORT=${JWKS_PORT:-$(free_port)}

work=$(mktemp -d /tmp/jose-interop.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT   # so a kill still runs the cleanup (the jar and the issuer stop with the script)

echo "== jose $JOSE_VERSION from the npm registry into $work/npm"
npm install --silent --no-audit --no-fund --prefix "$work/npm" "jose@$JOSE_VERSION" >/dev/null
export NODE_PATH="$work/npm/node_modules"
echo "   installed: jose@$(jsonq v.version <"$NODE_PATH/jose/package.json")"

echo "== the issuer: node $here/jose-issuer.mjs serve (port $JWKS_PORT)"
node "$here/jose-issuer.mjs" serve "$work" "$JWKS_PORT" >"$work/issuer.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q '^jwks ready' "$work/issuer.log" && break; sleep 0.1; done
grep -q '^jwks ready' "$work/issuer.log" || { cat "$work/issuer.log"; exit 1; }
JWKS_URL="http://127.0.0.1:$JWKS_PORT/jwks.json"
echo "   GET $JWKS_URL →"
curl -s "$JWKS_URL" | jsonq 'v.keys.map(k => JSON.stringify({kid: k.kid, kty: k.kty, crv: k.crv, alg: k.alg, use: k.use})).join("\n")' \
  | sed 's/^/     /'

ISS=https://idp.interop.test/realms/uptimepage
AUD=share-links
echo "== the service: $JAR (demo core, port $PORT)"
echo "   QUARKUS_HTTP_PORT=$PORT SHARES_DATA_DIR=$work/data MP_JWT_VERIFY_PUBLICKEY_LOCATION=$JWKS_URL \\"
echo "   MP_JWT_VERIFY_ISSUER=$ISS MP_JWT_VERIFY_AUDIENCES=$AUD $JAVA -jar $JAR"
QUARKUS_HTTP_PORT=$PORT SHARES_DATA_DIR="$work/data" \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$JWKS_URL" MP_JWT_VERIFY_ISSUER="$ISS" MP_JWT_VERIFY_AUDIENCES="$AUD" \
  "$JAVA" -Xmx384m -XX:+UseSerialGC -jar "$JAR" >"$work/service.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 600); do
  curl -sf "$base/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "${pids[1]}" 2>/dev/null || { echo "the service exited:"; tail -40 "$work/service.log"; exit 1; }
  sleep 0.2
done
curl -sf "$base/q/health/ready" >/dev/null || { echo "the service is not ready after 120 s"; tail -40 "$work/service.log"; exit 1; }
sed -n 's/.*\(Operator JWTs: .*\)/   log: \1/p' "$work/service.log"

T=0199097d-dcb8-752e-b269-a6a36513270e   # the demo core's Checkout API, org demo
api="$base/api/v1/targets/$T/shares"
sign() { # prints a token; every token made is kept in $work/tokens to check none reaches the log
  node "$here/jose-issuer.mjs" sign "$work" iss="$ISS" aud="$AUD" sub=interop-user org=demo scope=targets:write plan=team "$@" \
    | tee -a "$work/tokens"
  echo >>"$work/tokens"
}
header() { cut -d. -f1 <<<"$1" | tr '_-' '/+' | base64 -d 2>/dev/null || true; }

failures=0
check() { # check <what> <expected> <actual>
  if [ "$2" = "$3" ]; then echo "   ok   $1"; else echo "   FAIL $1: expected $2, got $3"; failures=$((failures + 1)); fi
}
call() { # call <method> <url> <jwt> [body] → sets status, body, wwwauth
  local args=(-s -o "$work/body" -D "$work/headers" -w '%{http_code}' -X "$1" "$2" -H "Authorization: Bearer $3")
  [ $# -ge 4 ] && args+=(-H 'Content-Type: application/json' -d "$4")
  status=$(curl "${args[@]}")
  body=$(cat "$work/body")
  wwwauth=$(tr -d '\r' <"$work/headers" | sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: //p')
  # link tokens in the answers are shown as «token» (the transcript is meant to be pasted into notes)
  echo "   $1 ${2#"$base"} → $status $(sed -E 's#[A-Za-z0-9_-]{43}#«token»#g' <<<"$body" | head -c 240)"
}

for key in rsa-1 ec-1; do
  jwt=$(sign key="$key")
  echo "== $key: token header $(header "$jwt")"
  call POST "$api" "$jwt" "{\"label\":\"interop $key\"}"
  check "$key mint → 201" 201 "$status"
  id=$(jsonq 'v && v.id || ""' <<<"$body")
  call GET "$api" "$jwt"
  check "$key list → 200" 200 "$status"
  check "$key list holds the new link" true "$(jsonq 'Array.isArray(v) && v.some(s => s.id === a[0])' "$id" <<<"$body")"
  call DELETE "$api/$id" "$jwt"
  check "$key revoke → 204" 204 "$status"
  call GET "$api" "$jwt"
  check "$key list after revoke → 200 without it" "200 false" \
    "$status $(jsonq 'Array.isArray(v) ? v.some(s => s.id === a[0]) : "not-a-list"' "$id" <<<"$body")"
done

refused() { # refused <what> <jwt>
  echo "== $1: token header $(header "$2")"
  call GET "$api" "$2"
  check "$1 → 401" 401 "$status"
  check "$1 → WWW-Authenticate: Bearer" Bearer "$wwwauth"
  check "$1 → envelope code UNAUTHORIZED" UNAUTHORIZED "$(jsonq 'v.error.code' <<<"$body")"
}
refused "kid not in the set (stray-1, an unpublished key)" "$(sign key=stray-1)"
refused "alg mismatch (ES256 signed by ec-1, header kid rsa-1)" "$(sign key=ec-1 kid=rsa-1)"
refused "alg mismatch (RS256 signature under header alg ES256, kid rsa-1)" "$(sign key=rsa-1 alg=ES256)"
refused "expired (exp one hour ago, rsa-1)" "$(sign key=rsa-1 exp=-3600)"
refused "expired (exp one hour ago, ec-1)" "$(sign key=ec-1 exp=-3600)"
refused "wrong audience (aud someone-else, rsa-1)" "$(sign key=rsa-1 aud=someone-else)"
refused "wrong audience (aud someone-else, ec-1)" "$(sign key=ec-1 aud=someone-else)"

echo "== JWKS fetches by the service: $(( $(curl -s "http://127.0.0.1:$JWKS_PORT/fetches") - 1 )) (the issuer's log, the first one is this script's own):"
grep 'GET /jwks.json' "$work/issuer.log" | sed 's/^/   /' || true
cut -d. -f3 "$work/tokens" | grep . >"$work/signatures"
check "no token's signature in the service log ($(wc -l <"$work/signatures") tokens)" 0 "$(grep -cFf "$work/signatures" "$work/service.log" || true)"
if [ "$failures" -eq 0 ]; then echo "== interop: all checks passed"; else echo "== interop: $failures checks FAILED"; tail -30 "$work/service.log"; exit 1; fi
