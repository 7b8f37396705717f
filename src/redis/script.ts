/**
 * The fleet's state machine for one key, run atomically inside Redis (one EVALSHA per call), on
 * Redis TIME only. A reduced port of the pacer's rules (docs/pacer.md): slow start, the β decrease
 * from the fleet's measured rate, CUBIC growth, stale news by send time, Retry-After pauses that
 * only lengthen, and a circuit breaker whose single probe is a lease. Sends are spaced fleet-wide
 * by GCRA (a token bucket as a "theoretical arrival time"): a grant reserves a slot, a refusal
 * reserves nothing and says how long to wait. KEYS: the key's hash, its live-process set, the
 * live processes' measured rates (one hash tag, so one Cluster slot). Every reply is strings (Redis truncates Lua numbers to integers).
 */
export const FLEET_SCRIPT = `
local h, live, rates = KEYS[1], KEYS[2], KEYS[3]
local tm = redis.call('TIME')
-- ARGV[21], never sent by the store: a simulated clock (test/redis/fleet-sim.ts runs the fleet in fake time)
local now = tonumber(ARGV[21]) or (tonumber(tm[1]) * 1000 + math.floor(tonumber(tm[2]) / 1000))
local op = ARGV[1]
local beta, K, W, dbl, burst = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local minR, maxR, thr, pd0, pdMax = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[11])
local lease, maxPause, ttl, pid = tonumber(ARGV[12]), tonumber(ARGV[13]), tonumber(ARGV[14]), ARGV[15]
local succ, seed, age, ra, lm = tonumber(ARGV[16]), tonumber(ARGV[17]), tonumber(ARGV[18]), tonumber(ARGV[19]), tonumber(ARGV[20])
local v = redis.call('HMGET', h, 'r','ph','wm','ep','d','ga','ce','tat','pu','c','f','pa','pd','pl','ws','wc','pc','cf','oa','q','lc','lp','sp','ek')
local r, ph, wm, ep, d = tonumber(v[1]) or 0, tonumber(v[2]) or 0, tonumber(v[3]) or 0, tonumber(v[4]) or 0, tonumber(v[5]) or 0
local ga, ce, tat, pu, c = tonumber(v[6]) or now, tonumber(v[7]) or 0, tonumber(v[8]) or 0, tonumber(v[9]) or 0, tonumber(v[10]) or 0
local f, pa, pd, pl = tonumber(v[11]) or 0, tonumber(v[12]) or 0, tonumber(v[13]) or pd0, tonumber(v[14]) or 0
local ws, wc, pc, cf, oa = tonumber(v[15]) or now, tonumber(v[16]) or 0, tonumber(v[17]) or 0, tonumber(v[18]) or 0, tonumber(v[19]) or 0
local q, lc, lp, sp, ek = tonumber(v[20]) or 0, tonumber(v[21]) or 0, tonumber(v[22]) or 0, tonumber(v[23]) or 0, tonumber(v[24]) or 0
local r0 = r
-- once a vendor that pauses every refusal (Retry-After) has been probed past: the plateau 5 %
-- under the refusal's estimate, and the curve above it three times slower (docs/fleet.md)
local PROBE, MARGIN = 3, 0.95
-- out of slow start without a pause: 0.65 of the rate the refusal came back at (it ran on past the
-- limit while the vendor's burst drained; the summed measured rates lag it: docs/fleet.md)
local EXIT = 0.65
local function clamp(x, lo, hi) if x ~= x or x < lo then return lo end if x > hi then return hi end return x end
-- a paced process asking a fleet that forgot its rate (Redis restarted, key expired) seeds it
if op == 'reserve' and ph == 0 and seed > 0 then ph = 2; r = clamp(seed, minR, maxR); wm = r; ep = now - K; d = now end
-- the success window (rule 2): two buckets of W, the older weighted by what is left of it
local el = now - ws
-- (successes and limits alike: what share of the fleet's sends the vendor accepts)
if el >= 2 * W then ws = now - (el % W); pc = 0; wc = 0; lp = 0; lc = 0 elseif el >= W then ws = ws + W; pc = wc; wc = 0; lp = lc; lc = 0 end
if succ > 0 and now >= cf then wc = wc + succ end
-- the fleet's measured rate: the sum of what each live process measures itself (every success
-- it had, also those sent before it knew of a limit), each as of its last call
redis.call('ZADD', live, now, pid)
redis.call('ZREMRANGEBYSCORE', live, '-inf', now - 5000)
-- a pause empties a process's own count: while the fleet is paused in slow start, what it had
-- measured before stays its rate (else the slow start after the first Retry-After began at 22/s)
if not (ph == 1 and now < pu and lm < (tonumber(redis.call('HGET', rates, pid)) or 0)) then
  redis.call('HSET', rates, pid, tostring(lm))
end
local members = redis.call('ZRANGE', live, 0, -1)
local msum = 0
if #members > 0 then
  local got = redis.call('HMGET', rates, unpack(members))
  for i = 1, #got do msum = msum + (tonumber(got[i]) or 0) end
end
if #members > 64 then redis.call('DEL', rates) end -- bounded: rebuilt from the live ones
local function measured() return msum end
-- what the vendor accepts of the fleet's sends at rate r: r times the accepted share over the
-- window (the sum of measured rates lags a rising rate by half a window: 172/s read for 200/s)
local function accepted()
  local keep = 1 - clamp((now - ws) / W, 0, 1)
  local s, l = pc * keep + wc, lp * keep + lc
  -- a share needs a few refusals to mean anything (one refusal reads as ~100 %: a decrease from r
  -- itself, and 1 call in 180 ran out of attempts in test/redis's 3 processes at 100/s)
  if l < 3 then return 0 end
  return r * s / (s + l)
end
-- slow start never runs below what the fleet gets through (rule 3: a lower bound of the limit;
-- the first limit's report knows only its own process's rate, the others' arrive after it)
if ph == 1 and c == 0 and msum > r then r = clamp(msum, minR, maxR) end
local recovering = false -- the pause that ends slow start drained its overshoot: the curve runs (rule 6)
local function pause(ms)
  if ms <= 0 then return end
  local u = now + math.min(ms, maxPause)
  if u <= pu then return end -- never shortened by another process
  if ph == 0 then ph = 1; r = clamp(math.max(measured(), 1), minR, maxR); ce = 0; ga = now end
  if ph == 2 and not recovering then ep = ep + u - math.max(now, pu) end -- the curve waits out the pause
  pu = u; cf = u; ws = u; wc = 0; pc = 0; lc = 0; lp = 0; tat = math.max(tat, u)
end
if succ > 0 then
  f = 0
  if c ~= 0 then -- any answer closes the circuit; a paced key slow-starts back (rule 8)
    c = 0; pl = 0; pd = pd0
    if ph ~= 0 then ce = r; r = clamp(math.max(1, r / 16), minR, maxR); ph = 1; ga = now; sp = 0 end
  elseif ph ~= 0 and now >= pu then -- growth (rules 3, 6), never above twice what the fleet gets through
    local m = measured()
    local nr = r
    if ph == 1 then
      nr = math.max(r * 2 ^ (clamp(now - math.max(ga, cf), 0, dbl) / dbl), m); ga = now
      if ce > 0 and nr >= ce then nr = math.max(r, ce); ph = 2; wm = nr; ep = now - K; ce = 0 end
    else
      local x = (now - ep) / 1000 - K / 1000
      if x > 0 and sp == 1 then x = x / PROBE end
      local k3 = (K / 1000) ^ 3
      nr = math.max(r, math.min(wm * (1 + (1 - beta) * x * x * x / k3), 2 * m))
    end
    if nr >= maxR then ph = 0; r = 0; ce = 0 else r = clamp(nr, minR, maxR) end
  end
end
local grant, wait, probe = 0, 0, 0
if op == 'reserve' then
  if c == 1 and now >= pa and pl <= now then c = 2 end
  if c == 2 then
    if pl <= now then pl = now + lease; grant = 1; probe = 1 else wait = pl - now end
  elseif c == 1 then wait = math.max(pa - now, 1)
  elseif pu > now then wait = pu - now
  elseif ph == 0 then grant = 1
  else -- GCRA: a send every 1000/r ms, a burst of burst ms worth (one send at least); a slot
    -- up to 50 ms ahead is reserved and its time given, so nobody polls for it (the processes ask
    -- for their share of those slots: SLOT_AHEAD_MS in src/pacer/fleet-link.ts)
    local iv = 1000 / r
    local tol = (math.max(1, r * burst / 1000) - 1) * iv
    if tat < now then tat = now end
    local at = math.max(tat - tol, now)
    if at - now <= 50 then tat = tat + iv; grant = 1; wait = math.ceil(at - now) else wait = at - now - 25 end
  end
elseif op == 't' then -- a rate limit: a decrease unless sent before the last one (rules 4, 5)
  local sent = now - age
  -- old traffic (sent before the last decrease) reached the vendor until now, one window at most
  if d > 0 and sent <= d then q = math.max(q, math.min(now, d + W)) end
  -- one decrease per window at most: slots granted before it still reach a vendor that refuses
  local stale = d > 0 and ph ~= 0 and (sent < math.max(d, q) + 1000 / math.max(r, minR) or now - d < W)
  if not stale then
    local m = measured()
    -- the first limit: slow start from what got through (the fleet's count starts only now, so
    -- the reporting process's own measured rate is the better lower bound)
    if ph == 0 then ph = 1; r = clamp(math.max(m, lm, 1), minR, maxR); ce = 0; ga = now; wm = 0; sp = 0
      cf = now; ws = now; wc = 0; pc = 0; lc = 0; lp = 0 -- the fleet counts from here (it counted nothing before)
    else
      -- the decrease's base (rule 4), with the fleet's better estimates. In CUBIC: the accepted
      -- share of the sends at rate r (the summed measured rates lag a rising rate: 172/s read for
      -- 200/s, and CUBIC sat 14 % under the limit for 3 s). Out of slow start r may be twice the
      -- limit and nothing is refused yet (r itself there: refusals for another window, 1 call in
      -- 180 out of attempts), so the measured rate, at least EXIT · r
      local est = ph == 1 and math.max(m, r * EXIT) or math.max(m, accepted())
      local was = wm
      if ra > 0 and ph == 1 then
        -- with a pause: half the rate the refused send left at (slow start ran on to 397/s before
        -- the refusal came back), and the pause is recovery time
        est = math.max(m, r * 2 ^ (-clamp(now - sent, 0, dbl) / dbl) / 2); recovering = true
      elseif ra > 0 then
        -- with a pause, in CUBIC: the refused send's rate is above the limit by what drained the
        -- vendor's burst, and the measured rate lags after a pause; a window before that send
        -- the curve ran at about the limit (refused at 226/s, 196/s a window before, for 200/s)
        local x = (math.max(sent - W, ep) - ep) / 1000 - K / 1000
        est = was * (1 + (1 - beta) * x * x * x / ((K / 1000) ^ 3))
      end
      local base = clamp(math.min(r, est), minR, maxR)
      local early = ra > 0 and ph == 2 and sent < cf + W and ek == 0
      ek = early and 1 or 0
      if early then
        -- refused within a window of the last pause's end, below the plateau the vendor's full
        -- bucket should take: a burst of sends (a stalled process's slots, at load 5-7), not the
        -- rate. The curve starts again, its plateau kept (lowering it made 2.2x the ideal); twice
        -- in a row, it is the rate
        if was > 0 then base = math.max(base, was) end
      elseif ra > 0 and was > 0 and base < was then
        -- with a pause, below the last plateau: the next one lower still (RFC 8312 §4.6, as rule 7)
        wm = clamp(base * (1 + beta) / 2, minR, maxR); sp = 0
      elseif ra > 0 and ph == 2 then wm = clamp(base * MARGIN, minR, maxR); sp = 1
      else wm = base; sp = 0 end
      r = clamp(beta * base, minR, maxR); ph = 2; ce = 0
    end
    d = now; ep = now; q = now; tat = now
  end
  -- a limit counts against the current rate only if it was sent at it (not the old traffic)
  if now >= cf and sent >= d then lc = lc + 1 end
  if c ~= 0 then c = 0; pl = 0; pd = pd0 end
  f = 0
  pause(ra)
elseif op == 'f' then -- an outage answer
  pause(ra)
  f = math.min(f + 1, 1000000)
  local sent = now - age
  if c == 2 and sent >= oa then pd = math.min(pd * 1.5, pdMax); c = 1; oa = now; pa = math.max(now + pd, pu); pl = 0
  elseif c == 0 and f >= thr then c = 1; oa = now; pd = pd0; pa = math.max(now + pd0, pu); pl = 0 end
elseif op == 'p' then pause(ra)
elseif op == 'c' then if c == 2 then pl = 0 end
end
-- a new rate rescales the slots already promised: ahead of now they were spaced at the old
-- rate (at 1/s after a first limit, a second's worth each, which held the fleet for 750 ms
-- after its rate had grown to 136/s); a pause's end stays where it is
local from = math.max(now, pu)
if ph ~= 0 and r0 > 0 and r ~= r0 and tat > from then tat = from + (tat - from) * r0 / r end
redis.call('HSET', h, 'r', tostring(r), 'ph', ph, 'wm', tostring(wm), 'ep', ep, 'd', d, 'ga', ga, 'ce', tostring(ce),
  'tat', tostring(tat), 'pu', pu, 'c', c, 'f', f, 'pa', pa, 'pd', tostring(pd), 'pl', pl, 'ws', ws, 'wc', wc, 'pc', pc, 'cf', cf, 'oa', oa, 'q', q, 'lc', lc, 'lp', lp, 'sp', sp, 'ek', ek)
redis.call('PEXPIRE', h, ttl)
redis.call('PEXPIRE', live, ttl)
redis.call('PEXPIRE', rates, ttl)
local n = redis.call('ZCOUNT', live, now - 5000, '+inf')
return { tostring(grant), tostring(wait), tostring(r), tostring(ph), tostring(math.max(pu - now, 0)), tostring(c),
  tostring(math.max(pa - now, 0)), tostring(n), tostring(measured()), tostring(probe) }
`;
