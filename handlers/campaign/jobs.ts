/** The campaign timeline's scheduling seam (HandlerCtx.timelineJobs); jobs/campaign/replan.ts implements it. */
export interface TimelineJobs {
  /**
   * Re-plans everything the timeline drives, as a worker start does: phase announcements, milestone reminders,
   * the weekly digest, the weekly study and the board's daily refresh. Jobs planned for old dates send nothing.
   */
  replan(): Promise<void>;
}
