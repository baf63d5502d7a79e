-- POST /ingest/state, one event per request, random agent ids out of BENCH_AGENTS, unique
-- event ids. With BENCH_RATE (req/s over all threads; BENCH_THREADS must equal wrk's -t)
-- requests are paced at that rate instead of sent as fast as answers come.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")

local counter = 0
local prefix

setup = common.numbering_setup()

function init(args)
  math.randomseed(os.time() * 1000 + thread_id)
  prefix = common.id_prefix(thread_id)
end

function request()
  counter = counter + 1
  local body = common.event(math.random(common.agents) - 1, prefix .. "-" .. counter, counter)
  return wrk.format("POST", "/ingest/state", common.headers, body)
end

local rate = tonumber(os.getenv("BENCH_RATE") or "0")
if rate > 0 then
  delay = common.pacer(rate, tonumber(os.getenv("BENCH_THREADS") or "1"))
end

done = common.report(1)
