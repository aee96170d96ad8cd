# shellcheck shell=bash
# Figures of the public pages that are not a load run of their own: what one poll costs on the wire, which static
# asset is the reference, and what a lone viewer waits on a warm link. Needs SVC_URL, WORK, F (wrk.sh), CORE_DELAY_MS.

# _header FILE NAME → the value of the last NAME header in a curl -D dump ("" when absent).
_header() { tr -d '\r' <"$1" | awk -v n="$(tr 'A-Z' 'a-z' <<<"$2")" -F': *' 'tolower($1) == n { v = substr($0, index($0, ":") + 1); sub(/^ +/, "", v) } END { print v }'; }

# wire_bytes URL: one poll of the live region as a browser sends it and as a plain client does. Body bytes exactly as
# sent (curl without --compressed does not decode) with "Accept-Encoding: gzip, br" (F[wire.br.*]), with
# "Accept-Encoding: gzip" (F[wire.gzip.*]) and with none (F[wire.plain.*]): .bytes, .encoding (Content-Encoding),
# .vary (1 when Vary names Accept-Encoding), .length_ok (Content-Length, when sent, equals the bytes; "chunked"
# when there is none); F[wire.br.decoded] = size after curl decodes it (fails loudly on a corrupt encoding).
wire_bytes() {
  local url=$1 label ae h b len
  for label in br gzip plain; do
    case $label in br) ae='gzip, br' ;; gzip) ae=gzip ;; plain) ae='' ;; esac
    h=$WORK/wire.$label.headers b=$WORK/wire.$label.body
    # -H 'Accept-Encoding:' (empty) removes the header: curl sends none by default anyway
    F[wire.$label.bytes]=$(curl -fsS -H "Accept-Encoding:${ae:+ $ae}" -D "$h" -o "$b" -w '%{size_download}' "$url") ||
      die "GET $url with Accept-Encoding '$ae' failed"
    F[wire.$label.encoding]=$(_header "$h" Content-Encoding)
    F[wire.$label.vary]=0
    _header "$h" Vary | grep -qiE '(^|[ ,])(accept-encoding|\*)($|[ ,])' && F[wire.$label.vary]=1
    len=$(_header "$h" Content-Length)
    if [ -z "$len" ]; then F[wire.$label.length_ok]=chunked
    elif [ "$len" = "${F[wire.$label.bytes]}" ]; then F[wire.$label.length_ok]=1
    else F[wire.$label.length_ok]=0; log "WARNING: Content-Length $len but $(stat -c %s "$b") body bytes ($label)"
    fi
  done
  curl -fsS --compressed -H 'Accept-Encoding: gzip, br' -o "$WORK/wire.br.decoded" "$url" ||
    die "GET $url: curl could not decode the '${F[wire.br.encoding]}' body (exit $?)"
  F[wire.br.decoded]=$(stat -c %s "$WORK/wire.br.decoded")
  log "/live on the wire: gzip,br → ${F[wire.br.bytes]} bytes (Content-Encoding '${F[wire.br.encoding]}', Vary ${F[wire.br.vary]}, decoded ${F[wire.br.decoded]}); gzip → ${F[wire.gzip.bytes]} ('${F[wire.gzip.encoding]}'); none → ${F[wire.plain.bytes]}"
}

# pick_asset PAGE_URL: the reference static asset, ASSET (a file name) among those the page links under /m/_/{version}/.
# Sets ASSET_PATH and ASSET_BYTES; logs every asset's size next to the live region's.
pick_asset() {
  local u size list=""
  ASSET_PATH=""
  for u in $(curl -fsS "$1" | grep -o '/m/_/[^"]*' | sort -u); do
    size=$(curl -fsS -o /dev/null -w '%{size_download}' "$SVC_URL$u") || die "GET $u (a page asset) failed"
    list+="${list:+, }${u##*/} $size"
    if [ "${u##*/}" = "$ASSET" ]; then ASSET_PATH=$u ASSET_BYTES=$size; fi
  done
  [ -n "$ASSET_PATH" ] || die "the page links no asset named $ASSET (it links: ${list:-none}); set ASSET to one of them"
  log "page assets (bytes): $list; reference: $ASSET ($ASSET_BYTES bytes) for the live region's ${F[wire.plain.bytes]:-?} bytes"
}

# warm_wait FIG URL: one viewer polling URL every POLL_MS ms for WARM_TTLS TTLs, so the shared entry expires under it
# WARM_TTLS times. F[FIG.n] polls, F[FIG.p50|p99|max] ms, F[FIG.slow] = polls that took CORE_DELAY_MS or more (a
# viewer who waited for the core), F[FIG.errors].
warm_wait() {
  local fig=$1 url=$2 secs
  secs=$(((WARM_TTLS * TTL_MS + 999) / 1000 + 1))
  curl -fsS -o /dev/null "$url" || die "GET $url failed"  # the link is warm before the first poll
  [ "${CORE_DELAY_NOW:-}" = "$CORE_DELAY_MS" ] || core_delay "$CORE_DELAY_MS"
  log "$fig: one viewer polling every ${POLL_MS} ms for ${secs}s ($WARM_TTLS TTLs of ${TTL_S}s), core at ${CORE_DELAY_MS} ms"
  export POLL_MS POLL_OUT=$WORK/poll.$fig.txt SLOW_MS=$CORE_DELAY_MS
  wrk_once "$fig" 1 "$secs" "$url" "$BENCH/lua/poll.lua" >/dev/null
  read -r "F[$fig.n]" "F[$fig.p50]" "F[$fig.p99]" "F[$fig.max]" "F[$fig.slow]" "F[$fig.errors]" <"$POLL_OUT" ||
    die "no poll summary in $POLL_OUT"
  unset POLL_OUT SLOW_MS
  log "  $fig: ${F[$fig.n]} polls, p50 ${F[$fig.p50]} ms, p99 ${F[$fig.p99]} ms, max ${F[$fig.max]} ms, ${F[$fig.slow]} at ≥ ${CORE_DELAY_MS} ms"
}

# replica_results FILE: revocation on every replica is not measured here but by ReplicaSuiteIT, which writes FILE
# (target/replica/results.md). F[replica.stale], F[replica.checks], F[replica.when] from it when present;
# F[replica.current] = 1 when it was written after the commit this run measures was made.
replica_results() {
  local f=$1
  [ -f "$f" ] || return 0
  F[replica.stale]=$(grep -o 'stale successes=[0-9]*' "$f" | head -n 1 | cut -d= -f2)
  F[replica.checks]=$(grep -o '[0-9]* next requests' "$f" | head -n 1 | cut -d' ' -f1)
  F[replica.when]=$(sed -n 's/^Run //p' "$f" | head -n 1)
  F[replica.current]=0
  (($(stat -c %Y "$f") >= $(git -C "$ROOT" log -1 --format=%ct))) && F[replica.current]=1
  return 0
}
