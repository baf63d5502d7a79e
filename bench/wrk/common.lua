-- Shared by single.lua and batch.lua: event bodies, pacing, and the BENCH result line.
-- Loaded with dofile() from each wrk thread's own Lua state.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } beacon_bench_timespec;
int clock_gettime(int clock_id, beacon_bench_timespec *tp);
]]

local M = {}

M.agents = tonumber(os.getenv("BENCH_AGENTS") or "10000")
M.headers = { ["Content-Type"] = "application/json" }

local CLOCK_MONOTONIC = 1
local now = ffi.new("beacon_bench_timespec")

-- monotonic milliseconds, fractional
function M.now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now)
  return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
end

local statuses = { "running", "waiting", "completed", "idle" }
local timestamp = os.date("!%Y-%m-%dT%H:%M:%SZ")

-- one event as DESIGN.md §2 describes it; the same shape the producer ceiling sends
function M.event(agent, event_id, seq)
  return string.format(
    '{"agent_id":"agent-%05d","status":"%s","timestamp":"%s","metadata":{"task":"web_search"},"event_id":"%s","seq":%d}',
    agent, statuses[(seq % #statuses) + 1], timestamp, event_id, seq)
end

-- wrk calls setup() in its main Lua state once per thread, before the thread's init():
-- number the threads so each gets its own random seed and event-id prefix (init() reads
-- the global thread_id this sets in the thread's own state)
function M.numbering_setup()
  local started = 0
  return function(thread)
    started = started + 1
    thread:set("thread_id", started)
  end
end

-- a prefix no other thread or run uses, so event ids are unique across a whole benchmark
function M.id_prefix(thread_id)
  return string.format("%s-%d", os.getenv("BENCH_NONCE") or tostring(os.time()), thread_id)
end

-- Pacing for an open-loop-like rate: wrk calls delay() before each request of any of the
-- thread's connections, so handing out the thread's send slots in order, one every
-- 1000 * threads / rate ms, paces the thread at its share of BENCH_RATE whatever the
-- latency (as long as it has a free connection). Slots missed while every connection was
-- busy are sent at once afterwards, as a real client population would.
function M.pacer(rate, threads)
  local interval = 1000 * threads / rate
  local next_slot = nil
  return function()
    local t = M.now_ms()
    if next_slot == nil then
      next_slot = t
    end
    next_slot = next_slot + interval
    local wait = next_slot - t
    if wait < 1 then
      return 0
    end
    return math.floor(wait)
  end
end

local function ms(us)
  return us / 1000.0
end

-- wrk's done(): one machine-readable line, read by `report`
function M.report(events_per_request)
  return function(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local errors = summary.errors
    local rps = summary.requests / seconds
    io.write(string.format(
      "BENCH scenario=%s run=%s requests=%d duration_s=%.3f rps=%.1f events_per_request=%d events_per_s=%.1f"
        .. " p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f"
        .. " errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d non2xx=%d target_rps=%s\n",
      os.getenv("BENCH_SCENARIO") or "unnamed", os.getenv("BENCH_RUN") or "0", summary.requests, seconds, rps,
      events_per_request, rps * events_per_request,
      ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
      ms(latency:percentile(99.9)), ms(latency.max),
      errors.connect, errors.read, errors.write, errors.timeout, errors.status,
      os.getenv("BENCH_RATE") or "0"))
  end
end

return M
