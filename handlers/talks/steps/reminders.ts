import { talkReminderKey as stepKey, talkStepLive, type TalkStep } from '../../../src/domain/talks/reminders.js';
import { reminderLogged } from '../../../src/domain/talks/talk.js';
import { msg } from '../../../src/messages/index.js';
import { shortDay } from '../../../cards/materials/common.js';
import type { HandlerCtx } from '../../context.js';
import { namesOf, talkCardFor } from '../common.js';
import { talkReminderKey } from '../outbox-keys.js';

/**
 * One reminder of a talk (run by jobs/talks/queue.ts), to both parties: none once the talk is held or its due day moved
 * to another generation. Messages are keyed per (talk, reminder, party) and the reminder is logged on the talk once:
 * a job run twice (a retry, a restart) sends each message once.
 */
export async function runTalkReminder(id: string, gen: number, step: TalkStep, ctx: HandlerCtx): Promise<string> {
  const tk = await ctx.store.talks.get(id);
  if (!tk) return 'gone';
  if (!talkStepLive(tk, gen)) return 'stale';
  const key = stepKey(gen, step);
  if (reminderLogged(tk, key)) return 'duplicate';
  const names = await namesOf(ctx);
  const messages = [];
  for (const [who, other] of [[tk.a, tk.b], [tk.b, tk.a]] as const) {
    const banner = msg.talks.notices[step](names[other] ?? other, shortDay(tk.due));
    const card = await talkCardFor(tk, who, ctx, { banner });
    messages.push({ key: talkReminderKey(id, key, who), to: { openId: who }, body: { type: 'card' as const, card } });
  }
  await ctx.outbox.sendMany(messages);
  await ctx.store.talks.logReminder(id, key, ctx.now());
  return `sent ${step}`;
}
