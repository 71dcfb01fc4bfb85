import type { RemindStep } from '../../src/domain/meetings/reminders.js';

/** The meetings' scheduling seam (HandlerCtx.meetingJobs); jobs/meetings/queue.ts implements it with delayed jobs. */
export interface MeetingJobs {
  /** The reminders of unconfirmed records after the meeting (adding one twice is a no-op: stable jobIds). */
  reminders(id: string, steps: readonly { step: RemindStep; at: number }[]): Promise<void>;
}
