import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { ruleIdSchema, isFinal } from '../../src/domain/rules/rule.js';
import { isRuleStep, planRuleLadder, RULE_STEPS, type RuleStep } from '../../src/domain/rules/ladder.js';
import { stepLogged } from '../../src/domain/rules/transitions.js';
import { createCalendar } from '../../src/domain/calendar.js';
import type { HandlerCtx } from '../../handlers/context.js';
import type { RuleJobs } from '../../handlers/rules/jobs.js';
import { runRuleStep } from '../../handlers/rules/steps/ladder.js';
import { reconcileRuleMaterials } from '../../handlers/rules/steps/material-sync.js';

/**
 * The reminder ladder of rules (建章立制) as delayed BullMQ jobs: one job per (rule, ladder generation, step),
 * `rl-<rule>-<gen>-<step>`. A new generation (due day moved, rule issued or abolished) removes the old
 * generation's pending jobs; one that escaped removal finds the generation moved on and sends nothing.
 */
const ruleJobSchema = z.strictObject({
  kind: z.literal('step'), rule: ruleIdSchema, gen: z.number().int().min(0), step: z.string().refine(isRuleStep),
});

const jobId = (ruleId: string, gen: number, step: string) => `rl-${ruleId}-${gen}-${step}`;
const KEEP = { age: 30 * 86_400 };
const OPTS = { attempts: 10, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: KEEP, removeOnFail: KEEP };

export function createRuleJobs(queue: Queue, now: () => number): RuleJobs {
  return {
    async schedule(ruleId, gen, steps) {
      if (!steps.length) return;
      await queue.addBulk(steps.map((s) => ({
        name: 'step',
        data: ruleJobSchema.parse({ kind: 'step', rule: ruleId, gen, step: s.step }),
        opts: { jobId: jobId(ruleId, gen, s.step), delay: Math.max(0, s.at - now()), ...OPTS },
      })));
    },
    async cancel(ruleId, gen) {
      // remove() leaves a running job alone; the processor's generation check covers it.
      await Promise.all(RULE_STEPS.map((s) => queue.remove(jobId(ruleId, gen, s)).catch(() => 0)));
    },
  };
}

/**
 * At worker start: every running ladder gets its future steps (and its latest past one) again, so a change whose
 * jobs were lost between the rule's write and the scheduling still reminds; stable jobIds make this a no-op for
 * intact ladders, and steps already logged on the rule are left out. First, every rule catches up with its material
 * (起草 → 审议, the office told it can be 印发) where a stop cut that short.
 */
export async function resumeRuleLadders(ctx: HandlerCtx): Promise<number> {
  await reconcileRuleMaterials(ctx);
  const cal = createCalendar(ctx.campaign.campaign.calendar, ctx.campaign.campaign.timezone);
  let n = 0;
  for (const rule of await ctx.store.rules.list()) {
    if (isFinal(rule.state)) continue;
    const steps = planRuleLadder(rule.due, ctx.now(), cal).filter((s) => !stepLogged(rule, rule.gen, s.step));
    if (steps.length) await ctx.ruleJobs.schedule(rule.id, rule.gen, steps);
    n++;
  }
  return n;
}

export function createRulesProcessor(ctx: HandlerCtx) {
  return async function processRules(job: Job): Promise<string> {
    const parsed = ruleJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`rules job ${job.id}: invalid data`);
    return runRuleStep(parsed.data.rule, parsed.data.gen, parsed.data.step as RuleStep, ctx);
  };
}
