import type { RedisClient as Redis } from './redis.js';
import { ruleSchema, type Rule } from '../domain/rules/rule.js';
import { logRuleStep, type RuleTransition } from '../domain/rules/transitions.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';
import { createNumberedRecords, type Logged } from './revisioned.js';

/**
 * The 建章立制 register in Redis (DESIGN §2.9), kept like the ledger by the shared revisioned records
 * (./revisioned.ts): one hash per rule under the `{rl}` tag (`data` without its 序号, `seq` from an INCR, `rev` for
 * compare-and-set). Every change is a pure transition (src/domain/rules/transitions.ts) applied to the rule as read,
 * written with its audit entry in one script only if nobody changed the rule meanwhile (else read again and retry).
 * No TTL: a campaign record.
 */

export type RuleUpdateResult = RuleTransition | { ok: false; reason: 'notFound' | 'conflict' };

export function createRulesStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const rules = createNumberedRecords({
    redis, audit, schema: ruleSchema, field: 'rule',
    keyOf: keys.rule, allKey: keys.rulesAll(), counterKey: keys.ruleSeq(),
  });

  /** Applies `change` to the rule as stored and writes it with `entry` in one script; a refusal writes nothing. */
  const update = (id: string, change: (rule: Rule) => RuleTransition, entry: AuditEntry | null): Promise<RuleUpdateResult> =>
    rules.update(id, change, entry);

  return {
    /** Stores a new rule (its 序号 from the counter) with its audit entry in one script; returns it with its 序号. */
    create: rules.create,

    get: rules.get,

    /** Every rule, in 序号 order. */
    list: rules.list,

    update,

    /** Logs a ladder step once per (generation, step): 'logged', or 'duplicate' when a run of the same job did. */
    logStep: (id: string, gen: number, step: string, note: string, now: number): Promise<Logged> =>
      rules.logOnce(id, (rule) => logRuleStep(rule, gen, step, note, now),
        { at: now, actor: 'system', action: 'rules.step', detail: { id, gen, step } }),

    /** The rule whose drafts go through material `materialId` (the register holds tens of rules: a scan). */
    async byMaterial(materialId: string): Promise<Rule | undefined> {
      return (await rules.list()).find((r) => r.material === materialId);
    },
  };
}

export type RulesStore = ReturnType<typeof createRulesStore>;
