-- DELETE a different live job per request: ids off+1, off+2, ... of the delete pool (run with -t1).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local project, off, k = nil, 0, 0
function init(args) project, off = args[1], tonumber(args[2]) end
function request()
  k = k + 1
  return wrk.format("DELETE", "/v1.0/" .. project .. "/streaming/jobs/" .. (off + k))
end
