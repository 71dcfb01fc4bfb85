import { z } from 'zod';
import type { RedisClient as Redis } from './redis.js';
import type { AuditEntry, AuditStore } from './audit.js';
import type { Keys } from './keys.js';

/**
 * The public board's state (DESIGN §2.6): which generation of messages is current (a new one is
 * posted before Lark's 14-day limit), when it was posted, how many of its pages were sent, and a
 * content hash per page so only changed pages are patched. The messages themselves are outbox
 * records under `board-<gen>-p<n>` (handlers/board/outbox-keys.ts `boardMessageKey`).
 */
const boardStateSchema = z.object({
  gen: z.int().min(1),
  postedAt: z.number(),
  /** Pages 1…sent of this generation were handed to the outbox. */
  sent: z.int().min(0),
  /** hashes[n − 1]: what page n shows now (as last sent or patched). */
  hashes: z.array(z.string()),
});
export type BoardState = z.infer<typeof boardStateSchema>;

export function createBoardStore(redis: Redis, keys: Keys, audit: AuditStore) {
  return {
    async get(): Promise<BoardState | undefined> {
      const raw = await redis.get(keys.boardState());
      if (!raw) return undefined;
      const parsed = boardStateSchema.safeParse(JSON.parse(raw));
      // A state we cannot read is treated as no board: the next refresh posts a fresh one.
      return parsed.success ? parsed.data : undefined;
    },
    async save(state: BoardState): Promise<void> {
      await redis.set(keys.boardState(), JSON.stringify(boardStateSchema.parse(state)));
    },
    /** Generation `gen` is due for a re-post (its 13 days are up). */
    async markRepostDue(gen: number): Promise<void> {
      await redis.set(keys.boardRepostDue(), String(gen));
    },
    async repostDue(): Promise<number | undefined> {
      const v = Number(await redis.get(keys.boardRepostDue()));
      return Number.isInteger(v) && v > 0 ? v : undefined;
    },
    /** A new generation of board messages, recorded with its audit entry in one MULTI. */
    async startGeneration(state: BoardState, entry: AuditEntry): Promise<void> {
      const m = redis.multi().set(keys.boardState(), JSON.stringify(boardStateSchema.parse(state)));
      await audit.addTo(m, entry).exec();
    },
  };
}

export type BoardStore = ReturnType<typeof createBoardStore>;
