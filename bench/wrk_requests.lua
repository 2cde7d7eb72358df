-- wrk script of bench/loadgen.py: sends prepared raw HTTP requests, each thread its own
-- share of them in turn, and prints one JSON line of figures at the end.
-- Arguments (after --): the file of requests (separated by NUL bytes), the thread count and
-- the think time in ms (0: none) between an answer and the connection's next request.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  local f = assert(io.open(args[1], "rb"))
  local data = f:read("*a")
  f:close()
  local all = {}
  for r in string.gmatch(data, "([^%z]+)") do
    all[#all + 1] = r
  end
  local nthreads = tonumber(args[2])
  think = tonumber(args[3] or "0")
  math.randomseed(id + 1)
  mine = {}
  for i = id + 1, #all, nthreads do
    mine[#mine + 1] = all[i]
  end
  if #mine == 0 then
    mine = all
  end
  at = 0
end

function request()
  at = at % #mine + 1
  return mine[at]
end

if os.getenv("WRK_THINK") then
  -- Defined only when pacing: wrk then calls delay() before every request, and measures the
  -- latency from when the request is sent. Uniform over [think/2, 3·think/2], so that the
  -- connections do not march in step.
  function delay()
    return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
  end
end

-- No response() callback: with one, wrk hands every answer's headers and body to Lua, which
-- cost it several times the CPU (taken from the server on this 2-core machine). Answers of
-- 400 and above are counted by wrk itself (errors.status); loadgen checks one answer of
-- each kind of request for a 200 before the load.
function done(summary, latency, requests)
  io.write(string.format(
    'wrkjson {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
      .. '"mean_us": %.1f, "bad": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.mean, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
