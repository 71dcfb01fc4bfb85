import { QUEUE, type QueueName } from '../../queues.js';

/**
 * What the queue dashboard may show of a job (DESIGN §3: no identity next to anonymous content, in any view).
 * Job data is cut down to the fields named here per queue: ids of rounds, sessions, items and steps, never a
 * person, a chat, a message, a text or a card. The inbound queue (people's messages, card taps, opinions) and
 * the outbox (cards with their readers) show nothing but their kind. A queue not listed shows no data at all.
 */
const SHOWN_FIELDS: Record<QueueName, readonly string[]> = {
  [QUEUE.inbound]: ['type', 'done'],
  [QUEUE.outbox]: ['kind'],
  [QUEUE.export]: ['kind', 'format', 'round'],
  [QUEUE.evaluation]: ['kind', 'round', 'gen'],
  [QUEUE.study]: ['kind', 'session', 'step'],
  [QUEUE.ledger]: ['kind', 'item', 'gen', 'step', 'n', 'decision', 'ref', 'round', 'lookback'],
  [QUEUE.rules]: ['kind', 'rule', 'gen', 'step'],
  [QUEUE.board]: ['kind', 'gen'],
  [QUEUE.campaign]: ['kind', 'key', 'start', 'id', 'step'],
  [QUEUE.materials]: ['kind', 'id', 'gen', 'step', 'n', 'at'],
  [QUEUE.meetings]: ['id', 'step'],
  [QUEUE.talks]: ['id', 'gen', 'step'],
};

/** Queues whose jobs carry what people wrote or what is sent to them: a failure's reason stays in the service log. */
const CONTENT_QUEUES: readonly string[] = [QUEUE.inbound, QUEUE.outbox];

/** Job options worth seeing; `deduplication` is left out (an export's names its requester). */
const SHOWN_OPTS = ['attempts', 'delay', 'priority', 'backoff'] as const;

/** Lark ids of people, chats and messages (open_id, union_id, chat_id, message_id): masked wherever text is shown. */
const LARK_ID = /\b(ou|on|oc|om)_[A-Za-z0-9_-]+/g;

/** Free text (an error's message, an id): Lark ids masked, cut short. */
export function maskIds(text: string, max = 300): string {
  const masked = text.replace(LARK_ID, '$1_***');
  return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}

const isShort = (v: unknown): v is string | number | boolean =>
  typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= 80);

function pick(source: unknown, fields: readonly string[]): Record<string, unknown> {
  if (!source || typeof source !== 'object' || Array.isArray(source)) return {};
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = (source as Record<string, unknown>)[f];
    if (f === 'backoff' && v && typeof v === 'object') out[f] = pick(v, ['type', 'delay']);
    else if (isShort(v)) out[f] = typeof v === 'string' ? maskIds(v) : v;
  }
  return out;
}

/** A job's data as the dashboard shows it. */
export function scrubData(queue: string, data: unknown): Record<string, unknown> {
  const fields = (SHOWN_FIELDS as Record<string, readonly string[] | undefined>)[queue] ?? [];
  return pick(data, fields);
}

export function scrubOpts(opts: unknown): Record<string, unknown> {
  return pick(opts, SHOWN_OPTS);
}

/** The parts of a job's JSON the dashboard reads (bull-board's QueueJobJson). */
export interface JobJson {
  id?: string | number | null;
  name: string;
  data: unknown;
  opts: unknown;
  progress: string | boolean | number | object;
  returnvalue: unknown;
  failedReason: string;
  stacktrace: string[] | null;
  [more: string]: unknown;
}

/**
 * The job as the dashboard sees it: times, attempts and state kept; data and options cut down; no return
 * value, progress, stack trace, de-duplication id or parent; the failure reason with Lark ids masked (none at
 * all for the queues that carry people's words).
 */
export function scrubJobJson(queue: string, job: JobJson): JobJson {
  return {
    id: job.id === undefined || job.id === null ? job.id : maskIds(String(job.id), 200),
    name: /^[A-Za-z0-9_.:-]{1,64}$/.test(job.name) ? job.name : 'job',
    timestamp: job.timestamp,
    processedOn: job.processedOn,
    finishedOn: job.finishedOn,
    processedBy: job.processedBy,
    attemptsMade: job.attemptsMade,
    attemptsStarted: job.attemptsStarted,
    stalledCounter: job.stalledCounter,
    delay: job.delay,
    priority: job.priority,
    data: scrubData(queue, job.data),
    opts: scrubOpts(job.opts),
    progress: 0,
    returnvalue: null,
    failedReason: !job.failedReason ? job.failedReason
      : CONTENT_QUEUES.includes(queue) ? 'failed (the reason is in the service log)' : maskIds(job.failedReason),
    stacktrace: [],
  };
}
