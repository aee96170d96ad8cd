-- wrk script: operators minting share links. POST /api/v1/targets/{id}/shares, body {}, Bearer JWT.
-- Targets are spread over MINT_TARGETS ids (default 200) so the per-monitor cap count stays small and every
-- request is a real mint (the bench org's caps are lifted by a plan_overrides row). The stand-in core answers
-- any target id.
-- BENCH_JWTS (space-separated) spreads the requests over several operators' tokens (e.g. one per org);
-- otherwise every request carries BENCH_JWT.
local jwts = {}
for t in string.gmatch(os.getenv("BENCH_JWTS") or os.getenv("BENCH_JWT") or "", "%S+") do jwts[#jwts + 1] = t end
if #jwts == 0 then error("BENCH_JWT is not set") end
local n = tonumber(os.getenv("MINT_TARGETS") or "200")
local prefix = os.getenv("MINT_TARGET_PREFIX") or "00000000-0000-4000-8000-"
local paths = {}
for i = 1, n do
  paths[i] = string.format("/api/v1/targets/%s%012d/shares", prefix, i)
end

wrk.method = "POST"
wrk.body = "{}"
local auth = {}
for k, t in ipairs(jwts) do auth[k] = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. t } end

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
  return wrk.format(nil, paths[(i % n) + 1], auth[(i % #auth) + 1])
end
