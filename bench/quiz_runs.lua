-- wrk script for bench/run.py: every connection plays whole quiz runs, one request at a time.
--
--   wrk -tN -cN -d5s -s bench/quiz_runs.lua http://127.0.0.1:PORT -- QUIZ_PATH ORIGIN Q1=a Q2=b,c ...
--
-- Run it with as many threads as connections (-tN -cN): each wrk thread then has one connection,
-- so its requests follow each other and the state below (cookie, CSRF token, step) is that of one
-- visitor. A run is: POST <quiz>/start, GET <quiz>/1 (for the answer form's CSRF token, in the
-- first run only when the forms carry none), then POST <quiz>/1 .. <quiz>/N, each of which must answer 303; then the next run starts. The start
-- form is sent with an Origin header and, when the app asks for one (400), the CSRF token of the
-- intro page. Only answer POSTs are counted and timed: `answers`, `errors` and `latencies` are
-- read by done(), which prints one line for bench/run.py to parse.

local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *tp);
]])
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- per thread (each has its own Lua state)
local quiz, origin
local questions = {}   -- {id = "question-id", body = "answer=a&answer=c"}
local cookies = {}     -- name -> value
local token = nil      -- CSRF token of this visitor's session
local start_needs_token = false
local forms_have_token = nil  -- unknown until the first question page is read
local phase = "start"  -- start | intro | first | answer
local number = 1       -- the question being answered
local sent_at = 0

answers = 0
runs = 0
errors = 0
statuses = {}          -- unexpected status -> count, e.g. {["answer=400"] = 3}
latencies = {}         -- ms, one per answer POST

function init(args)
  quiz, origin = args[1], args[2]
  for i = 3, #args do
    local id, options = args[i]:match("^([^=]+)=(.+)$")
    local parts = {}
    for option in options:gmatch("[^,]+") do
      table.insert(parts, "answer=" .. option)
    end
    table.insert(questions, {id = id, body = table.concat(parts, "&")})
  end
end

local function cookie_header()
  local parts = {}
  for name, value in pairs(cookies) do
    table.insert(parts, name .. "=" .. value)
  end
  return table.concat(parts, "; ")
end

local function headers(form)
  local h = {}
  local cookie = cookie_header()
  if cookie ~= "" then
    h["Cookie"] = cookie
  end
  if form then
    h["Origin"] = origin
    h["Content-Type"] = "application/x-www-form-urlencoded"
    h["Accept-Encoding"] = "gzip, deflate, br"  -- a browser's; GETs stay plain: they are read
  end
  return h
end

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

local function keep_cookies(response_headers)
  for name, value in pairs(response_headers) do
    if name:lower() == "set-cookie" then
      local cookie_name, cookie_value = value:match("^%s*([^=;]+)=([^;]*)")
      if cookie_name then
        if cookie_value == "" or value:lower():find("max%-age=0") then
          cookies[cookie_name] = nil
        else
          cookies[cookie_name] = cookie_value
        end
      end
    end
  end
end

local function token_in(body)
  local input = body and body:match('<input[^>]-name="csrf_token"[^>]->')
  return input and input:match('value="([^"]*)"')
end

local function fail(what, status)
  local key = what .. "=" .. status
  statuses[key] = (statuses[key] or 0) + 1
  if what == "answer" then
    errors = errors + 1
  end
  -- start over as a new visitor
  cookies, token, phase, number = {}, nil, "start", 1
end

function request()
  if phase == "start" and start_needs_token and not token then
    phase = "intro"
  end
  if phase == "intro" then
    return wrk.format("GET", quiz, headers(false))
  elseif phase == "start" then
    local body = token and ("csrf_token=" .. urlencode(token)) or ""
    return wrk.format("POST", quiz .. "/start", headers(true), body)
  elseif phase == "first" then
    return wrk.format("GET", quiz .. "/1", headers(false))
  end
  local question = questions[number]
  local body = "csrf_token=" .. urlencode(token or "") .. "&question=" .. urlencode(question.id)
    .. "&step=" .. (number - 1) .. "&" .. question.body
  sent_at = now_ms()
  return wrk.format("POST", quiz .. "/" .. number, headers(true), body)
end

function response(status, response_headers, body)
  if phase == "answer" then
    local elapsed = now_ms() - sent_at
    if status ~= 303 then
      return fail("answer", status)
    end
    keep_cookies(response_headers)
    answers = answers + 1
    latencies[answers] = elapsed
    number = number + 1
    if number > #questions then
      runs = runs + 1
      phase, number = "start", 1
    end
  elseif phase == "intro" then
    if status ~= 200 then
      return fail("intro", status)
    end
    keep_cookies(response_headers)
    token = token_in(body)
    phase = "start"
    if not token then  -- asked for a token that the intro does not give
      start_needs_token = false
      return fail("intro-without-token", status)
    end
  elseif phase == "start" then
    if status == 400 and not start_needs_token then
      start_needs_token, token, phase = true, nil, "start"  -- old app: the start form has CSRF
      return
    end
    if status ~= 303 then
      return fail("start", status)
    end
    keep_cookies(response_headers)
    -- The question page is fetched for its form's CSRF token: once, to see whether the forms
    -- carry one, then only when they do (its own throughput is the "question page" row).
    phase = forms_have_token == false and "answer" or "first"
  elseif phase == "first" then
    if status ~= 200 then
      return fail("question-page", status)
    end
    keep_cookies(response_headers)
    token = token_in(body) or token
    forms_have_token = token_in(body) ~= nil
    phase = "answer"
  end
end

function done(summary, latency, requests)
  local all_answers, all_runs, all_errors = 0, 0, 0
  local merged, seen = {}, {}
  for _, thread in ipairs(threads) do
    all_answers = all_answers + thread:get("answers")
    all_runs = all_runs + thread:get("runs")
    all_errors = all_errors + thread:get("errors")
    for _, ms in ipairs(thread:get("latencies")) do
      table.insert(merged, ms)
    end
    for key, count in pairs(thread:get("statuses")) do
      seen[key] = (seen[key] or 0) + count
    end
  end
  table.sort(merged)
  local p99 = 0
  if #merged > 0 then
    p99 = merged[math.max(1, math.ceil(#merged * 0.99))]
  end
  local unexpected = {}
  for key, count in pairs(seen) do
    table.insert(unexpected, key .. " x" .. count)
  end
  io.write(string.format(
    "QUIZ answers=%d runs=%d errors=%d seconds=%.3f p99_ms=%.3f unexpected=%s\n",
    all_answers, all_runs, all_errors, summary.duration / 1e6, p99,
    #unexpected > 0 and table.concat(unexpected, ",") or "-"
  ))
end
