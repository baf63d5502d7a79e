-- POST /ingest/batch, a JSON array of BENCH_BATCH_SIZE events (default 500) per request.
-- Each thread builds a few bodies with random agents at start and gives every request
-- fresh event ids by substituting a per-request prefix (one C call: gsub).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

local size = tonumber(os.getenv("BENCH_BATCH_SIZE") or "500")
local TEMPLATES = 8

local counter = 0
local prefix
local templates = {}

setup = common.numbering_setup()

function init(args)
  math.randomseed(os.time() * 1000 + thread_id)
  prefix = common.id_prefix(thread_id)
  for t = 1, TEMPLATES do
    local events = {}
    for i = 1, size do
      events[i] = common.event(math.random(common.agents) - 1, "@ID@-" .. i, i)
    end
    templates[t] = "[" .. table.concat(events, ",") .. "]"
  end
end

function request()
  counter = counter + 1
  local body = templates[(counter % TEMPLATES) + 1]:gsub("@ID@", prefix .. "-" .. counter)
  return wrk.format("POST", "/ingest/batch", common.headers, body)
end

done = common.report(size)
