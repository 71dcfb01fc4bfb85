/**
 * The text Redis Cluster hashes `key` by: what is inside its first `{…}` when that is not empty, else the whole key.
 * Two keys with the same tag share a slot, so one MULTI or script may touch both.
 */
export function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/**
 * Every Redis key this service writes is built here, under one prefix.
 * BullMQ gets a hash-tagged prefix so each queue's keys share a slot on Redis Cluster. The keys a MULTI or a script
 * touches together share a hash tag (`{op}`, `{lg}`, `{ev:<round>}`…), and an audit entry written with them goes to
 * the audit stream of their slot (`auditNear`).
 */
export function createKeys(prefix: string) {
  const k = (...parts: string[]) => [prefix, ...parts].join(':');
  return {
    prefix,
    /** BullMQ prefix: `<prefix>:{bull}` (the hash tag keeps every queue key in one slot). */
    bullPrefix: `${prefix}:{bull}`,

    // Edge and core: inline de-duplication, locks, roles, audit, welcome, caches.
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
    /** Audit log of admin actions: the default stream (entries written on their own; every entry before #18). */
    audit: () => k('audit'),
    /** The audit stream in `key`'s hash slot (`<prefix>:{<key's tag>}:audit`), for an entry written with `key`. */
    auditNear: (key: string) => k(`{${hashTag(key)}}`, 'audit'),
    /** The audit streams besides `audit()` (a set, filled before each stream's first entry): the reader merges them. */
    auditStreams: () => k('audit', 'streams'),
    /** People who got the p2p welcome card already. */
    welcomed: () => k('welcomed'),
    /**
     * Each person's p2p chat with the bot, both sides keyed HMACs (handlers/personal-chat.ts): person token → chat token.
     * No TTL: a p2p chat between a person and the bot never changes, and the entries name nobody without ANON_SECRET.
     */
    p2pChats: () => k('p2p', 'chats'),
    /** Cache of a chat's member open_ids. */
    chatMembers: (chatId: string) => k('chat', chatId, 'members'),
    /** The bot's own identity. */
    botInfo: () => k('bot', 'info'),
    /** Campaign timeline: milestone id → the admin's record that it is done. */
    milestonesDone: () => k('campaign', 'milestones', 'done'),
    /** Campaign timeline: the admins' edits over the file's phases and milestones (进度 设置), one JSON document. */
    timelineOverrides: () => k('campaign', 'timeline'),
    /** The end of the campaign (结束活动) and, later, its purge: one JSON record, kept through the purge. */
    campaignEnd: () => k('campaign', 'end'),

    // Files people send (handlers/files/intake.ts): the materials are named, so open_ids are fine here.
    /** One person's pending "send me the file now" (提交新版本), JSON; kept a day past its 30 minutes, to tell "expired" apart. */
    fileIntent: (openId: string) => k('file', 'intent', openId),

    // Outbox: sent-message records, pending patches and files, rate buckets, unreachable people.
    /** Outbox: logical message key → Lark message_id and first-attempt time. */
    outboxMessage: (msgKey: string) => k('outbox', 'msg', msgKey),
    /** Outbox: latest content waiting to be patched into a message. */
    outboxPatch: (msgKey: string) => k('outbox', 'patch', msgKey),
    /** Outbox: file bytes waiting to be uploaded (24 h). */
    outboxFile: (msgKey: string) => k('outbox', 'file', msgKey),
    /** Outbox rate buckets (sliding-window logs of granted slots, with a hold time and an interactive marker). */
    bucket: (name: string) => k('bucket', name),
    /** People a message could not reach, waiting to be reported to the admins. */
    unreachable: () => k('outbox', 'unreachable'),
    /** Outbox: unreachable entries not yet reported to the admins. */
    unreachablePending: () => k('outbox', 'unreachable', 'pending'),

    // Opinions: one `{op}` hash tag (a script or MULTI may touch several); no key or value of an anonymous one has an identity.
    opinion: (id: string) => k('{op}', 'o', id),
    opinionByCode: () => k('{op}', 'code'),
    opinionsAll: () => k('{op}', 'all'),
    opinionsOpen: () => k('{op}', 'open'),
    opinionCounts: () => k('{op}', 'counts'),
    opinionGroup: (rootId: string) => k('{op}', 'group', rootId),
    opinionGroups: () => k('{op}', 'groups'),
    /**
     * The contact an outreach page's writer chose to leave (issue #17), apart from the opinion's hash: never in exports,
     * 进度 or logs, shown only on the triage card. No TTL: it lives as long as the opinion.
     */
    opinionContact: (id: string) => k('{op}', 'contact', id),
    /** Per person per day counters under a keyed HMAC (anti-spam, lookup limits), apart from the data. */
    dailyLimit: (kind: string, day: string, hmac: string) => k('limit', kind, day, hmac),

    // Outreach links (走进职工 beyond the tenant): one `{ol}` hash tag. No key or value holds a person or a device.
    /** One link: `data` (JSON, fixed at creation), `validUntil`, `revokedAt`, `n` (entries taken). */
    outreachLink: (id: string) => k('{ol}', 'l', id),
    /** Every link id, scored by creation time. */
    outreachLinks: () => k('{ol}', 'all'),
    /** Token → link id. */
    outreachTokens: () => k('{ol}', 'tokens'),
    /** A page form's one-time CSRF nonce, used (a few hours). */
    outreachNonce: (nonce: string) => k('{ol}', 'nonce', nonce),
    /** Per client address per day counters under a keyed HMAC of the address (abuse limits), apart from everything else. */
    webLimit: (kind: string, day: string, hmac: string) => k('limit', 'web', kind, day, hmac),

    // Evaluations: a round's keys share the `{ev:<roundId>}` hash tag, so the ballot script may touch them together.
    /** Evaluation rounds: the index of round ids (by creation time; ids themselves are random). */
    evRounds: () => k('ev', 'rounds'),
    evRound: (roundId: string) => k(`{ev:${roundId}}`, 'round'),
    /** The only evaluation key with open_ids: who may vote, and their rater group. */
    evVoters: (roundId: string) => k(`{ev:${roundId}}`, 'voters'),
    /** Keyed HMACs of those who voted; the box holds the counters only. */
    evRegister: (roundId: string) => k(`{ev:${roundId}}`, 'register'),
    /** Eligibility under its own keyed purpose (an HMAC that never meets the register) → rater group; sorted by HMAC. */
    evEligible: (roundId: string) => k(`{ev:${roundId}}`, 'eligible'),
    evBox: (roundId: string) => k(`{ev:${roundId}}`, 'box'),
    /** Ballots of another channel than the in-Lark one (`paper`, `link-<id>`): the same counters, kept per channel. */
    evChannelBox: (roundId: string, channel: string) => k(`{ev:${roundId}}`, 'box', channel),
    /** The channels with a box of their own (a set). */
    evChannels: (roundId: string) => k(`{ev:${roundId}}`, 'channels'),
    /** The admins' round-list cards kept live (outbox key → when sent, whether it still shows the list): counts only. */
    evLive: () => k('ev', 'live'),

    // Study (集中学习): one `{st}` hash tag; study records are named (DESIGN §2.5), so open_ids are fine here.
    /** Sessions by scheduled start (UTC ms). */
    stSessions: () => k('{st}', 'sessions'),
    /** One session: meta JSON, topic, place, materials, status. */
    stSession: (sessionId: string) => k('{st}', 's', sessionId),
    /** The session's attendees, snapshot at its first step: open_id → display name. */
    stAttendees: (sessionId: string) => k('{st}', 's', sessionId, 'attendees'),
    /** Steps already run (reminders sent, window opened, …): which card messages exist to patch. */
    stSteps: (sessionId: string) => k('{st}', 's', sessionId, 'steps'),
    /** Attendance: open_id → JSON {status, at, reason?}; written once (HSETNX). */
    stRecords: (sessionId: string) => k('{st}', 's', sessionId, 'records'),
    /** Reflections (心得体会), named: open_id → JSON {parts, link?, at, updatedAt}. */
    stReflections: (sessionId: string) => k('{st}', 's', sessionId, 'reflections'),
    /** Each member's reflection cards still live: open_id → JSON {gen, keys} (outbox keys of the latest generation). */
    stReflectionCards: (sessionId: string) => k('{st}', 's', sessionId, 'reflection-cards'),
    /** Each person's latest 学习 record card, to patch when the next session changes: open_id → JSON {key, at}. */
    stRecordCards: () => k('{st}', 'record-cards'),

    // Public board (公示).
    /** The board's state: generation, when it was posted, pages sent and a content hash per page (JSON). */
    boardState: () => k('board', 'state'),
    /** The generation whose delayed re-post job fired (the next refresh posts a new one). */
    boardRepostDue: () => k('board', 'repost-due'),
    /** When the campaign's 整改方案 was accepted and by whom (JSON {at, by}; written once, SET NX): the board's items go public. */
    boardPlanAccepted: () => k('board', 'plan-accepted'),

    // Rectification ledger (整改台账) and its 回头看: one `{lg}` hash tag, so the store's scripts may touch several.
    /** One item: `data` (JSON), `rev` (compare-and-set counter), `seq` (序号). */
    ledgerItem: (id: string) => k('{lg}', 'item', id),
    /** The 序号 counter (INCR). */
    ledgerSeq: () => k('{lg}', 'seq'),
    /** Every item id, scored by 序号. */
    ledgerAll: () => k('{lg}', 'all'),
    /** Each owner's latest item card of an item: open_id → JSON { key (outbox key), at }. */
    ledgerCards: (id: string) => k('{lg}', 'cards', id),
    /** Look-back ids, by start time. */
    lookbacks: () => k('{lg}', 'lookbacks'),
    /** One look-back: its record (JSON). */
    lookback: (id: string) => k('{lg}', 'lb', id),
    /** One look-back's outcomes: item id → outcome (JSON); set once per item. */
    lookbackOutcomes: (id: string) => k('{lg}', 'lb', id, 'out'),
    /** One look-back: the generation of its check cards (re-sent before Lark's 14 days). */
    lookbackGen: (id: string) => k('{lg}', 'lb', id, 'gen'),

    // 建章立制 register: one `{rl}` hash tag, so the store's scripts may touch several.
    /** One rule: `data` (JSON), `rev` (compare-and-set counter), `seq` (序号). */
    rule: (id: string) => k('{rl}', 'rule', id),
    /** The 序号 counter (INCR). */
    ruleSeq: () => k('{rl}', 'seq'),
    /** Every rule id, scored by 序号. */
    rulesAll: () => k('{rl}', 'all'),
    // Materials for review (材料报审): one `{mt}` hash tag, so the store's scripts may touch several.
    /** One material: `data` (JSON) and `rev` (compare-and-set counter). */
    material: (id: string) => k('{mt}', 'm', id),
    /** Every material id, scored by creation time. */
    materialsAll: () => k('{mt}', 'all'),
    /** Kind → when its first material was accepted (ms; set once). */
    materialsAccepted: () => k('{mt}', 'accepted'),
    /** Each leader's 对照检查材料: leader open_id → material id (set once: the one-tap generation is idempotent). */
    materialsSelfCheck: () => k('{mt}', 'selfcheck'),
    /** Who has a material's file versions in their chat (获取文件, or forwarded as its reviewer): a set of `<n>:<open_id>`. */
    materialFilesSent: (id: string) => k('{mt}', 'files', id),
    // 专题民主生活会 and 组织生活会: one `{mg}` hash tag. Meetings and their records are named (DESIGN §2.10).
    /** One meeting: `data` (JSON) and `rev` (compare-and-set counter). */
    meeting: (id: string) => k('{mg}', 'm', id),
    /** Every meeting id, scored by its start. */
    meetingsAll: () => k('{mg}', 'all'),
    /** The admins' edits of the kinds (材料 设置: chain, due day or milestone) over the file's `materials` block, one JSON document. */
    materialKindEdits: () => k('campaign', 'materialKinds'),

    // 谈心谈话 (talks): one `{tk}` hash tag, so the store's scripts may touch several. The talks are named.
    /** One talk: `data` (JSON, never a note) and `rev` (compare-and-set counter). */
    talk: (id: string) => k('{tk}', 't', id),
    /** Every talk id, scored by creation time. */
    talksAll: () => k('{tk}', 'all'),
    /** Pair key (the two open_ids, sorted) → talk id (set once: planning twice makes no second talk of a pair). */
    talkPairs: () => k('{tk}', 'pairs'),
    /** One party's private note on a talk (JSON {text, at}): read and written by its writer only, nowhere else. */
    talkNote: (id: string, openId: string) => k('{tk}', 'note', id, openId),
    /** A planner's plan under review before it is saved (JSON, a day). */
    talkDraft: (openId: string) => k('{tk}', 'draft', openId),
  };
}

export type Keys = ReturnType<typeof createKeys>;
