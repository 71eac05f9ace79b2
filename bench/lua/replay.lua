-- Replays AK/SK-signed requests that bench/lib/bench.py signed just before the run (wrk's LuaJIT has
-- no HMAC): args file, host. One request per line, "METHOD<tab>PATH<tab>X-Sdk-Date<tab>Authorization",
-- sent in order; at the end of the file it starts over (get_aksk only: delete_aksk's file holds one
-- request per job of the delete pool). Run without BENCH_AUTH_TOKEN: a token beside the signature is
-- refused. The service accepts a signature again while its date is within ±15 minutes.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local file
local headers = {}
function init(args)
  file = assert(io.open(args[1]))
  headers["Host"] = args[2]
end
function request()
  local line = file:read("*l")
  if not line then
    file:seek("set")
    line = file:read("*l")
  end
  local method, path, date, authorization = line:match("^(%S+)\t([^\t]+)\t([^\t]+)\t(.+)$")
  headers["X-Sdk-Date"] = date
  headers["Authorization"] = authorization
  return wrk.format(method, path, headers)
end
