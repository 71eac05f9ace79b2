-- GET one live job chosen at random: args project, d (delete pool size), nget (live jobs after the pool).
-- Live id rule of bench/sql/load.sql: after the pool, blocks of 280 ids hold 266 live jobs first.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local project, d, nget
function init(args)
  project, d, nget = args[1], tonumber(args[2]), tonumber(args[3])
  math.randomseed(os.time())
end
function request()
  local j = math.random(0, nget - 1)
  local id = d + 1 + math.floor(j / 266) * 280 + j % 266
  return wrk.format("GET", "/v1.0/" .. project .. "/streaming/jobs/" .. id)
end
