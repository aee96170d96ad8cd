-- wrk script: one viewer polling like a browser tab left open, one request every POLL_MS ms (default 100) on a
-- keep-alive connection (wrk's latency is measured from the write, so the pause is not in it). At the end it
-- writes "requests p50_ms p99_ms max_ms slow errors" to POLL_OUT, where slow = polls that took SLOW_MS (default 50)
-- or longer, i.e. that waited about as long as one core read.
local every = tonumber(os.getenv("POLL_MS") or "100")
local out = os.getenv("POLL_OUT") or error("POLL_OUT is not set")
local slow_us = tonumber(os.getenv("SLOW_MS") or "50") * 1000

function delay()
  return every
end

function done(summary, latency, requests)
  local slow, i = 0, 1
  while true do
    local v, c = latency(i) -- i-th distinct latency (us) and how often it was seen; 0 past the last
    if v == nil or v == 0 then break end
    if v >= slow_us then slow = slow + c end
    i = i + 1
  end
  local e = summary.errors
  local f = assert(io.open(out, "w"))
  f:write(string.format("%d %.3f %.3f %.3f %d %d\n", summary.requests, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, slow, e.connect + e.read + e.write + e.status + e.timeout))
  f:close()
end
