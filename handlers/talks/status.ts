import type { HandlerCtx } from '../context.js';

/**
 * The seam the 生活会 reads for its precondition: the talks not held yet among `people` — both parties in the list, or
 * the top leader's talk with any of them — as (a, b, due), by due day.
 */
export async function talksMissing(ctx: HandlerCtx, people: readonly string[]): Promise<{ a: string; b: string; due: string }[]> {
  const set = new Set(people);
  const top = ctx.campaign.topLeader;
  return (await ctx.store.talks.list())
    .filter((t) => t.state === 'planned')
    .filter((t) => (set.has(t.a) && set.has(t.b)) || (t.a === top && set.has(t.b)) || (t.b === top && set.has(t.a)))
    .sort((x, y) => x.due.localeCompare(y.due))
    .map((t) => ({ a: t.a, b: t.b, due: t.due }));
}
