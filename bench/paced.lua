-- wrk script: each connection waits $DELAY_MS milliseconds before each of its requests, so that the request rate is
-- about connections / (DELAY_MS + latency) whatever the request costs: two kinds of request can then be compared at
-- about the same rate. The request itself is wrk's (its URL and -H headers). bench/rotate-tokens.lua does the same
-- with DELAY_MS set.
function delay()
  return tonumber(os.getenv("DELAY_MS") or "1")
end
