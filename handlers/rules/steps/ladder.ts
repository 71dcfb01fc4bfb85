import { ruleStepRecipients, type RuleStep } from '../../../src/domain/rules/ladder.js';
import { isFinal } from '../../../src/domain/rules/rule.js';
import { stepLogged } from '../../../src/domain/rules/transitions.js';
import { dayText } from '../../../src/messages/campaign.js';
import { msg, type Msg } from '../../../src/messages/index.js';
import type { HandlerCtx } from '../../context.js';
import { knownPeople } from '../../people.js';
import { ruleCardFor } from '../common.js';
import { ruleStepKey } from '../outbox-keys.js';

/**
 * One step of a rule's reminder ladder (run by jobs/rules/queue.ts). A step of an old generation, or of a rule
 * already 印发 / 废止, sends nothing. Messages are keyed per (rule, generation, step, recipient), so a job run
 * twice — a retry, a restart — sends each message once; the step is logged on the rule once per (generation, step).
 */

const B = msg.rules.banners;
const bannerOf = (step: RuleStep, due: string): Msg => B[step](dayText(due));

export async function runRuleStep(ruleId: string, gen: number, step: RuleStep, ctx: HandlerCtx): Promise<string> {
  const rule = await ctx.store.rules.get(ruleId);
  if (!rule) return 'gone';
  if (rule.gen !== gen || isFinal(rule.state)) return 'stale';
  if (stepLogged(rule, gen, step)) return 'duplicate';
  const people = await knownPeople(ctx);
  const recipients = ruleStepRecipients(step, rule.owner, await ctx.roles.admins(), ctx.campaign.topLeader);
  const messages = [];
  for (const r of recipients) {
    const card = await ruleCardFor(rule, r.openId, ctx, { banner: bannerOf(step, rule.due), people });
    messages.push({ key: ruleStepKey(rule.id, gen, step, r.openId), to: { openId: r.openId }, body: { type: 'card' as const, card } });
  }
  await ctx.outbox.sendMany(messages);
  await ctx.store.rules.logStep(rule.id, gen, step, recipients.map((r) => people.nameOf(r.openId)).join('、'), ctx.now());
  ctx.log.info({ rule: rule.id, gen, step, recipients: recipients.length }, 'rule reminder sent');
  return `sent ${step} to ${recipients.length}`;
}
