/** Queue names (kebab-case, no `:`: BullMQ rejects it). One file per queue's processor in jobs/. */
export const QUEUE = {
  /** Inbound Lark events, acknowledged at once by the webhook and processed here. */
  inbound: 'inbound',
  /** Every outgoing call to Lark. */
  outbox: 'outbox',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

/** Inbound jobs are the de-duplication record: kept 8 h after they finish (Lark re-pushes for ~7.1 h). */
export const INBOUND_KEEP_SECONDS = 8 * 3600 + 15 * 60;
