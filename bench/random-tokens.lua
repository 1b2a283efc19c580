-- wrk script: each request carries one of the tokens in $TOKENS_FILE (one per line), picked uniformly at random, as
-- its Bearer token (bench/rotate-tokens.lua goes through them in order instead).
local counter = 0
function setup(thread)
  thread:set("seed", counter)
  counter = counter + 1
end

function init(args)
  tokens = {}
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    tokens[#tokens + 1] = line
  end
  math.randomseed(os.time() + (seed or 0))
end

function request()
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] })
end
