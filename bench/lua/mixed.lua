-- The soak's mixed load: GET 80 %, list first page 10 %, create 5 %, delete 5 % (each delete a new
-- pool job; once the pool is used up, deletes become GETs). Args: project, d, nget, deep offset,
-- list status, name base.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local project, d, nget, status, base
local k, deleted = 0, 0
local headers = { ["Content-Type"] = "application/json" }
function init(args)
  project, d, nget, status, base = args[1], tonumber(args[2]), tonumber(args[3]), args[5], tonumber(args[6])
  math.randomseed(os.time())
end
local function get()
  local j = math.random(0, nget - 1)
  return wrk.format("GET", "/v1.0/" .. project .. "/streaming/jobs/" .. (d + 1 + math.floor(j / 266) * 280 + j % 266))
end
function request()
  k = k + 1
  local r = k % 20
  if r < 2 then
    return wrk.format("GET", "/v1.0/" .. project .. "/streaming/jobs?status=" .. status .. "&limit=100")
  elseif r == 2 then
    return wrk.format("POST", "/v1.0/" .. project .. "/streaming/sql-jobs", headers,
      '{"name":"' .. (base + k) .. '","sql_body":"SELECT user_id, count(*) FROM clicks GROUP BY user_id","queue_name":"queue-1"}')
  elseif r == 3 and deleted < d then
    deleted = deleted + 1
    return wrk.format("DELETE", "/v1.0/" .. project .. "/streaming/jobs/" .. deleted)
  end
  return get()
end
