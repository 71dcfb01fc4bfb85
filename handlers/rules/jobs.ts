import type { PlannedRuleStep } from '../../src/domain/rules/ladder.js';

/** The rules register's scheduling seam (HandlerCtx.ruleJobs); jobs/rules/queue.ts implements it with delayed jobs. */
export interface RuleJobs {
  /** Adds the delayed jobs of generation `gen` (adding one twice is a no-op: stable jobIds). */
  schedule(ruleId: string, gen: number, steps: readonly PlannedRuleStep[]): Promise<void>;
  /** Removes generation `gen`'s pending jobs. */
  cancel(ruleId: string, gen: number): Promise<void>;
}
