/**
 * The fleet's retry budget for one key, run atomically inside Redis on Redis TIME: ten slices of
 * `windowMs / 10` per hash (`q<n>`: first attempts, `r<n>`: retries), the same rule as
 * `createRetryBudget` (ratio · requests + minPerSecond · window − retries, in millionths). A
 * call deposits what this process counted since its last call, gives back the retries it had
 * leased and not used, and leases up to `want` more. KEYS: the budget's hash (hash-tagged).
 * ARGV: deposits, want, give back, deposit (millionths per request), reserve (millionths),
 * windowMs, ttl. Reply (strings): granted, balance in millionths after the call.
 */
export const BUDGET_SCRIPT = `
local h = KEYS[1]
local deposits, want, back = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local deposit, reserve, W, ttl = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local tm = redis.call('TIME')
local now = tonumber(tm[1]) * 1000 + math.floor(tonumber(tm[2]) / 1000)
local slice = math.floor(now / (W / 10))
local cur = tonumber(redis.call('HGET', h, 's')) or slice
if slice - cur >= 10 then
  redis.call('DEL', h)
elseif slice > cur then
  for k = cur + 1, slice do redis.call('HDEL', h, 'q' .. (k % 10), 'r' .. (k % 10)) end
end
if slice < cur then slice = cur end -- a clock that went back stays in the current slice
local i = slice % 10
redis.call('HSET', h, 's', slice)
if deposits > 0 then redis.call('HINCRBY', h, 'q' .. i, deposits) end
if back > 0 then
  local r = tonumber(redis.call('HGET', h, 'r' .. i)) or 0
  redis.call('HSET', h, 'r' .. i, math.max(0, r - back))
end
local q, r = 0, 0
for k = 0, 9 do
  q = q + (tonumber(redis.call('HGET', h, 'q' .. k)) or 0)
  r = r + (tonumber(redis.call('HGET', h, 'r' .. k)) or 0)
end
local balance = q * deposit + reserve - r * 1000000
local granted = math.max(0, math.min(want, math.floor(balance / 1000000)))
if granted > 0 then redis.call('HINCRBY', h, 'r' .. i, granted); balance = balance - granted * 1000000 end
redis.call('PEXPIRE', h, ttl)
return { tostring(granted), tostring(balance) }
`;
