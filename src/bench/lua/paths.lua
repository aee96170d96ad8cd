-- wrk script: GET a list of paths round-robin (one per line in the file named by BENCH_PATHS), each thread
-- starting at a different place, so many connections spread over many links and routes.
local file = os.getenv("BENCH_PATHS") or error("BENCH_PATHS is not set")
local paths = {}
for line in io.lines(file) do
  if line ~= "" then paths[#paths + 1] = line end
end
if #paths == 0 then error("no paths in " .. file) end

local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

local i
function init(args)
  i = ((tid or 0) * 7919) % #paths
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
