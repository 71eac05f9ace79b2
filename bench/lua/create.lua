-- POST …/sql-jobs: a realistic SQL job, each with a new name (base+1, base+2, ...; names are unique
-- among a project's live jobs). The body is bench/lua/create_body.json with "@NAME@" replaced.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local project, base, k, before, after = nil, 0, 0, nil, nil
local headers = { ["Content-Type"] = "application/json" }
function init(args)
  project, base = args[1], tonumber(args[2])
  local f = assert(io.open(os.getenv("BENCH_LUA_DIR") .. "/create_body.json"))
  local body = f:read("*a"):gsub("%s+$", "")
  f:close()
  local i = assert(body:find("@NAME@", 1, true))
  before, after = body:sub(1, i - 1), body:sub(i + 6)
end
function request()
  k = k + 1
  return wrk.format("POST", "/v1.0/" .. project .. "/streaming/sql-jobs", headers,
    before .. string.format("%d", base + k) .. after)
end
