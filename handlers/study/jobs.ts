/** The study sessions' scheduling seam (HandlerCtx.studyJobs); jobs/study/queue.ts implements it with delayed jobs. */
export interface StudyJobs {
  /**
   * Schedules a session's reminders, check-in window, nudge and digest (delayed jobs with stable ids);
   * `refreshCards` also brings the cards already sent up to date.
   */
  schedule(sessionId: string, opts?: { refreshCards?: boolean }): Promise<void>;
}
