import type { RedisClient as Redis } from './redis.js';
import { counterField, partKeySchema, talliesFromHash, type Choices, type RoundMeta, type Tallies } from '../domain/evaluations/round.js';
import { checkPaperTallies, paperBallots, type PaperEntry, type PaperProblem } from '../domain/evaluations/paper.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';

/**
 * A round's other channels (issue #17): ballots that do not come through Lark — the outreach page of a link
 * (`link-<id>`), and third-party paper tallies (`paper`, enterPaper) — counted in a box of their own per channel, with the
 * same counters as the in-Lark box (`lark`), so each channel's results can be shown with k applied on their own.
 * A web ballot carries no identity at all: there is no register (the link's cap, its form's one-time nonce and the
 * address limits bound it), only counters.
 */

export const LARK_CHANNEL = 'lark';
export const PAPER_CHANNEL = 'paper';
const CHANNEL = /^(?:paper|link-[A-Za-z0-9_-]{12})$/;

type ChannelCastResult = 'ok' | 'closed' | 'invalid';
type ChannelPaperResult =
  | { ok: true; ballots: Record<string, number> }
  | { ok: false; reason: 'not-found' | 'paper' | 'closed' | 'mismatch' }
  | { ok: false; reason: 'invalid'; problems: PaperProblem[] };

// KEYS: round, channel box, channels, the in-Lark box. ARGV: channel, group, now, then cell/grade pairs.
// Refuses a round not open or past its close time, a ballot of the wrong size or with a counter the round did not
// create at opening. A channel's box is created with every counter at zero in sorted order, like the round's own.
const CAST_CHANNEL = `
local r = redis.call('HMGET', KEYS[1], 'status', 'closesAt', 'cells', 'boxed')
local closes = tonumber(r[2])
if r[1] ~= 'open' or not closes or tonumber(ARGV[3]) >= closes then return 'closed' end
if r[4] ~= '1' then return 'invalid' end
if (#ARGV - 3) / 2 ~= tonumber(r[3]) then return 'invalid' end
local fields = {}
for i = 4, #ARGV, 2 do fields[#fields + 1] = ARGV[i] .. '|' .. ARGV[i + 1] .. '|' .. ARGV[2] end
fields[#fields + 1] = 'n|' .. ARGV[2]
for _, f in ipairs(fields) do if redis.call('HEXISTS', KEYS[4], f) == 0 then return 'invalid' end end
if redis.call('EXISTS', KEYS[2]) == 0 then
  local all = redis.call('HKEYS', KEYS[4])
  table.sort(all)
  for i = 1, #all, 500 do
    local f = {}
    for j = i, math.min(i + 499, #all) do f[#f + 1] = all[j]; f[#f + 1] = '0' end
    redis.call('HSET', KEYS[2], unpack(f))
  end
  redis.call('SADD', KEYS[3], ARGV[1])
end
for _, f in ipairs(fields) do redis.call('HINCRBY', KEYS[2], f, 1) end
return 'ok'`;

// KEYS: round, the paper channel's box, channels. ARGV: group count, group/ballots pairs, then field/value pairs.
// Third-party paper tallies of an electronic round (a paper round keeps its tallies in its own box): refused when the
// round is missing, a paper round or closed, or a group's ballot count differs from earlier pages (like PAPER).
const PAPER_INTO_CHANNEL = `
local r = redis.call('HMGET', KEYS[1], 'status', 'paper')
if not r[1] then return 'not-found' end
if r[2] == '1' then return 'paper' end
if r[1] == 'closed' then return 'closed' end
local g = tonumber(ARGV[1])
for i = 2, 1 + 2 * g, 2 do
  local n = redis.call('HGET', KEYS[2], 'n|' .. ARGV[i])
  if n and n ~= ARGV[i + 1] then return 'mismatch' end
end
for i = 2, 1 + 2 * g, 2 do redis.call('HSET', KEYS[2], 'n|' .. ARGV[i], ARGV[i + 1]) end
for i = 2 + 2 * g, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
redis.call('SADD', KEYS[3], 'paper')
return 'ok'`;

type PaperRound = Pick<RoundMeta, 'id' | 'subjects' | 'dimensions' | 'scale' | 'groups'>;

export function createEvaluationChannelStore(redis: Redis, keys: Keys, audit: AuditStore) {
  return {
    /**
     * One ballot from a channel outside Lark (a link's page), counted in that channel's box in one script. The caller
     * passes choices validated against the round (parseBallot's shape: `subject|dimension` → grade) and the link's group.
     */
    async cast(roundId: string, channel: string, group: string, choices: Choices, now: number): Promise<ChannelCastResult> {
      const pairs = Object.entries(choices);
      const ok = (s: string) => partKeySchema.safeParse(s).success;
      if (!CHANNEL.test(channel) || !ok(group)
        || pairs.some(([c, g]) => c.split('|').length !== 2 || !c.split('|').every(ok) || !ok(g))) return 'invalid';
      return (await redis.eval(CAST_CHANNEL, 4, keys.evRound(roundId), keys.evChannelBox(roundId, channel), keys.evChannels(roundId),
        keys.evBox(roundId), channel, group, String(now), ...pairs.flat())) as ChannelCastResult;
    },

    /**
     * A page of third-party paper tallies for an electronic round (by rater group, checked like a paper round's:
     * checkPaperTallies, then each group's ballot count against earlier pages in the script); audited when stored.
     */
    async enterPaper(round: PaperRound, entries: PaperEntry[], entry: AuditEntry): Promise<ChannelPaperResult> {
      const problems = checkPaperTallies(round, entries);
      if (problems.length) return { ok: false, reason: 'invalid', problems };
      const ballots = paperBallots(entries);
      const fields = entries.flatMap((e) => round.scale
        .map((g) => [counterField(e.subject, e.dimension, g.key, e.group), String(e.counts[g.key])]));
      const r = await redis.eval(PAPER_INTO_CHANNEL, 3, keys.evRound(round.id), keys.evChannelBox(round.id, PAPER_CHANNEL),
        keys.evChannels(round.id), String(Object.keys(ballots).length), ...Object.entries(ballots).flatMap(([g, n]) => [g, String(n)]),
        ...fields.flat());
      if (r !== 'ok') return { ok: false, reason: r as 'not-found' | 'paper' | 'closed' | 'mismatch' };
      await audit.add(entry);
      return { ok: true, ballots };
    },

    /** Every channel's tallies, the in-Lark box first (`lark`), then the others in name order. */
    async tallies(roundId: string): Promise<{ channel: string; tallies: Tallies }[]> {
      const channels = (await redis.smembers(keys.evChannels(roundId))).filter((c) => CHANNEL.test(c)).sort();
      const m = redis.multi().hgetall(keys.evBox(roundId));
      for (const c of channels) m.hgetall(keys.evChannelBox(roundId, c));
      const res = ((await m.exec()) ?? []).map(([, h]) => talliesFromHash(h as Record<string, string>));
      return [{ channel: LARK_CHANNEL, tallies: res[0] }, ...channels.map((channel, i) => ({ channel, tallies: res[i + 1] }))];
    },
  };
}

export type EvaluationChannelStore = ReturnType<typeof createEvaluationChannelStore>;
