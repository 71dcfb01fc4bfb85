import type { RedisClient as Redis } from './redis.js';
import type { Keys } from './keys.js';
import { shortDigest } from '../domain/digest.js';

type OutboxStatus = 'pending' | 'sent' | 'failed';

/** What the outbox knows about one logical message. */
interface OutboxRecord {
  status: OutboxStatus;
  messageId?: string;
  /** When the first call to Lark started (Lark's uuid de-duplication lasts 1 h from there). */
  firstAttemptAt?: number;
  attempts: number;
  /** Uploaded file_key of a file message (the upload is not repeated). */
  fileKey?: string;
  urgentDone: boolean;
  failCode?: number;
  /** How many times the message was re-posted after it vanished (the next re-post's key counts on). */
  reposts: number;
}

/**
 * Where a patched card goes as a new message if its own was recalled or deleted. Kept with the pending patch only
 * (gone once it is applied), never in the message record: records of personal cards (ballots) name no one.
 */
export type RepostTo = { openId: string } | { chatId: string };

/** A person or chat a message could not reach. */
export interface Unreachable {
  id: string;
  kind: 'user' | 'chat';
  code: number;
  at: number;
}

/** Patches need the message_id for the 14 days a card can be updated; keep the record well past that. */
const RECORD_TTL_S = 30 * 24 * 3600;
const PATCH_TTL_S = 7 * 24 * 3600;
const FILE_TTL_S = 24 * 3600;
/** The campaign runs February to September; the unreachable list serves its turnout figures. */
const UNREACHABLE_TTL_S = 240 * 24 * 3600;

// Compare-and-delete: the pending patch goes only if nothing newer arrived meanwhile.
const ACK_PATCH = `
local v = redis.call('HGET', KEYS[1], 'v')
if v == ARGV[1] then redis.call('DEL', KEYS[1]) return 0 end
return tonumber(v or '0')
`;

const PUT_PATCH = `
local v = redis.call('HINCRBY', KEYS[1], 'v', 1)
redis.call('HSET', KEYS[1], 'c', ARGV[1], 'to', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return v
`;

// The record moves to the re-posted message only if it still names the vanished one (a retry repoints once).
const REPOINT = `
if redis.call('HGET', KEYS[1], 'mid') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'mid', ARGV[2])
redis.call('HINCRBY', KEYS[1], 'rp', 1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`;

const encodeTo = (to: RepostTo) => ('openId' in to ? `u:${to.openId}` : `c:${to.chatId}`);
function decodeTo(v: string | null | undefined): RepostTo | undefined {
  if (v?.startsWith('u:')) return { openId: v.slice(2) };
  if (v?.startsWith('c:')) return { chatId: v.slice(2) };
  return undefined;
}

/** Logical keys may hold ids and any characters; Redis keys carry a digest of them. */
function digestKey(key: string): string {
  return shortDigest(key, 32);
}

