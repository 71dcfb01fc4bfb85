import { reflectionDeadline, reflectionResends, resendGeneration, type StudySession } from '../../../src/domain/study/session.js';
import { studyReflectionMovedCard } from '../../../cards/study/session.js';
import type { HandlerCtx } from '../../context.js';
import { attendeesOf, liveReflectionKeys, reflectionCardFor, studyConfig, tzOf } from '../common.js';
import { reflectionResendKey } from '../outbox-keys.js';

/**
 * Re-send `re<n>` of the reflection cards (DESIGN §2.1: a 2.0 card accepts clicks and patches for
 * 14 days only, and a reflection window may last up to 30). Every attendee who got a reflection card
 * (never those on leave), submitted or not, gets a fresh one under the key (session, n, person); the
 * cards they had until now (the end card or the previous re-send, and a nudge of that generation)
 * are patched to point to it. Exactly once per (session, n, person): members already at generation
 * n or later are skipped, so a second run sends and patches nothing; after the deadline, or when n
 * is no longer in the schedule, nothing at all.
 */
export async function resendReflectionCards(ctx: HandlerCtx, s: StudySession, step: string): Promise<number> {
  const cfg = studyConfig(ctx)!;
  const n = resendGeneration(step);
  const store = ctx.store.study;
  if (n === undefined || ctx.now() >= reflectionDeadline(s, cfg)) return 0;
  if (!reflectionResends(s, cfg).some((x) => x.step === step)) return 0;
  if (!(await store.steps(s.id)).includes('end')) return 0; // no reflection card went out yet
  await store.markStep(s.id, step);
  const [people, records, tracked] = await Promise.all([
    attendeesOf(ctx, s.id, { keep: true }), store.records(s.id), store.reflectionCards(s.id),
  ]);
  const todo: { openId: string; old: string[] }[] = [];
  for (const openId of Object.keys(people)) {
    if (records[openId]?.status === 'leave') continue;
    const cur = tracked[openId];
    if (cur && cur.gen >= n) continue;
    const old = await liveReflectionKeys(ctx, s.id, openId, cur ?? null);
    if (old.length) todo.push({ openId, old });
  }
  if (!todo.length) return 0;
  const msgs = [];
  for (const { openId } of todo) {
    const card = await reflectionCardFor(ctx, s, openId, { resent: true });
    msgs.push({ key: reflectionResendKey(s.id, n, openId), to: { openId }, body: { type: 'card' as const, card } });
  }
  await ctx.outbox.sendMany(msgs);
  const moved = studyReflectionMovedCard({ session: s, timeZone: tzOf(ctx) });
  for (const { old } of todo) for (const key of old) await ctx.outbox.patch(key, moved);
  // Last: a run cut short before this line repeats harmlessly (the outbox keys dedupe the sends).
  await store.trackReflectionCards(s.id, n, todo.map(({ openId }) => ({ openId, key: reflectionResendKey(s.id, n, openId) })));
  ctx.log.info({ session: s.id, step, resent: todo.length }, 'study: reflection cards re-sent before the 14-day card limit');
  return todo.length;
}
