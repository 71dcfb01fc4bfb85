import type { HandlerCtx } from '../context.js';

/**
 * The one seam to the talks (谈心谈话) a meeting waits for: the pairs among `people` whose talk is not done, with its due
 * day. The talks feature is not on this branch, so nothing here can know of one: the merge wires this to
 * handlers/talks/status.ts `talksMissing` (same signature).
 */
export async function talksMissing(_ctx: HandlerCtx, _people: readonly string[]): Promise<{ a: string; b: string; due: string }[]> {
  return [];
}
