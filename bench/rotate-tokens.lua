-- wrk script: each request carries one of the tokens in $TOKENS_FILE (one per line) as its Bearer token: the next
-- one in rotation (each wrk thread starts at its own offset, so that two threads do not send the same token
-- together), or with TOKEN_ORDER=random one picked uniformly at random.
local counter = 0
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end

function init(args)
  tokens = {}
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    tokens[#tokens + 1] = line
  end
  random = os.getenv("TOKEN_ORDER") == "random"
  math.randomseed(os.time() + (offset or 0))
  -- wrk.thread's variables set in setup() are globals here; two threads start half the list apart
  index = math.floor((offset or 0) * #tokens / 2)
end

function request()
  if random then
    index = math.random(#tokens)
  else
    index = index % #tokens + 1
  end
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[index] })
end

-- With DELAY_MS, each connection waits that long before its next request (bench/paced.lua): a paced load
if os.getenv("DELAY_MS") then
  function delay()
    return tonumber(os.getenv("DELAY_MS"))
  end
end
