-- The same GET every time (list pages, the no-database route): args path.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local path
function init(args) path = args[1] end
function request() return wrk.format("GET", path) end
