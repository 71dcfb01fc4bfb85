import type { RemindStep } from '../../../src/domain/meetings/reminders.js';
import { reminderLogged } from '../../../src/domain/meetings/transitions.js';
import { unconfirmed } from '../../../src/domain/meetings/meeting.js';
import { msg } from '../../../src/messages/index.js';
import type { HandlerCtx } from '../../context.js';
import { knownPeople } from '../../people.js';
import { sendMeetingCards } from '../common.js';
import { meetingReminderKey } from '../outbox-keys.js';

/**
 * One reminder after a meeting (run by jobs/meetings/queue.ts): each attendee whose record is not confirmed gets their
 * meeting card again. Messages are keyed per (meeting, step, attendee) and the step is logged on the meeting once: a job
 * run twice — a retry, a restart — sends each message once.
 */
export async function runMeetingReminder(id: string, step: RemindStep, ctx: HandlerCtx): Promise<string> {
  const m = await ctx.store.meetings.get(id);
  if (!m) return 'gone';
  if (m.state !== 'ended') return 'stale';
  if (reminderLogged(m, step)) return 'duplicate';
  const to = unconfirmed(m);
  await sendMeetingCards(m, to, (u) => meetingReminderKey(id, step, u), msg.meetings.notices.remind(m.title), ctx);
  const people = await knownPeople(ctx);
  await ctx.store.meetings.logReminder(id, step, to.map((u) => people.nameOf(u)).join('、'), ctx.now());
  return `sent ${step} to ${to.length}`;
}
