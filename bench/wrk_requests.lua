-- wrk script of bench/loadgen.py: sends prepared raw HTTP requests, each thread its own
-- share of them in turn, and prints one JSON line of figures at the end.
-- Arguments (after --): the file of requests (separated by NUL bytes) and the thread count.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
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
  mine = {}
  for i = id + 1, #all, nthreads do
    mine[#mine + 1] = all[i]
  end
  if #mine == 0 then
    mine = all
  end
  at = 0
  bad = 0
end

function request()
  at = at % #mine + 1
  return mine[at]
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local bad_total = 0
  for _, t in ipairs(threads) do
    bad_total = bad_total + t:get("bad")
  end
  io.write(string.format(
    'wrkjson {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
      .. '"mean_us": %.1f, "bad": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.mean, bad_total, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
