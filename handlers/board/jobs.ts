/** The public board's seam (HandlerCtx.board); jobs/board/queue.ts implements it on the board queue. */
export interface BoardJobs {
  /**
   * Asks for the board (公示) in the announce chat to be brought up to date; bursts of changes are
   * coalesced (at most one patch a second per board card).
   */
  refresh(): Promise<void>;
}
