/** The evaluation rounds' scheduling seam (HandlerCtx.evaluationJobs); jobs/evaluations/queue.ts implements it with delayed jobs. */
export interface EvaluationJobs {
  /** Closes the round at its close time (a delayed job; one per round). */
  closeAt(roundId: string, at: number): Promise<void>;
  /**
   * Re-sends generation `gen` of the unanswered ballots before Lark's 14-day card limit, when the round
   * stays open that long; false when it does not (nothing scheduled).
   */
  resendBallots(roundId: string, gen: number, sentAt: number, closesAt: number): Promise<boolean>;
  /**
   * Brings the admins' live round-list cards up to date (turnout) at the start of the next second of the
   * campaign clock: one job per second whatever the number of ballots in it (the job carries no voter, no round).
   */
  refreshLive(): Promise<void>;
}
