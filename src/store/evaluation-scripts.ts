/**
 * The evaluation store's Lua scripts (src/store/evaluations.ts). Small hashes and sets keep their
 * insertion order (listpack), so nothing here lets that order say who voted first or how:
 * the box's counters are all created at zero, in sorted order, when a round opens; a small
 * register is re-written in sorted order after each ballot.
 */

// Writes ARGV[from..#ARGV] into KEYS[k] with `cmd`, a slice at a time (Lua's unpack has a stack limit).
const CHUNKED = `
local function chunked(cmd, key, from)
  for i = from, #ARGV, 1000 do redis.call(cmd, key, unpack(ARGV, i, math.min(i + 999, #ARGV))) end
end`;

// KEYS: round, register, box. ARGV: hmac, group, now, then cell/grade pairs.
// Refuses a round that is not open or past its close time, a ballot of the wrong size or with a counter the
// round did not create at opening ('invalid'), a second ballot ('duplicate').
export const CAST = `
local r = redis.call('HMGET', KEYS[1], 'status', 'closesAt', 'cells', 'boxed')
local closes = tonumber(r[2])
if r[1] ~= 'open' or not closes or tonumber(ARGV[3]) >= closes then return 'closed' end
if (#ARGV - 3) / 2 ~= tonumber(r[3]) then return 'invalid' end
local fields = {}
for i = 4, #ARGV, 2 do fields[#fields + 1] = ARGV[i] .. '|' .. ARGV[i + 1] .. '|' .. ARGV[2] end
fields[#fields + 1] = 'n|' .. ARGV[2]
if r[4] == '1' then
  for _, f in ipairs(fields) do if redis.call('HEXISTS', KEYS[3], f) == 0 then return 'invalid' end end
end
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 'duplicate' end
local enc = redis.call('OBJECT', 'ENCODING', KEYS[2])
if enc == 'listpack' or enc == 'ziplist' then
  local m = redis.call('SMEMBERS', KEYS[2])
  table.sort(m)
  redis.call('DEL', KEYS[2])
  redis.call('SADD', KEYS[2], unpack(m))
end
for _, f in ipairs(fields) do redis.call('HINCRBY', KEYS[3], f, 1) end
return 'ok'`;

// KEYS: round. ARGV: allowed statuses (",a,b,"), new status, timestamp field, now. 1 when changed.
export const TRANSITION = `
local s = redis.call('HGET', KEYS[1], 'status')
if not s or not string.find(ARGV[1], ',' .. s .. ',', 1, true) then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[2], ARGV[3], ARGV[4])
return 1`;

// KEYS: round, box, eligible. ARGV: now, number of box fields, the box fields (sorted), then eligibility
// HMAC/group pairs (sorted by HMAC). draft → open; the box's counters and the eligibility written at once.
export const OPEN = `${CHUNKED}
if redis.call('HGET', KEYS[1], 'status') ~= 'draft' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'open', 'openedAt', ARGV[1], 'boxed', '1', 'eligible', '1')
local n = tonumber(ARGV[2])
redis.call('DEL', KEYS[2], KEYS[3])
for i = 3, 2 + n, 500 do
  local f = {}
  for j = i, math.min(i + 499, 2 + n) do f[#f + 1] = ARGV[j]; f[#f + 1] = '0' end
  redis.call('HSET', KEYS[2], unpack(f))
end
if #ARGV > 2 + n then chunked('HSET', KEYS[3], 3 + n) end
return 1`;

// KEYS: round, eligible. ARGV: HMAC/group pairs (sorted by HMAC). Indexes the eligibility of a round opened
// before it existed, once (the round's `eligible` marker).
export const INDEX_ELIGIBLE = `${CHUNKED}
if redis.call('HSETNX', KEYS[1], 'eligible', '1') == 0 then return 0 end
redis.call('DEL', KEYS[2])
if #ARGV > 0 then chunked('HSET', KEYS[2], 1) end
return 1`;

// KEYS: round, box. ARGV: replace (0/1), group count, group/ballots pairs, then field/value pairs.
// Refuses when the round is closed or not paper, or a group's ballot count differs from earlier pages.
export const PAPER = `
local r = redis.call('HMGET', KEYS[1], 'status', 'paper')
if r[2] ~= '1' then return 'not-paper' end
if r[1] == 'closed' then return 'closed' end
local g = tonumber(ARGV[2])
if ARGV[1] == '1' then redis.call('DEL', KEYS[2])
else
  for i = 3, 2 + 2 * g, 2 do
    local n = redis.call('HGET', KEYS[2], 'n|' .. ARGV[i])
    if n and n ~= ARGV[i + 1] then return 'mismatch' end
  end
end
for i = 3, 2 + 2 * g, 2 do redis.call('HSET', KEYS[2], 'n|' .. ARGV[i], ARGV[i + 1]) end
for i = 3 + 2 * g, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
return 'ok'`;

// KEYS: round, voters. ARGV: open_id/group pairs. Replaces the electorate of a draft round only (1 when done).
export const REPLACE_VOTERS = `
if redis.call('HGET', KEYS[1], 'status') ~= 'draft' then return 0 end
redis.call('DEL', KEYS[2])
if #ARGV > 0 then redis.call('HSET', KEYS[2], unpack(ARGV)) end
return 1`;
