import type { RedisClient as Redis } from './redis.js';
import {
  counterField, DEFAULT_GROUP, groupOf, partKeySchema, roundMetaSchema, roundSchema, talliesFromHash,
  type Choices, type Round, type RoundMeta, type Tallies,
} from '../domain/evaluations/round.js';
import { checkPaperTallies, paperBallots, type PaperEntry, type PaperProblem } from '../domain/evaluations/paper.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';
import { CAST, INDEX_ELIGIBLE, OPEN, PAPER, REPLACE_VOTERS, TRANSITION } from './evaluation-scripts.js';
import { createEvaluationLiveStore } from './evaluation-live.js';
import { createEvaluationChannelStore } from './evaluation-channels.js';

/**
 * Evaluation rounds in Redis (DESIGN §2.4, §3). Per round, under one `{ev:<id>}` hash tag:
 * - `round`: the round (JSON `meta`, plus `status`, `closesAt`, `cells`, `paper` for the ballot script);
 * - `voters`: open_id → rater group (the electorate, for reminders and turnout; identity is fine there: it is not the ballot);
 * - `eligible`: eligibility HMAC → rater group (a keyed purpose of its own, so eligibility is checked without an open_id
 *   and without the register's HMAC), written in HMAC order when the round opens;
 * - `register`: keyed HMACs of the voters who voted (participation only), kept sorted while small;
 * - `box`: counters only, `subject|dimension|grade|group` and `n|group`, all created at zero in sorted order at opening.
 * A ballot is one script whose arguments carry the HMAC, the group and the choices, never an open_id.
 * No TTL: rounds are campaign records, kept as baselines for later rounds and for the dashboard.
 */

type CastResult = 'ok' | 'closed' | 'duplicate' | 'invalid';
type TransitionResult = 'ok' | 'not-found' | 'wrong-status' | 'paper' | 'past-close';
/** The voter's HMAC under a keyed purpose, for one round (the handlers hold the secret, the store never does). */
type VoterHash = (openId: string) => string;
type PaperResult =
  | { ok: true; ballots: Record<string, number> }
  | { ok: false; reason: 'not-found' | 'not-paper' | 'closed' | 'mismatch' }
  | { ok: false; reason: 'invalid'; problems: PaperProblem[] };

const TIMESTAMPS = ['closesAt', 'openedAt', 'closedAt'] as const;

/** Every counter of a round's box, sorted: subject × dimension × grade × group, and the ballots of each group. */
export function boxFields(meta: Pick<RoundMeta, 'subjects' | 'dimensions' | 'scale' | 'groups'>): string[] {
  const out = meta.groups.map((g) => `n|${g.key}`);
  for (const s of meta.subjects) {
    for (const d of meta.dimensions) {
      for (const x of meta.scale) for (const g of meta.groups) out.push(counterField(s.key, d.key, x.key, g.key));
    }
  }
  return out.sort();
}

/** Eligibility HMAC/group pairs of an electorate (open_id → group), in HMAC order: positions match nothing in `voters`. */
function eligibilityPairs(voters: Record<string, string>, eligible: VoterHash): string[] {
  return Object.entries(voters).map(([u, g]) => [eligible(u), g]).sort((a, b) => (a[0] < b[0] ? -1 : 1)).flat();
}

