-- wrk script: POST one article to /v1/extract.
-- Usage: wrk -t2 -c16 -d20s -s benches/http/extract.lua http://127.0.0.1:8080 -- ARTICLE [published]
local article, published

function init(args)
  local f = assert(io.open(args[1] or "examples/mekong-dam-talks.txt", "rb"))
  article = f:read("*a")
  f:close()
  published = args[2] or "2025-06-12"
end

function request()
  return wrk.format("POST", "/v1/extract?published=" .. published,
    { ["Content-Type"] = "text/plain" }, article)
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
