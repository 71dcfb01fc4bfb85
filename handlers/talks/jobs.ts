import type { PlannedStep } from '../../src/domain/talks/reminders.js';

/** The talks' scheduling seam (HandlerCtx.talkJobs); jobs/talks/queue.ts implements it with delayed jobs. */
export interface TalkJobs {
  /** The reminders of generation `gen` of a talk's due day (adding one twice is a no-op: stable jobIds). */
  reminders(id: string, gen: number, steps: readonly PlannedStep[]): Promise<void>;
}
