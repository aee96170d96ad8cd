-- wrk script: operators minting share links. POST /api/v1/targets/{id}/shares, body {}, Bearer JWT.
-- Targets are spread over MINT_TARGETS ids (default 200) so the per-monitor cap count stays small and every
-- request is a real mint (the bench org's caps are lifted by a plan_overrides row). The stand-in core answers
-- any target id.
local jwt = os.getenv("BENCH_JWT") or error("BENCH_JWT is not set")
local n = tonumber(os.getenv("MINT_TARGETS") or "200")
local prefix = os.getenv("MINT_TARGET_PREFIX") or "00000000-0000-4000-8000-"
local paths = {}
for i = 1, n do
  paths[i] = string.format("/api/v1/targets/%s%012d/shares", prefix, i)
end

wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. jwt

local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

local i
function init(args)
  i = (tid or 0) * 7919
end

function request()
  i = i + 1
  return wrk.format(nil, paths[(i % n) + 1])
end
