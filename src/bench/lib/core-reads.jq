# Reads WireMock's request journal (GET /__admin/requests) of one measured window and says how many core requests
# each endpoint — and each distinct read the service makes — cost per monitor, and per cache TTL.
# Arguments: $ttl (ms), $win (ms, the measured window), $t0 (ms since the epoch, when the window started).
#   per_ttl        = (requests of the busiest monitor) / (window / TTL)   — the brief's definition
#   max_in_one_ttl = most requests of one monitor inside any TTL-long interval (a stampede shows up here)
def qparams: (split("&") | map(select(length > 0) | split("=") | {(.[0]): (.[1] // "")}) | add) // {};
def epoch: gsub("%3A"; ":") | gsub("%2B"; "+") | sub("\\.[0-9]+"; "") | fromdateiso8601;
def classify:
  (.request.url | capture("^/api/v1/targets/(?<id>[^/?]+)(?<rest>/[^?]*)?(?:\\?(?<q>.*))?$")) as $m
  | (($m.q // "") | qparams) as $q
  | (($m.rest // "") | ltrimstr("/")) as $ep
  | .request.loggedDate as $t
  | {id: $m.id, t: $t,
     endpoint: (if $ep == "" then "target" else $ep end),
     read: (if $ep == "" then "target"
            elif $ep == "results" then (if $q.limit == "1" then "results (latest, limit=1)" else "results (window)" end)
            elif $ep == "incidents" then (if $q.ongoing_only == "true" then "incidents (ongoing)" else "incidents (list)" end)
            elif $ep == "uptime" then
              (if ($q.to // "") == "" then "uptime"
               elif (($q.to | epoch) * 1000) < ($t - 60000) then "uptime (prior window)" else "uptime (window)" end)
            else $ep end)};
def max_in_window($ttl):
  sort | . as $ts
  | [range(0; length) as $i | (($ts | bsearch($ts[$i] + $ttl - 0.5)) | if . < 0 then -1 - . else . end) - $i]
  | max // 0;
def summary($key):
  group_by(.[$key])
  | map({key: .[0][$key],
         value: (group_by(.id)
                 | map({n: length, burst: (map(.t) | max_in_window($ttl))})
                 | {monitors: length, total: (map(.n) | add), max_per_monitor: (map(.n) | max),
                    max_in_one_ttl: (map(.burst) | max),
                    per_ttl: (((map(.n) | max) / ($win / $ttl)) * 100 | round / 100)})})
  | from_entries;
[.requests[] | select(.request.url | startswith("/api/v1/targets/"))
   | select(.request.loggedDate >= $t0 and .request.loggedDate < $t0 + $win) | classify]
| {requests: length, window_ms: $win, ttl_ms: $ttl, endpoints: summary("endpoint"), reads: summary("read")}
