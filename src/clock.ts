/**
 * The campaign clock. Handlers and jobs read campaign time only through a `now()` made here; BullMQ's
 * own delays and Lark's rate limits run on real time.
 */
export type Clock = () => number;

/** A clock that starts at `start` (ms since the epoch) and runs at real speed from the moment it is made. */
export function clockFrom(start: number): Clock {
  const t0 = performance.now();
  return () => Math.floor(start + (performance.now() - t0));
}
