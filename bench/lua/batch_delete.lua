-- POST …/jobs/delete with 10 ids per request, each id used once: off+1..off+10, off+11..off+20, ...
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local project, off, k = nil, 0, 0
local headers = { ["Content-Type"] = "application/json" }
function init(args) project, off = args[1], tonumber(args[2]) end
function request()
  local ids = {}
  for j = 1, 10 do ids[j] = tostring(off + 10 * k + j) end
  k = k + 1
  return wrk.format("POST", "/v1.0/" .. project .. "/streaming/jobs/delete", headers,
    '{"job_ids":[' .. table.concat(ids, ",") .. ']}')
end
