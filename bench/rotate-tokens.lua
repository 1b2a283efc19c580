-- wrk script: each request carries the next of the tokens in $TOKENS_FILE (one per line) as its Bearer token, in
-- rotation; each wrk thread starts at its own offset, so that two threads do not send the same token together.
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
  -- wrk.thread's variables set in setup() are globals here; two threads start half the list apart
  index = math.floor((offset or 0) * #tokens / 2)
end

function request()
  index = index % #tokens + 1
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[index] })
end
