-- wrk script for bench/draws: each request is one member's draw (a cookie and CSRF token per
-- member, read from MEMBERS, one member after another), with a fresh idempotency key, except
-- that RETRY_PERCENT of requests repeat that member's previous key, as a client does when an
-- answer is slow. Counts answers by status; prints them with the latency percentiles.

local members, path = {}, nil
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(os.getenv("MEMBERS"), "r"))
  path = file:read("*l")
  for line in file:lines() do
    local cookie, csrf = line:match("^(.-)\t(.*)$")
    table.insert(members, { cookie = cookie, csrf = csrf, last = nil })
  end
  file:close()
  retry = tonumber(os.getenv("RETRY_PERCENT") or "5")
  -- Threads start at different members so they rarely draw for the same one at once.
  next_member = ((id - 1) * 397) % #members
  sent, created, replayed, other = 0, 0, 0, 0
  math.randomseed(id * 7919 + os.time())
end

function request()
  next_member = next_member % #members + 1
  local m = members[next_member]
  local key
  if m.last ~= nil and math.random(100) <= retry then
    key = m.last
  else
    sent = sent + 1
    key = string.format("t%d-%d", id, sent)
    m.last = key
  end
  return wrk.format("POST", path, {
    ["Cookie"] = m.cookie,
    ["X-CSRF-Token"] = m.csrf,
    ["Idempotency-Key"] = key,
  })
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 200 then
    replayed = replayed + 1
  else
    other = other + 1
    if other <= 3 then
      io.stderr:write(string.format("draw answered %d: %s\n", status, body))
    end
  end
end

function done(summary, latency, requests)
  local c, r, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    r = r + t:get("replayed")
    o = o + t:get("other")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT draws/s %.0f  answers/s %.0f  p50 %.1f ms  p99 %.1f ms  created %d  replayed %d  failed %d  socket errors %d\n",
    c / seconds, (c + r + o) / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, c, r, o,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
