-- wrk script for Benchmarks/run: one request shape per run, exact percentiles on exit.
--
-- Environment (all optional):
--   BENCH_METHOD           request method (default GET)
--   BENCH_BODY_FILE        file whose bytes are sent as the request body (for POST)
--   BENCH_HEADERS          extra headers, one "Name: value" per line
--   BENCH_EXPECT_STATUS    the one status every answer must have (for example 401 or 403); when
--                          set, answers with another status are counted as `unexpected` (this
--                          makes wrk hand every answer to Lua, a little more work for wrk only)
--   BENCH_STOP_AFTER       stop sending after this many answers (with -t1: in all): the thread
--                          stops and BENCH_STOP_FILE is created, so that the caller can end wrk
--                          with SIGINT (wrk itself would wait until -d is over); wrk then prints
--                          its summary as usual
--   BENCH_STOP_FILE        the file created when BENCH_STOP_AFTER answers have arrived
--
-- On exit it prints one machine-readable line that Benchmarks/run parses:
--   BENCH requests=N duration_us=N rps=X p50_us=N p90_us=N p99_us=N max_us=N
--         non2xx=N connect_errors=N read_errors=N write_errors=N timeouts=N
--         expected=STATUS|- unexpected=N|-
-- (non2xx is wrk's own count of answers with a status of 400 or more.)

local method = os.getenv("BENCH_METHOD")
if method and method ~= "" then wrk.method = method end

local body_file = os.getenv("BENCH_BODY_FILE")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
end

local headers = os.getenv("BENCH_HEADERS")
if headers and headers ~= "" then
  for line in headers:gmatch("[^\r\n]+") do
    local name, value = line:match("^%s*([^:]+):%s*(.-)%s*$")
    if name then wrk.headers[name] = value end
  end
end

local expect = tonumber(os.getenv("BENCH_EXPECT_STATUS") or "")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local stop_after = tonumber(os.getenv("BENCH_STOP_AFTER") or "")
local stop_file = os.getenv("BENCH_STOP_FILE")
local answers = 0

-- Only defined when needed: wrk skips the Lua call per answer otherwise.
if expect or stop_after then
  unexpected = 0
  function response(status, headers, body)
    if expect and status ~= expect then unexpected = unexpected + 1 end
    if stop_after then
      answers = answers + 1
      if answers == stop_after then
        wrk.thread:stop()
        if stop_file and stop_file ~= "" then
          local f = assert(io.open(stop_file, "w"))
          f:write(answers, "\n")
          f:close()
        end
      end
    end
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local unexpected_total = "-"
  if expect then
    local n = 0
    for _, thread in ipairs(threads) do n = n + (thread:get("unexpected") or 0) end
    unexpected_total = tostring(n)
  end
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "non2xx=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d expected=%s unexpected=%s\n",
    summary.requests, summary.duration, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, expect and tostring(expect) or "-", unexpected_total))
end
