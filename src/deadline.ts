/** How `work` stood when its deadline came: settled with a value, or still going (`late`). */
type DeadlineResult<T> = { late: false; value: T } | { late: true };

/**
 * Resolves with the value of `work` if it settles within `ms`, or with `{ late: true }` when the time is
 * up; rejects only when `work` fails in time. The work is not cancelled: the caller keeps its promise
 * and decides what happens when it settles, so "late" and "failed" stay apart.
 */
export async function beforeDeadline<T>(work: Promise<T>, ms: number): Promise<DeadlineResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ late: true }>((resolve) => { timer = setTimeout(() => resolve({ late: true }), ms); });
  try {
    return await Promise.race([work.then((value) => ({ late: false as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Settles as `work` does, or rejects with `onLate()` after `ms` (the work itself is not cancelled). */
export async function withDeadline<T>(
  work: Promise<T>, ms: number, onLate: () => Error = () => new Error(`no answer within ${ms} ms`),
): Promise<T> {
  const r = await beforeDeadline(work, ms);
  if (r.late) throw onLate();
  return r.value;
}
