import { z } from 'zod';
import { roundIdSchema } from '../domain/evaluations/round.js';

/**
 * The export queue's job data, shared by the producer (HandlerCtx.exports) and jobs/export.ts:
 * the reader's id and the request id, never any file content.
 */
const requester = z.string().regex(/^ou_[A-Za-z0-9_-]{1,64}$/);
/** The card callback's event_id: one export per click, whatever retries. */
const requestId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
export const exportJobSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('opinion-export'), format: z.enum(['xlsx', 'csv', 'docx']), requester, requestId }),
  z.strictObject({ kind: z.literal('evaluation-export'), format: z.enum(['xlsx', 'csv']), round: roundIdSchema, requester, requestId }),
  z.strictObject({ kind: z.literal('study-export'), format: z.literal('xlsx'), requester, requestId }),
  z.strictObject({ kind: z.literal('ledger-export'), format: z.literal('xlsx'), requester, requestId }),
  z.strictObject({ kind: z.literal('rules-export'), format: z.literal('xlsx'), requester, requestId }),
  // The campaign's archive (结束活动): `requester` is who ended it; the file goes to every admin.
  z.strictObject({ kind: z.literal('archive'), format: z.literal('xlsx'), requester, requestId }),
]);
export type ExportJob = z.infer<typeof exportJobSchema>;
export type ExportFormat = ExportJob['format'];

/**
 * The export seam (HandlerCtx.exports), shared by every feature that exports; jobs/export.ts implements
 * it on the export queue.
 */
export interface ExportJobs {
  /** Puts an export job on the export queue (one per click, one in flight per person, kind and format). */
  enqueue(job: ExportJob): Promise<void>;
}
