import {
  authorReminderKey, authorStepLive, holdReminderKey, holdStepLive, type AuthorStep, type HoldStep,
} from '../../../src/domain/materials/reminders.js';
import { reminderLogged } from '../../../src/domain/materials/transitions.js';
import { stepPeople } from '../../../src/domain/materials/material.js';
import { msg } from '../../../src/messages/index.js';
import { shortDay } from '../../../cards/materials/common.js';
import type { HandlerCtx } from '../../context.js';
import { knownPeople } from '../../people.js';
import { chainPeople, kindName, stepLabel } from '../common.js';
import { materialReminderKey } from '../outbox-keys.js';
import { sendCards, sendText } from '../send.js';

/**
 * One reminder of a material (run by jobs/materials/queue.ts). A reminder whose material moved on (another
 * generation of the due day, a version submitted or reviewed, accepted) sends nothing. Messages are keyed per
 * (material, reminder, recipient) and the reminder is logged on the material once: a job run twice — a retry, a
 * restart — sends each message once.
 */

const R = msg.materials.reminders;

/** T−3, T−1, overdue: to the authors, while a version is due. */
export async function runAuthorReminder(id: string, gen: number, step: AuthorStep, ctx: HandlerCtx): Promise<string> {
  const m = await ctx.store.materials.get(id);
  if (!m) return 'gone';
  if (!authorStepLive(m, gen)) return 'stale';
  const key = authorReminderKey(gen, step);
  if (reminderLogged(m, key)) return 'duplicate';
  const text = R[step](m.title, shortDay(m.due));
  await sendCards(m, m.authors, (u) => materialReminderKey(id, key, u), text, ctx);
  const people = await knownPeople(ctx);
  await ctx.store.materials.logReminder(id, key, m.authors.map((a) => people.nameOf(a)).join('、'), ctx.now());
  return `sent ${step} to ${m.authors.length}`;
}

/** A version held 2 working days: its reviewer is reminded; after 4, the office is told. */
export async function runHoldReminder(id: string, n: number, at: number, step: HoldStep, ctx: HandlerCtx): Promise<string> {
  const m = await ctx.store.materials.get(id);
  if (!m) return 'gone';
  if (!holdStepLive(m, n, at)) return 'stale';
  const key = holdReminderKey(n, at, step);
  if (reminderLogged(m, key)) return 'duplicate';
  const kind = await kindName(ctx, m.kind);
  let to: string[];
  if (step === 'h2') {
    to = stepPeople(m.chain[at]!, await chainPeople(ctx));
    await sendCards(m, to, (u) => materialReminderKey(id, key, u), R.h2(kind, m.title, n), ctx);
  } else {
    to = await ctx.roles.admins();
    const label = stepLabel(m.chain[at]!, await knownPeople(ctx));
    await sendText(to, (u) => materialReminderKey(id, key, u), R.h4(kind, m.title, n, label), ctx);
  }
  const people = await knownPeople(ctx);
  await ctx.store.materials.logReminder(id, key, to.map((a) => people.nameOf(a)).join('、'), ctx.now());
  return `sent ${step} to ${to.length}`;
}
