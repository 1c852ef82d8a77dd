-- wrk script for bench/run.py: each connection is a pupil in one teacher-paced class session.
--
--   wrk -tN -cN -d5s -s bench/class_load.lua http://127.0.0.1:PORT -- CODE KEY ORIGIN OPTION
--
-- Run it with as many threads as connections: each wrk thread has its own Lua state, so the
-- state below (cookie, phase, ETag) is then that of one pupil.
-- A pupil joins (POST /en/join), answers the open question once (POST /en/join/CODE), then
-- polls the session's state with its ETag (mostly 304s), as the pupil page does; one request in
-- 30 is the teacher's dashboard polling the class's numbers. wrk's own latency figures cover
-- every request; failures are counted and printed by done().

local code, key, origin, option
local cookies = {}
local phase = "join"
local etag = nil
local count = 0
failures = 0

function init(args)
  code, key, origin, option = args[1], args[2], args[3], args[4]
end

local function cookie_header()
  local parts = {}
  for name, value in pairs(cookies) do
    table.insert(parts, name .. "=" .. value)
  end
  return table.concat(parts, "; ")
end

local function form_headers()
  return {
    ["Cookie"] = cookie_header(),
    ["Origin"] = origin,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
end

function request()
  count = count + 1
  if phase == "join" then
    return wrk.format("POST", "/en/join", form_headers(), "code=" .. code)
  elseif phase == "answer" then
    return wrk.format("POST", "/en/join/" .. code, form_headers(), "answer=" .. option)
  elseif count % 30 == 0 then
    return wrk.format("GET", "/en/class/" .. code .. "/numbers.json?key=" .. key)
  end
  local h = {}
  if etag then
    h["If-None-Match"] = etag
  end
  return wrk.format("GET", "/en/join/" .. code .. "/state.json", h)
end

function response(status, headers, body)
  if phase == "join" or phase == "answer" then
    if status ~= 303 then
      failures = failures + 1
      return
    end
    for name, value in pairs(headers) do
      if name:lower() == "set-cookie" then
        local n, v = value:match("^%s*([^=;]+)=([^;]*)")
        if n then
          cookies[n] = v
        end
      end
    end
    phase = phase == "join" and "answer" or "poll"
    return
  end
  if status == 200 then
    for name, value in pairs(headers) do
      if name:lower() == "etag" and not body:find('"joined"') then
        etag = value
      end
    end
  elseif status ~= 304 then
    failures = failures + 1
  end
end

threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local all = 0
  for _, thread in ipairs(threads) do
    all = all + thread:get("failures")
  end
  io.write(string.format("CLASS failures=%d\n", all))
end