export function createEvaluationStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const parseMeta = (h: Record<string, string>): RoundMeta | undefined => {
    if (!h.meta) return undefined;
    const times = Object.fromEntries(TIMESTAMPS.filter((t) => h[t] !== undefined).map((t) => [t, Number(h[t])]));
    const r = roundMetaSchema.safeParse({ ...(JSON.parse(h.meta) as object), status: h.status, ...times });
    return r.success ? r.data : undefined;
  };
  const getMeta = async (id: string) => parseMeta(await redis.hgetall(keys.evRound(id)));

  async function transition(id: string, from: string[], to: 'closed', now: number, entry: AuditEntry): Promise<boolean> {
    const m = redis.multi().eval(TRANSITION, 1, keys.evRound(id), `,${from.join(',')},`, to, 'closedAt', String(now));
    audit.addTo(m, entry);
    const res = (await m.exec()) ?? [];
    return res[0]?.[1] === 1;
  }

  return {
    /**
     * Stores a new round (its electorate and group map beside it), audited in the same MULTI, after indexing it: the
     * index is in another slot, and an id indexed without its round (a crash between the two) is skipped by `list`.
     */
    async create(round: Round, entry: AuditEntry): Promise<void> {
      const r = roundSchema.parse(round);
      const { electorate, voterGroups, status, closesAt, openedAt, closedAt, ...meta } = r;
      await redis.zadd(keys.evRounds(), r.createdAt, r.id);
      const m = redis.multi()
        .hset(keys.evRound(r.id), { meta: JSON.stringify(meta), status, closesAt: String(closesAt), paper: r.paper ? '1' : '0',
          cells: String(r.subjects.length * r.dimensions.length), ...(openedAt ? { openedAt: String(openedAt) } : {}),
          ...(closedAt ? { closedAt: String(closedAt) } : {}) });
      if (electorate.length) m.hset(keys.evVoters(r.id), Object.fromEntries(electorate.map((u) => [u, groupOf({ voterGroups }, u)])));
      audit.addTo(m, entry);
      await m.exec();
    },

    getMeta,

    /** The round with its electorate and group map. */
    async get(id: string): Promise<Round | undefined> {
      const [[, h], [, voters]] = (await redis.multi()
        .hgetall(keys.evRound(id))
        .hgetall(keys.evVoters(id))
        .exec()) as [[null, Record<string, string>], [null, Record<string, string>]];
      const meta = parseMeta(h);
      if (!meta) return undefined;
      const voterGroups = Object.fromEntries(Object.entries(voters).filter(([, g]) => g !== DEFAULT_GROUP));
      const r = roundSchema.safeParse({ ...meta, electorate: Object.keys(voters), voterGroups });
      return r.success ? r.data : undefined;
    },

    /** Rounds, newest first. */
    async list(limit = 50): Promise<RoundMeta[]> {
      const ids = await redis.zrevrange(keys.evRounds(), 0, limit - 1);
      if (!ids.length) return [];
      // One read per round, not a pipeline: each round has its own slot (on a cluster, perhaps another node).
      const res = await Promise.all(ids.map((id) => redis.hgetall(keys.evRound(id))));
      return res.map((h) => parseMeta(h)).filter((x): x is RoundMeta => x !== undefined);
    },

    /**
     * The rater group of an eligible voter, by their eligibility HMAC (never the open_id), or undefined when they are
     * not in the electorate. A round opened before the eligibility index existed is indexed once, from `voters`.
     */
    async eligibleGroup(id: string, eligibilityHmac: string, eligible: VoterHash): Promise<string | undefined> {
      const read = async () => (await redis.multi().hget(keys.evRound(id), 'eligible').hget(keys.evEligible(id), eligibilityHmac)
        .exec()) as [[null, string | null], [null, string | null]];
      const [[, indexed], [, group]] = await read();
      if (indexed === '1') return group ?? undefined;
      const pairs = eligibilityPairs(await redis.hgetall(keys.evVoters(id)), eligible);
      await redis.eval(INDEX_ELIGIBLE, 2, keys.evRound(id), keys.evEligible(id), ...pairs);
      const [, [, after]] = await read();
      return after ?? undefined;
    },

    /** The electorate: open_id → rater group (admins only: it is not the ballot). */
    async voters(id: string): Promise<Record<string, string>> {
      return redis.hgetall(keys.evVoters(id));
    },

    /** An admin's change to a draft round's electorate (a group left out, a person added or removed), audited when done. */
    async adjustVoters(id: string, voters: Record<string, string>, entry: AuditEntry): Promise<boolean> {
      const m = redis.multi().eval(REPLACE_VOTERS, 2, keys.evRound(id), keys.evVoters(id), ...Object.entries(voters).flat());
      const done = ((await m.exec()) ?? [])[0]?.[1] === 1;
      if (done) await audit.add(entry);
      return done;
    },

    live: createEvaluationLiveStore(redis, keys),

    /** Ballots from outside Lark (a link's page, paper tallies), one box per channel (evaluation-channels.ts). */
    channels: createEvaluationChannelStore(redis, keys, audit),

    /** Replaces the electorate of a draft round (a round posted into a chat re-reads its members when it opens). */
    async replaceVoters(id: string, voters: Record<string, string>): Promise<boolean> {
      const pairs = Object.entries(voters).flat();
      return (await redis.eval(REPLACE_VOTERS, 2, keys.evRound(id), keys.evVoters(id), ...pairs)) === 1;
    },

    /**
     * draft → open; refused for paper rounds and when the close time has passed. In the same script: every
     * counter of the box at zero in sorted order (so the box's field order tells nothing of the first ballot),
     * and the electorate's eligibility under `eligible` (HMAC → group, in HMAC order).
     */
    async open(id: string, now: number, entry: AuditEntry, eligible: VoterHash): Promise<TransitionResult> {
      const meta = await getMeta(id);
      if (!meta) return 'not-found';
      if (meta.paper) return 'paper';
      if (meta.status !== 'draft') return 'wrong-status';
      if (meta.closesAt <= now) return 'past-close';
      const box = boxFields(meta);
      const pairs = eligibilityPairs(await redis.hgetall(keys.evVoters(id)), eligible);
      const m = redis.multi().eval(OPEN, 3, keys.evRound(id), keys.evBox(id), keys.evEligible(id), String(now), String(box.length),
        ...box, ...pairs);
      audit.addTo(m, entry);
      // A lost race (two admins at once) is refused by the script; its audit entry still lands.
      return ((await m.exec()) ?? [])[0]?.[1] === 1 ? 'ok' : 'wrong-status';
    },

    /** open → closed (early or at the close time); a paper round closes from draft once its tallies are in. */
    async close(id: string, now: number, entry: AuditEntry): Promise<TransitionResult> {
      const meta = await getMeta(id);
      if (!meta) return 'not-found';
      const from = meta.paper ? ['draft', 'open'] : ['open'];
      if (!from.includes(meta.status)) return 'wrong-status';
      return (await transition(id, from, 'closed', now, entry)) ? 'ok' : 'wrong-status';
    },

    /**
     * One ballot, in one script: refuses when the round is not open or `now ≥ closesAt` ('closed'),
     * when the HMAC is already in the register ('duplicate'), or when the ballot does not fill every
     * cell ('invalid'); else adds the HMAC to the register and counts every choice. The caller passes
     * choices validated by parseBallot and the voter's keyed HMAC — never the open_id.
     */
    async castBallot(roundId: string, voterHmac: string, group: string, choices: Choices, now: number): Promise<CastResult> {
      const pairs = Object.entries(choices);
      const ok = (s: string) => partKeySchema.safeParse(s).success;
      if (!ok(group) || !/^[A-Za-z0-9_-]{16,64}$/.test(voterHmac)
        || pairs.some(([c, g]) => c.split('|').length !== 2 || !c.split('|').every(ok) || !ok(g))) return 'invalid';
      const r = await redis.eval(CAST, 3, keys.evRound(roundId), keys.evRegister(roundId), keys.evBox(roundId),
        voterHmac, group, String(now), ...pairs.flat());
      return r as CastResult;
    },

    /**
     * Which of the given HMACs are in the register (same order). Asked in HMAC order, so the command's order
     * cannot be lined up with the electorate's.
     */
    async hasVoted(roundId: string, hmacs: readonly string[]): Promise<boolean[]> {
      const sorted = [...new Set(hmacs)].sort();
      const voted = new Set<string>();
      for (let i = 0; i < sorted.length; i += 1000) {
        const chunk = sorted.slice(i, i + 1000);
        const r = (await redis.call('SMISMEMBER', keys.evRegister(roundId), ...chunk)) as number[];
        r.forEach((x, j) => { if (x === 1) voted.add(chunk[j]); });
      }
      return hmacs.map((h) => voted.has(h));
    },

    /** Ballots cast and the size of the electorate: numbers only, never who. */
    /** A satisfaction round's verdict at close ('met' | 'continue' | 'insufficient'), kept for the dashboard and the ledger. */
    async setVerdict(id: string, verdict: 'met' | 'continue' | 'insufficient'): Promise<void> {
      await redis.hset(keys.evRound(id), 'verdict', verdict);
    },

    async verdict(id: string): Promise<'met' | 'continue' | 'insufficient' | undefined> {
      const v = await redis.hget(keys.evRound(id), 'verdict');
      return v === 'met' || v === 'continue' || v === 'insufficient' ? v : undefined;
    },

    async turnout(roundId: string): Promise<{ voted: number; electorate: number }> {
      const [[, voted], [, electorate]] = (await redis.multi()
        .scard(keys.evRegister(roundId))
        .hlen(keys.evVoters(roundId))
        .exec()) as [[null, number], [null, number]];
      return { voted, electorate };
    },

    async tallies(roundId: string): Promise<Tallies> {
      return talliesFromHash(await redis.hgetall(keys.evBox(roundId)));
    },

    /**
     * Typed-in tallies of a paper round (a page at a time): validated, then written in one script
     * that checks each group's ballot count against earlier pages (`replace` clears the box first).
     */
    async enterPaperTallies(
      roundId: string, entries: PaperEntry[], entry: AuditEntry, opts: { replace?: boolean } = {},
    ): Promise<PaperResult> {
      const meta = await getMeta(roundId);
      if (!meta) return { ok: false, reason: 'not-found' };
      if (!meta.paper) return { ok: false, reason: 'not-paper' };
      if (meta.status === 'closed') return { ok: false, reason: 'closed' };
      const problems = checkPaperTallies(meta, entries);
      if (problems.length) return { ok: false, reason: 'invalid', problems };
      const ballots = paperBallots(entries);
      const fields = entries.flatMap((e) => meta.scale
        .map((g) => [counterField(e.subject, e.dimension, g.key, e.group), String(e.counts[g.key])]));
      const r = await redis.eval(PAPER, 2, keys.evRound(roundId), keys.evBox(roundId), opts.replace ? '1' : '0',
        String(Object.keys(ballots).length), ...Object.entries(ballots).flatMap(([g, n]) => [g, String(n)]), ...fields.flat());
      if (r !== 'ok') return { ok: false, reason: r as 'not-paper' | 'closed' | 'mismatch' };
      await audit.add(entry);
      return { ok: true, ballots };
    },
  };
}

export type EvaluationStore = ReturnType<typeof createEvaluationStore>;
