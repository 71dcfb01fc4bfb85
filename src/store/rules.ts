import type { RedisClient as Redis } from './redis.js';
import { ruleSchema, type Rule } from '../domain/rules/rule.js';
import { logRuleStep, type RuleTransition } from '../domain/rules/transitions.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';

/**
 * The 建章立制 register in Redis (DESIGN §2.9), like the ledger's store: one hash per rule under the `{rl}`
 * tag (`data` without its 序号, `seq` from an INCR, `rev` for compare-and-set). Every change is a pure
 * transition (src/domain/rules/transitions.ts) applied to the rule as read, written with its audit entry in
 * one script only if nobody changed the rule meanwhile (else read again and retry). No TTL: a campaign record.
 */

// KEYS: seq, rule, all, audit. ARGV: id, data, then the audit entry's fields. Returns the 序号.
const CREATE = `
local seq = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], 'data', ARGV[2], 'rev', '1', 'seq', tostring(seq))
redis.call('ZADD', KEYS[3], seq, ARGV[1])
redis.call('XADD', KEYS[4], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 3))
return seq`;

// KEYS: rule, audit. ARGV: expected rev, data, then the audit entry's fields (empty: no entry). 1 when written.
const CAS = `
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'data', ARGV[2], 'rev', tostring(tonumber(ARGV[1]) + 1))
if #ARGV > 2 then redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 3)) end
return 1`;

export type RuleUpdateResult = RuleTransition | { ok: false; reason: 'notFound' | 'conflict' };

const ATTEMPTS = 25;

export function createRulesStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const serialize = (rule: Rule) => {
    const { seq: _seq, ...rest } = ruleSchema.parse(rule);
    return JSON.stringify(rest);
  };
  const parse = (h: Record<string, string>): { rule: Rule; rev: string } | undefined => {
    if (!h.data || !h.rev) return undefined;
    const r = ruleSchema.safeParse({ ...(JSON.parse(h.data) as object), seq: Number(h.seq) });
    return r.success ? { rule: r.data, rev: h.rev } : undefined;
  };
  const read = async (id: string) => parse(await redis.hgetall(keys.rule(id)));

  async function getMany(ids: readonly string[]): Promise<Rule[]> {
    if (!ids.length) return [];
    const p = redis.pipeline();
    for (const id of ids) p.hgetall(keys.rule(id));
    const res = (await p.exec()) ?? [];
    return res.map(([, h]) => parse(h as Record<string, string>)?.rule).filter((x): x is Rule => x !== undefined);
  }

  /** Applies `change` to the rule as stored and writes it with `entry` in one script; a refusal writes nothing. */
  async function update(id: string, change: (rule: Rule) => RuleTransition, entry: AuditEntry | null): Promise<RuleUpdateResult> {
    for (let i = 0; i < ATTEMPTS; i++) {
      const cur = await read(id);
      if (!cur) return { ok: false, reason: 'notFound' };
      const r = change(cur.rule);
      if (!r.ok) return r;
      const written = await redis.eval(CAS, 2, keys.rule(id), keys.audit(), cur.rev, serialize(r.rule),
        ...(entry ? audit.fields(entry) : []));
      if (written === 1) return r;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (i + 1)));
    }
    return { ok: false, reason: 'conflict' };
  }

  return {
    /** Stores a new rule (its 序号 from the counter) with its audit entry in one script; returns it with its 序号. */
    async create(rule: Rule, entry: AuditEntry): Promise<Rule> {
      const seq = await redis.eval(CREATE, 4, keys.ruleSeq(), keys.rule(rule.id), keys.rulesAll(), keys.audit(),
        rule.id, serialize(rule), ...audit.fields({ ...entry, detail: { id: rule.id, ...entry.detail } }));
      return { ...rule, seq: Number(seq) };
    },

    async get(id: string): Promise<Rule | undefined> {
      return (await read(id))?.rule;
    },

    /** Every rule, in 序号 order. */
    async list(): Promise<Rule[]> {
      return getMany(await redis.zrange(keys.rulesAll(), '0', '-1'));
    },

    update,

    /** Logs a ladder step once per (generation, step): 'logged', or 'duplicate' when a run of the same job did. */
    async logStep(id: string, gen: number, step: string, note: string, now: number): Promise<'logged' | 'duplicate' | 'notFound'> {
      let dup = false;
      const r = await update(id, (rule) => {
        const changed = logRuleStep(rule, gen, step, note, now);
        if (!changed) {
          dup = true;
          return { ok: false, reason: 'wrongState' };
        }
        return { ok: true, rule: changed };
      }, { at: now, actor: 'system', action: 'rules.step', detail: { id, gen, step } });
      if (dup) return 'duplicate';
      return r.ok ? 'logged' : 'notFound';
    },

    /** The rule whose drafts go through material `materialId` (the register holds tens of rules: a scan). */
    async byMaterial(materialId: string): Promise<Rule | undefined> {
      return (await getMany(await redis.zrange(keys.rulesAll(), '0', '-1'))).find((r) => r.material === materialId);
    },
  };
}

export type RulesStore = ReturnType<typeof createRulesStore>;
