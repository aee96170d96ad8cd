# shellcheck shell=bash
# Operator JWTs signed RS256 with openssl and the test-only key (the same key and claims as the tests' Jwts helper).

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# operator_jwt KEY_PEM ORG [PLAN] [TTL_SECONDS]: a token with scope targets:write.
operator_jwt() {
  local key=$1 org=$2 plan=${3:-team} ttl=${4:-14400} now header payload signing
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"https://auth.test.uptimepage","aud":"share-links","sub":"bench-%s","org":"%s","scope":"targets:write","plan":"%s","iat":%d,"exp":%d}' \
    "$org" "$org" "$plan" "$now" $((now + ttl)) | b64url)
  signing="$header.$payload"
  printf '%s.%s' "$signing" "$(printf '%s' "$signing" | openssl dgst -sha256 -sign "$key" -binary | b64url)"
}