export function createOutboxStore(redis: Redis, keys: Keys) {
  const rec = (key: string) => keys.outboxMessage(digestKey(key));
  const patchKey = (key: string) => keys.outboxPatch(digestKey(key));
  const fileKey = (key: string) => keys.outboxFile(digestKey(key));

  return {
    async get(key: string): Promise<OutboxRecord | undefined> {
      const h = await redis.hgetall(rec(key));
      if (!h.st) return undefined;
      return {
        status: h.st as OutboxStatus,
        messageId: h.mid || undefined,
        firstAttemptAt: h.fa ? Number(h.fa) : undefined,
        attempts: Number(h.n ?? 0),
        fileKey: h.fk || undefined,
        urgentDone: h.ud === '1',
        failCode: h.fc ? Number(h.fc) : undefined,
        reposts: Number(h.rp ?? 0),
      };
    },

    async messageId(key: string): Promise<string | undefined> {
      return (await redis.hget(rec(key), 'mid')) ?? undefined;
    },

    /** Counts a call to Lark about to start; the first one fixes `firstAttemptAt`. */
    async beginAttempt(key: string, now: number): Promise<{ firstAttemptAt: number; previousAttempts: number }> {
      const k = rec(key);
      const res = await redis
        .multi()
        .hsetnx(k, 'st', 'pending')
        .hsetnx(k, 'fa', String(now))
        .hincrby(k, 'n', 1)
        .hget(k, 'fa')
        .expire(k, RECORD_TTL_S)
        .exec();
      if (!res) throw new Error('outbox beginAttempt: transaction aborted');
      return { firstAttemptAt: Number(res[3][1]), previousAttempts: Number(res[2][1]) - 1 };
    },

    /** The message exists at Lark; a recipient that was unreachable before is reachable again. */
    async recordSent(key: string, messageId: string, recipientId?: string): Promise<void> {
      await redis.multi().hset(rec(key), 'st', 'sent', 'mid', messageId).expire(rec(key), RECORD_TTL_S).exec();
      // Separate command: the two keys need not share a Redis Cluster slot.
      if (recipientId) await redis.hdel(keys.unreachable(), recipientId);
    },

    /** `key`'s message vanished and was posted afresh as `to`: the record names the new message. */
    async repoint(key: string, from: string, to: string): Promise<boolean> {
      return Number(await redis.eval(REPOINT, 1, rec(key), from, to, RECORD_TTL_S)) === 1;
    },

    async recordFailed(key: string, code: number): Promise<void> {
      await redis.multi().hset(rec(key), 'st', 'failed', 'fc', String(code)).expire(rec(key), RECORD_TTL_S).exec();
    },

    async recordFileKey(key: string, fk: string): Promise<void> {
      await redis.multi().hset(rec(key), 'fk', fk).expire(rec(key), RECORD_TTL_S).exec();
    },

    async markUrgentDone(key: string): Promise<void> {
      await redis.hset(rec(key), 'ud', '1');
    },

    /** Stores the latest card JSON for a message (and where it goes if the message vanished); returns its version (1, 2, …). */
    async putPatch(key: string, cardJson: string, repostTo?: RepostTo): Promise<number> {
      return Number(await redis.eval(PUT_PATCH, 1, patchKey(key), cardJson, PATCH_TTL_S, repostTo ? encodeTo(repostTo) : ''));
    },

    async readPatch(key: string): Promise<{ cardJson: string; version: number; repostTo?: RepostTo } | undefined> {
      const [c, v, to] = await redis.hmget(patchKey(key), 'c', 'v', 'to');
      if (!c || !v) return undefined;
      const repostTo = decodeTo(to);
      return repostTo ? { cardJson: c, version: Number(v), repostTo } : { cardJson: c, version: Number(v) };
    },

    /** Clears the pending patch if `version` is still the latest; returns the newer version otherwise (0 when cleared). */
    async ackPatch(key: string, version: number): Promise<number> {
      return Number(await redis.eval(ACK_PATCH, 1, patchKey(key), String(version)));
    },

    async dropPatch(key: string): Promise<void> {
      await redis.del(patchKey(key));
    },

    async putFile(key: string, data: Buffer): Promise<void> {
      await redis.set(fileKey(key), data, 'EX', FILE_TTL_S);
    },

    async getFile(key: string): Promise<Buffer | undefined> {
      return (await redis.getBuffer(fileKey(key))) ?? undefined;
    },

    async dropFile(key: string): Promise<void> {
      await redis.del(fileKey(key));
    },

    /** Adds to the known-unreachable list and to the entries waiting for the next admin report. */
    async addUnreachable(u: Unreachable): Promise<void> {
      const v = JSON.stringify({ kind: u.kind, code: u.code, at: u.at });
      // One key per transaction (Cluster slots); the pending entry first, so nothing known goes unreported.
      await redis.multi().hset(keys.unreachablePending(), u.id, v).expire(keys.unreachablePending(), UNREACHABLE_TTL_S).exec();
      await redis.multi().hset(keys.unreachable(), u.id, v).expire(keys.unreachable(), UNREACHABLE_TTL_S).exec();
    },

    /** The entries not reported to the admins yet. */
    async unreported(): Promise<Unreachable[]> {
      return parseUnreachable(await redis.hgetall(keys.unreachablePending()));
    },

    async clearUnreported(ids: string[]): Promise<void> {
      if (ids.length) await redis.hdel(keys.unreachablePending(), ...ids);
    },

    /** Everyone known to be unreachable (left out of turnout). */
    async unreachable(): Promise<Unreachable[]> {
      return parseUnreachable(await redis.hgetall(keys.unreachable()));
    },
  };
}

function parseUnreachable(h: Record<string, string>): Unreachable[] {
  const out: Unreachable[] = [];
  for (const [id, raw] of Object.entries(h)) {
    try {
      const v = JSON.parse(raw) as { kind?: unknown; code?: unknown; at?: unknown };
      out.push({ id, kind: v.kind === 'chat' ? 'chat' : 'user', code: Number(v.code), at: Number(v.at) });
    } catch {
      // A malformed entry is dropped rather than blocking the report.
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
