# shellcheck shell=bash
# The processes of a benchmark run: PostgreSQL (Debian binaries), the stand-in core (WireMock standalone), the
# service (packaged jar, configured like production through environment variables) and nginx (the static reference).
# Needs: ROOT, BENCH, WORK.

WIREMOCK_VERSION=3.13.2
CORE_TOKEN=bench-core-service-token
PG_PASSWORD=bench-pg-password
PG_DB=share_links

# ---- PostgreSQL ---------------------------------------------------------------------------------------------

_as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_pg() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$PG_BIN/initdb" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install -y postgresql)"
  PG_DIR=$(mktemp -d /tmp/share-links-bench-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  printf '%s\n' "$PG_PASSWORD" >"$PG_DIR/pwfile"
  [ "$(id -u)" = 0 ] && chown -R postgres: "$PG_DIR"
  PG_PORT=$(free_port 15432)
  _as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=scram-sha-256 --pwfile="$PG_DIR/pwfile" -E UTF8 \
    --no-sync >"$WORK/pg-initdb.log" 2>&1 || { cat "$WORK/pg-initdb.log" >&2; die "initdb failed"; }
  # Production-like: fsync and synchronous commit stay on; only the connection limit is raised for the pool + psql.
  _as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null ||
    { cat "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
  on_exit stop_pg
  PG_PID=$(head -n 1 "$PG_DIR/data/postmaster.pid")
  BENCH_PIDS+=("$PG_PID")
  PG_VERSION=$("$PG_BIN/postgres" --version)
  PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt \
    -c "create database $PG_DB" >/dev/null
  log "PostgreSQL ($PG_VERSION) on port $PG_PORT, data in $PG_DIR"
}

stop_pg() {
  [ -n "${PG_DIR:-}" ] || return 0
  cp "$PG_DIR/server.log" "$WORK/pg-server.log" 2>/dev/null || true
  _as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=
}

# sql "statement" → unaligned, tuples-only output
sql() {
  PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$PG_DB" -v ON_ERROR_STOP=1 -qAt "$@"
}

# ---- The stand-in core (WireMock standalone) -----------------------------------------------------------------

start_core() {
  local delay=$1 jar="$HOME/.m2/repository/org/wiremock/wiremock-standalone/$WIREMOCK_VERSION/wiremock-standalone-$WIREMOCK_VERSION.jar"
  if [ ! -f "$jar" ]; then
    log "fetching org.wiremock:wiremock-standalone:$WIREMOCK_VERSION from Maven Central"
    (cd "$ROOT" && ./mvnw -B -ntp -q dependency:get -Dartifact="org.wiremock:wiremock-standalone:$WIREMOCK_VERSION") ||
      die "could not fetch wiremock-standalone"
  fi
  CORE_DIR=$WORK/core
  mkdir -p "$CORE_DIR/mappings"
  cp -r "$BENCH/core/__files" "$CORE_DIR/"
  _render_core_mappings "$delay"
  CORE_PORT=$(free_port 18090)
  # Async responses: a delayed answer does not hold a container thread, so 500 waiting requests cost no threads.
  java -Xms128m -Xmx512m -XX:+UseParallelGC -jar "$jar" --port "$CORE_PORT" --bind-address 127.0.0.1 \
    --root-dir "$CORE_DIR" --container-threads 100 --async-response-enabled true --async-response-threads 20 \
    --max-request-journal-entries 200000 --disable-banner >"$WORK/core.log" 2>&1 &
  CORE_PID=$!
  BENCH_PIDS+=("$CORE_PID")
  on_exit 'stop_pid "$CORE_PID" 10'
  CORE_URL=http://127.0.0.1:$CORE_PORT
  wait_http "$CORE_URL/__admin/health" 200 60 || { tail -n 30 "$WORK/core.log" >&2; die "stand-in core did not start"; }
  CORE_DELAY_NOW=$delay
  log "stand-in core (WireMock $WIREMOCK_VERSION) on port $CORE_PORT, answering after ${delay} ms"
}

_render_core_mappings() {
  local f
  for f in "$BENCH"/core/mappings/*.json; do
    sed -e "s/__DELAY_MS__/$1/" -e "s/__CORE_TOKEN__/$CORE_TOKEN/" "$f" >"$CORE_DIR/mappings/$(basename "$f")"
  done
}

# core_delay MS: every stub answers after MS milliseconds from now on (mappings reloaded from the rendered files).
core_delay() {
  _render_core_mappings "$1"
  curl -fsS -X POST "$CORE_URL/__admin/mappings/reset" >/dev/null || die "could not reload the core stubs"
  CORE_DELAY_NOW=$1
  log "stand-in core now answers after $1 ms"
}

core_reset_journal() { curl -fsS -X DELETE "$CORE_URL/__admin/requests" >/dev/null; }

# core_count PATH_REGEX → how many requests the core received whose path matches (WireMock's count API).
core_count() {
  curl -fsS -X POST "$CORE_URL/__admin/requests/count" -H 'Content-Type: application/json' \
    -d "{\"method\":\"GET\",\"urlPathPattern\":\"$1\"}" | jq -r .count
}

# ---- The service ----------------------------------------------------------------------------------------------

# stage_app: a private copy of the packaged application (target/quarkus-app) for this run, so a rebuild during the
# run cannot swap the jar under it (its processes are told apart by pid). `cp -a` keeps the jars' modification times:
# the AppCDS archive (app-cds.jsa, quarkus.package.jar.appcds.enabled) records them with the class path and the JVM
# refuses the archive for a jar whose time or size differs. Sets APP_DIR (the copy) and APP_CDS (its archive, or "").
stage_app() {
  rm -rf "$WORK/app"
  cp -a "$ROOT/target/quarkus-app" "$WORK/app"
  rm -rf "$WORK/app/data"
  APP_DIR=$WORK/app
  APP_CDS=
  [ -f "$APP_DIR/app-cds.jsa" ] && APP_CDS=app-cds.jsa
  return 0
}

# start_service: spawns the packaged jar and waits for the first 200 on /q/health/ready.
# Sets SVC_PID and SVC_READY_MS (spawn → ready, measured here with a 10 ms poll). The jar starts from its own
# directory as `-jar quarkus-run.jar` (APP_DIR, default the staged copy; another build's quarkus-app directory for a
# side-by-side run), the way the AppCDS archive was recorded: Quarkus makes it with that relative class path, and the
# JVM uses it only for the same one. CDS=1 adds -XX:SharedArchiveFile=app-cds.jsa, and the start fails when the JVM
# says it could not use the archive (a silent fallback would report the jar alone as "with AppCDS").
# JAVA (default: java on the PATH) picks the JVM; the service log is SVC_LOG (default target/bench/service.log);
# SVC_ENV adds NAME=value settings (space-separated) after the ones below, e.g. a feature switched off for a
# side-by-side figure.
start_service() {
  local t0 t1 log_file=${SVC_LOG:-$WORK/service.log} app_dir=${APP_DIR:-$WORK/app} cds_opts="" from
  SVC_PORT=${SVC_PORT:-$(free_port 18080)}
  SVC_URL=http://127.0.0.1:$SVC_PORT
  ! ss -Hltn "sport = :$SVC_PORT" | grep -q . || die "port $SVC_PORT is taken before the service starts"
  if [ "${CDS:-0}" = 1 ]; then
    [ -f "$app_dir/app-cds.jsa" ] || die "CDS=1 but $app_dir has no app-cds.jsa"
    cds_opts="-XX:SharedArchiveFile=app-cds.jsa -Xshare:auto"
  fi
  echo "---- start $(date -u +%FT%TZ)" >>"$log_file"
  from=$(stat -c %s "$log_file")
  t0=$(date +%s%N)
  (cd "$app_dir" && exec env QUARKUS_HTTP_PORT="$SVC_PORT" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/$PG_DB" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD="$PG_PASSWORD" \
    SHARES_CORE_URL="$CORE_URL" SHARES_CORE_TOKEN="$CORE_TOKEN" \
    SHARES_PUBLIC_BASE_URL="$SVC_URL" SHARES_KEK="$SHARES_KEK" SHARES_DATA_DIR="$WORK/svc-data" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/src/test/resources/test-jwt/public-key.pem" \
    MP_JWT_VERIFY_ISSUER=https://auth.test.uptimepage MP_JWT_VERIFY_AUDIENCES=share-links \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=false ${SVC_ENV:-} \
    "${JAVA:-java}" $JVM_OPTS ${PROFILE_OPTS:-} $cds_opts -jar quarkus-run.jar) >>"$log_file" 2>&1 &
  SVC_PID=$!
  while :; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$SVC_URL/q/health/ready" || true)" = 200 ] && break
    kill -0 "$SVC_PID" 2>/dev/null || { tail -n 40 "$log_file" >&2; die "the service exited during start-up"; }
    (( ($(date +%s%N) - t0) / 1000000000 < 120 )) || { tail -n 40 "$log_file" >&2; die "the service was not ready in 120 s"; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  SVC_READY_MS=$(( (t1 - t0) / 1000000 ))
  BENCH_PIDS+=("$SVC_PID")
  # The 200 came from this process (not one left over on the port).
  ss -Hltnp "sport = :$SVC_PORT" | grep -q "pid=$SVC_PID," || die "port $SVC_PORT answers, but not from pid $SVC_PID"
  # Only this start's lines: the log grows to gigabytes under the access log, and earlier starts are not this one.
  if [ -n "$cds_opts" ] && tail -c +"$((from + 1))" "$log_file" | head -c 200000 | grep -q 'Unable to use shared archive\|\[warning\]\[cds'; then
    tail -c +"$((from + 1))" "$log_file" | grep 'cds' | head -n 5 >&2
    die "the JVM did not use the AppCDS archive in $app_dir"
  fi
  return 0
}

# Dies when a process of the run has gone away (crashed, or ended by something outside the benchmark).
check_alive() {
  local name pid
  for name in SVC_PID CORE_PID PG_PID; do
    pid=${!name:-}
    [ -z "$pid" ] || kill -0 "$pid" 2>/dev/null ||
      die "$name $pid is gone (crashed or stopped from outside); see target/bench/*.log"
  done
}

# The service's total GC time so far, in ms (jstat's GCT: pauses for Serial/Parallel/G1; for ZGC, which pauses for
# well under a millisecond, the time of its concurrent cycles). JSTAT: the jstat of the service's JVM.
gc_ms() {
  "${JSTAT:-jstat}" -gc "$SVC_PID" 2>/dev/null | awk 'NR == 2 { printf "%d", $NF * 1000 }' || echo 0
}

stop_service() {
  [ -n "${SVC_PID:-}" ] || return 0
  stop_pid "$SVC_PID" 40
  local p kept=()
  for p in "${BENCH_PIDS[@]}"; do [ "$p" = "$SVC_PID" ] || kept+=("$p"); done
  BENCH_PIDS=("${kept[@]}")
  SVC_PID=
}

# ---- nginx: the static reference ------------------------------------------------------------------------------

# start_nginx FILE CONTENT_TYPE: serves FILE's bytes for every path, with the same security headers as /m/.
start_nginx() {
  local file=$1 type=$2 user_line=""
  NGX_DIR=$WORK/nginx
  mkdir -p "$NGX_DIR/html" "$NGX_DIR/logs" "$NGX_DIR/tmp"
  cp "$file" "$NGX_DIR/html/live.html"
  NGX_PORT=$(free_port 18081)
  [ "$(id -u)" = 0 ] && user_line="user nobody nogroup;"
  cat >"$NGX_DIR/nginx.conf" <<EOF
$user_line
daemon off;
worker_processes auto;
error_log $NGX_DIR/logs/error.log warn;
pid $NGX_DIR/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 120s;
  client_body_temp_path $NGX_DIR/tmp/body;
  proxy_temp_path $NGX_DIR/tmp/proxy;
  fastcgi_temp_path $NGX_DIR/tmp/fastcgi;
  uwsgi_temp_path $NGX_DIR/tmp/uwsgi;
  scgi_temp_path $NGX_DIR/tmp/scgi;
  server {
    listen 127.0.0.1:$NGX_PORT;
    root $NGX_DIR/html;
    location / {
      default_type "$type";
      try_files /live.html =404;
      add_header Cache-Control "no-store" always;
      add_header Referrer-Policy "no-referrer" always;
      add_header X-Robots-Tag "noindex, nofollow" always;
      add_header X-Content-Type-Options "nosniff" always;
      add_header X-Frame-Options "DENY" always;
      add_header Content-Security-Policy "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" always;
    }
  }
}
EOF
  chmod -R a+rX "$NGX_DIR"
  nginx -p "$NGX_DIR" -c "$NGX_DIR/nginx.conf" >"$NGX_DIR/logs/stdout.log" 2>&1 &
  NGX_PID=$!
  BENCH_PIDS+=("$NGX_PID")
  on_exit 'stop_pid "$NGX_PID" 10'
  NGX_URL=http://127.0.0.1:$NGX_PORT
  wait_http "$NGX_URL/" 200 20 || { cat "$NGX_DIR/logs/"* >&2; die "nginx did not start"; }
  log "nginx ($(nginx -v 2>&1 | sed 's/.*: //')) on port $NGX_PORT serving $(stat -c %s "$file") bytes"
}
