import { nextWeekly, stepRecipients, type LadderStep } from '../../../src/domain/ledger/ladder.js';
import { stepLogged } from '../../../src/domain/ledger/resend.js';
import { msg, type Msg } from '../../../src/messages/index.js';
import type { HandlerCtx } from '../../context.js';
import { calendarOf, itemCardFor } from '../common.js';
import { stepKey } from '../outbox-keys.js';
import { knownPeople } from '../../people.js';
import { recordOwnerCards, scheduleKeepAlive } from './resend.js';

/**
 * One step of an item's deadline ladder (run by the ledger job, jobs/ledger.ts). A step of an old
 * generation, or of an item no longer 整改中, sends nothing. Messages are keyed per (item,
 * generation, step, recipient), so a job run twice — a retry, a restart, a re-deploy — sends each
 * message once; the step is logged on the item once per (generation, step).
 */

const B = msg.ledger.banners;
const bannerOf = (step: LadderStep): Msg =>
  step === 'd7' ? B.d7 : step === 'd3' ? B.d3 : step === 'd1' ? B.d1 : step === 'due' ? B.due : step === 'late3' ? B.late3 : B.weekly;


export async function runLadderStep(itemId: string, gen: number, step: LadderStep, ctx: HandlerCtx): Promise<string> {
  const item = await ctx.store.ledger.get(itemId);
  if (!item) return 'gone';
  if (item.gen !== gen || item.status !== 'active' || item.needsDeadline || !item.deadline) return 'stale';
  if (stepLogged(item, gen, step)) {
    // Sent and logged before (a re-run, or a ladder resumed at start): only make sure the next weekly step exists.
    const next = nextWeekly(step, item.deadline, calendarOf(ctx));
    if (next) await ctx.ledgerJobs.schedule(item.id, gen, [next]);
    return 'duplicate';
  }
  const people = await knownPeople(ctx);
  const recipients = stepRecipients(step, item, ctx.campaign.topLeader);
  const messages = [];
  for (const r of recipients) {
    const card = await itemCardFor(item, r.openId, ctx, { banner: bannerOf(step), people });
    // At T, Lark "urgent" (app push) on the bot's own message, for the person it was sent to.
    messages.push({
      key: stepKey(item.id, gen, step, r.openId), to: { openId: r.openId }, body: { type: 'card' as const, card },
      ...(step === 'due' ? { urgentTo: [r.openId] } : {}),
    });
  }
  await ctx.outbox.sendMany(messages);
  // The owners' latest card (re-sent before Lark's 14 days, handlers/ledger-resend.ts); a second run of the step records nothing.
  const owners = recipients.filter((r) => r.role === 'owner');
  const fresh = !stepLogged(item, gen, step);
  if (fresh && owners.length) {
    await recordOwnerCards(item.id, owners.map((r) => ({ openId: r.openId, key: stepKey(item.id, gen, step, r.openId) })), ctx);
  }
  await ctx.store.ledger.logStep(item.id, gen, step, recipients.map((r) => people.nameOf(r.openId)).join('、'), ctx.now());
  const next = nextWeekly(step, item.deadline, calendarOf(ctx));
  if (next) await ctx.ledgerJobs.schedule(item.id, gen, [next]);
  if (fresh && owners.length) await scheduleKeepAlive(item.id, ctx);
  // Flags change around these steps (即将到期, 逾期).
  if (step === 'd3' || step === 'due') await ctx.board.refresh();
  ctx.log.info({ item: item.id, gen, step, recipients: recipients.length }, 'ledger ladder step sent');
  return `sent ${step} to ${recipients.length}`;
}
