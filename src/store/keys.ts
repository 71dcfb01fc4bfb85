import { ledgerKeys } from './keys-ledger.js';
import { lookbackKeys } from './keys-lookback.js';
import { studyKeys } from './keys-study.js';
import { boardKeys } from './keys-board.js';

/**
 * Every Redis key this service writes is built here, under one prefix.
 * BullMQ gets a hash-tagged prefix so each queue's keys share a slot on Redis Cluster.
 */
export function createKeys(prefix: string) {
  const k = (...parts: string[]) => [prefix, ...parts].join(':');
  return {
    prefix,
    /** BullMQ prefix: `<prefix>:{bull}` (the hash tag keeps every queue key in one slot). */
    bullPrefix: `${prefix}:{bull}`,
    /** Card callbacks answered inline: event_id seen (≥ 8 h). */
    cardSeen: (eventId: string) => k('seen', 'card', eventId),
    /** Messages answered inline (a typed 查询): event_id seen (≥ 8 h). */
    inlineSeen: (eventId: string) => k('seen', 'inline', eventId),
    /** Short locks against double clicks (src/store/kv.ts claimOnce). */
    once: (name: string) => k('once', name),
    /** Run-time roles added by admins. */
    roleAdmins: () => k('roles', 'admins'),
    roleLeaders: () => k('roles', 'leaders'),
    roleSupervisors: () => k('roles', 'supervisors'),
    /** Audit log of admin actions (a capped stream). */
    audit: () => k('audit'),
    /** People who got the p2p welcome card already. */
    welcomed: () => k('welcomed'),
    /** Cache of a chat's member open_ids. */
    chatMembers: (chatId: string) => k('chat', chatId, 'members'),
    /** The bot's own identity. */
    botInfo: () => k('bot', 'info'),
    /** Outbox: logical message key → Lark message_id and first-attempt time. */
    outboxMessage: (msgKey: string) => k('outbox', 'msg', msgKey),
    /** Outbox: latest content waiting to be patched into a message. */
    outboxPatch: (msgKey: string) => k('outbox', 'patch', msgKey),
    /** Outbox rate buckets (GCRA theoretical arrival times). */
    bucket: (name: string) => k('bucket', name),
    /** People a message could not reach, waiting to be reported to the admins. */
    unreachable: () => k('outbox', 'unreachable'),
    /** Outbox: unreachable entries not yet reported to the admins. */
    unreachablePending: () => k('outbox', 'unreachable', 'pending'),
    /**
     * Opinions: every key shares the `{op}` hash tag, so one script or MULTI may touch several
     * on Redis Cluster. No key name or value of an anonymous opinion carries an identity.
     */
    opinion: (id: string) => k('{op}', 'o', id),
    opinionByCode: () => k('{op}', 'code'),
    opinionsAll: () => k('{op}', 'all'),
    opinionsOpen: () => k('{op}', 'open'),
    opinionCounts: () => k('{op}', 'counts'),
    opinionGroup: (rootId: string) => k('{op}', 'group', rootId),
    opinionGroups: () => k('{op}', 'groups'),
    /** Per person per day counters under a keyed HMAC (anti-spam, lookup limits), apart from the data. */
    dailyLimit: (kind: string, day: string, hmac: string) => k('limit', kind, day, hmac),
    /** Outbox: file bytes waiting to be uploaded (24 h). */
    outboxFile: (msgKey: string) => k('outbox', 'file', msgKey),
    /** Evaluation rounds: the index of round ids (by creation time; ids themselves are random). */
    evRounds: () => k('ev', 'rounds'),
    /**
     * One evaluation round: its keys share the `{ev:<roundId>}` hash tag, so the ballot script may
     * touch them together on Redis Cluster. Only `evVoters` holds open_ids (who may vote, and their
     * rater group); the register holds keyed HMACs and the box counters only.
     */
    evRound: (roundId: string) => k(`{ev:${roundId}}`, 'round'),
    evVoters: (roundId: string) => k(`{ev:${roundId}}`, 'voters'),
    evRegister: (roundId: string) => k(`{ev:${roundId}}`, 'register'),
    evBox: (roundId: string) => k(`{ev:${roundId}}`, 'box'),
    ...studyKeys(k),
    ...boardKeys(k),
    ...ledgerKeys(k),
    ...lookbackKeys(k),
  };
}

export type Keys = ReturnType<typeof createKeys>;
