import type { PlannedStep } from '../../src/domain/ledger/ladder.js';
import type { DecisionKind } from '../../src/domain/ledger/resend.js';

/** The ledger's scheduling seam (HandlerCtx.ledgerJobs); jobs/ledger/queue.ts implements it with delayed jobs. */
export interface LedgerJobs {
  /** Adds the delayed jobs of generation `gen` (adding one twice is a no-op: stable jobIds). */
  schedule(itemId: string, gen: number, steps: readonly PlannedStep[]): Promise<void>;
  /** Removes generation `gen`'s pending jobs among `steps` (ladder and keep-alive steps). */
  cancel(itemId: string, gen: number, steps: readonly string[]): Promise<void>;
  /** Keep-alive step `k<n>` of generation `gen` at `at` (a no-op when already added). */
  keepAlive(itemId: string, gen: number, n: number, at: number): Promise<void>;
  /** Round `round` of the re-send of a decision card at `at` (a no-op when already added). */
  decision(itemId: string, kind: DecisionKind, ref: number, round: number, at: number): Promise<void>;
  /** Generation `gen` of a look-back's check cards at `at` (a no-op when already added). */
  lookback(lookbackId: string, gen: number, at: number): Promise<void>;
}
