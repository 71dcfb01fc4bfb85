import type { AuthorStep, HoldStep, Planned } from '../../src/domain/materials/reminders.js';

/** The materials' scheduling seam (HandlerCtx.materialJobs); jobs/materials/queue.ts implements it with delayed jobs. */
export interface MaterialJobs {
  /** The authors' due-date reminders of generation `gen` (adding one twice is a no-op: stable jobIds). */
  authorReminders(id: string, gen: number, steps: readonly Planned<AuthorStep>[]): Promise<void>;
  /** Removes generation `gen`'s pending author reminders (a stale one that escapes sends nothing anyway). */
  cancelAuthorReminders(id: string, gen: number): Promise<void>;
  /** The hold reminders of version `n` waiting at step `at` (a no-op when already added). */
  holdReminders(id: string, n: number, at: number, steps: readonly Planned<HoldStep>[]): Promise<void>;
  /** Removes the pending hold reminders of version `n` at step `at`. */
  cancelHoldReminders(id: string, n: number, at: number): Promise<void>;
}
