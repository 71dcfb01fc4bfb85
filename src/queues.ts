import { Queue } from 'bullmq';
import type { RedisClient as Redis } from './store/redis.js';

/** Queue names (kebab-case, no `:`: BullMQ rejects it). One file per queue's processor in jobs/. */
export const QUEUE = {
  /** Inbound Lark events, acknowledged at once by the webhook and processed here. */
  inbound: 'inbound',
  /** Every outgoing call to Lark. */
  outbox: 'outbox',
  /** Report exports (XLSX, CSV, DOCX), built in a worker and sent as files through the outbox. */
  export: 'export',
  /** Evaluation rounds: the close at each round's close time (a delayed job survives restarts). */
  evaluation: 'evaluation',
  /** Study sessions: the weekly job scheduler, reminders, nudges and the digest (delayed jobs keyed by session). */
  study: 'study',
  /** Rectification ledger: the deadline ladder of each item. */
  ledger: 'ledger',
  /** 建章立制 register: the reminder ladder of each rule. */
  rules: 'rules',
  /** The public board (公示) in the announce chat: coalesced refreshes and the re-post before day 14. */
  board: 'board',
  /** The campaign's own timeline: each phase announced on its first working morning. */
  campaign: 'campaign',
  /** Materials for review: the authors' due-date reminders and the reviewers' hold reminders (delayed jobs). */
  materials: 'materials',
  /** 专题民主生活会 and 组织生活会: the reminders of unconfirmed records (delayed jobs per meeting and step). */
  meetings: 'meetings',
  /** 谈心谈话: each talk's reminders to both parties (delayed jobs per talk, generation and step). */
  talks: 'talks',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

/** Inbound jobs are the de-duplication record: kept 8 h after they finish (Lark re-pushes for ~7.1 h). */
export const INBOUND_KEEP_SECONDS = 8 * 3600 + 15 * 60;

export interface Queues {
  inbound: Queue;
  outbox: Queue;
  export: Queue;
  evaluation: Queue;
  study: Queue;
  ledger: Queue;
  rules: Queue;
  board: Queue;
  campaign: Queue;
  materials: Queue;
  meetings: Queue;
  talks: Queue;
  close(): Promise<void>;
}

/** Producer-side queues on a fail-fast connection (src/store/redis.ts 'fast'). */
export function createQueues(connection: Redis, bullPrefix: string): Queues {
  const inbound = new Queue(QUEUE.inbound, { connection, prefix: bullPrefix });
  const outbox = new Queue(QUEUE.outbox, { connection, prefix: bullPrefix });
  const exports = new Queue(QUEUE.export, { connection, prefix: bullPrefix });
  const evaluation = new Queue(QUEUE.evaluation, { connection, prefix: bullPrefix });
  const study = new Queue(QUEUE.study, { connection, prefix: bullPrefix });
  const ledger = new Queue(QUEUE.ledger, { connection, prefix: bullPrefix });
  const rules = new Queue(QUEUE.rules, { connection, prefix: bullPrefix });
  const board = new Queue(QUEUE.board, { connection, prefix: bullPrefix });
  const campaign = new Queue(QUEUE.campaign, { connection, prefix: bullPrefix });
  const materials = new Queue(QUEUE.materials, { connection, prefix: bullPrefix });
  const meetings = new Queue(QUEUE.meetings, { connection, prefix: bullPrefix });
  const talks = new Queue(QUEUE.talks, { connection, prefix: bullPrefix });
  const all = [inbound, outbox, exports, evaluation, study, ledger, rules, board, campaign, materials, meetings, talks];
  // Errors surface on the calls that fail; keep the emitter from crashing the process.
  for (const q of all) q.on('error', () => undefined);
  return {
    inbound,
    outbox,
    export: exports,
    evaluation,
    study,
    ledger,
    rules,
    board,
    campaign,
    materials,
    meetings,
    talks,
    async close() {
      await Promise.all(all.map((q) => q.close()));
    },
  };
}
