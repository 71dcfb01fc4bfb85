import { memberStatus } from '../../src/domain/study/digest.js';
import { checkInClosesAt, reflectionWindow, type StudySession } from '../../src/domain/study/session.js';
import { DAY_MS } from '../../src/domain/calendar.js';
import { studyRecordCard, type RecordRow } from '../../cards/study/admin.js';
import type { Card } from '../../cards/types.js';
import { hasRole } from '../access.js';
import type { HandlerCtx } from '../context.js';
import { attendeesOf, studyConfig, tzOf } from './common.js';

/**
 * 学习: the person's record card (the next session, their attendance and reflections), and keeping the copies
 * already sent up to date when an admin changes the next session (学习 设置), so no card shows an old topic.
 */

/** Lark refuses to update a message older than 14 days: such copies are left as they are. */
const PATCHABLE_MS = 13 * DAY_MS;

/** The next planned session starting after now (cancelled ones left out). */
export async function nextSession(ctx: HandlerCtx): Promise<StudySession | undefined> {
  const now = ctx.now();
  return (await ctx.store.study.sessionsBetween(now + 1, now + 366 * DAY_MS, 20)).find((s) => s.status === 'planned');
}

/** The member's record card: the latest sessions they were an attendee of, newest first. */
export async function recordCardFor(ctx: HandlerCtx, openId: string, isAdmin: boolean): Promise<Card> {
  const cfg = studyConfig(ctx);
  const store = ctx.store.study;
  const now = ctx.now();
  const rows: RecordRow[] = [];
  const reflectable: StudySession[] = [];
  if (cfg) {
    for (const s of (await store.sessionsBefore(now, 40)).reverse()) {
      if (s.status === 'cancelled') continue;
      const people = await store.attendees(s.id);
      if (!people || !(openId in people)) continue;
      const [rec, refl] = await Promise.all([store.recordOf(s.id, openId), store.reflection(s.id, openId)]);
      const status = memberStatus(rec, now > checkInClosesAt(s, cfg));
      rows.push({ session: s, status, reflection: refl ? 'in' : status === 'leave' ? 'none' : 'missing' });
      if (status !== 'leave' && reflectionWindow(s, cfg, now) === 'open') reflectable.push(s);
    }
  }
  const next = cfg ? await nextSession(ctx) : undefined;
  const attendsNext = next ? openId in (await attendeesOf(ctx, next.id)) : false;
  return studyRecordCard({ timeZone: tzOf(ctx), ...(next ? { next } : {}), rows, reflectable, isAdmin, attendsNext });
}


/** Patches everyone's latest 学习 record card that Lark still lets us update; returns how many. */
export async function refreshRecordCards(ctx: HandlerCtx): Promise<number> {
  if (!studyConfig(ctx)) return 0;
  const cards = await ctx.store.study.recordCards();
  let n = 0;
  for (const [openId, ref] of Object.entries(cards)) {
    if (ctx.now() - ref.at > PATCHABLE_MS) continue;
    await ctx.outbox.patch(ref.key, await recordCardFor(ctx, openId, await hasRole(openId, ctx, 'admin')));
    n++;
  }
  return n;
}
