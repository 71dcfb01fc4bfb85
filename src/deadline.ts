/** Settles as `work` does, or rejects with `onLate()` after `ms` (the work itself is not cancelled). */
export function withDeadline<T>(work: Promise<T>, ms: number, onLate: () => Error = () => new Error(`no answer within ${ms} ms`)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(onLate()), ms); });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
