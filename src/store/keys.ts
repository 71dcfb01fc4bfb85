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
  };
}

export type Keys = ReturnType<typeof createKeys>;
