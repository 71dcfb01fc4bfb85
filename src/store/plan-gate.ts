import { z } from 'zod';
import type { RedisClient as Redis } from './redis.js';
import type { AuditStore } from './audit.js';
import type { Keys } from './keys.js';

/**
 * The public board's gate (DESIGN §2.9): the board shows no item until the campaign's 整改方案 is accepted.
 * One record, written once: when it was accepted and by whom. Its audit entry lands in the same script,
 * only when the record was written (a second acceptance changes nothing and audits nothing).
 */

const SET_ONCE_AND_AUDIT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100000', '*', unpack(ARGV, 2))
  return 1
end
return 0`;

const planAcceptedSchema = z.object({ at: z.number(), by: z.string().min(1) });
export type PlanAccepted = z.infer<typeof planAcceptedSchema>;

export function createPlanGateStore(redis: Redis, keys: Keys, audit: AuditStore) {
  const read = async (): Promise<PlanAccepted | undefined> => {
    const raw = await redis.get(keys.boardPlanAccepted());
    const parsed = raw ? planAcceptedSchema.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  };
  return {
    /** The acceptance as recorded (who and when), if any. */
    accepted: read,
    /** When the 整改方案 was accepted; undefined while it is not. */
    async planAcceptedAt(): Promise<number | undefined> {
      return (await read())?.at;
    },
    /** Records the acceptance once (first write wins, atomic) with its audit entry; false when it was recorded already. */
    async setPlanAccepted(at: number, by: string): Promise<boolean> {
      const value = JSON.stringify(planAcceptedSchema.parse({ at, by }));
      const entry = audit.fields({ at, actor: by, action: 'board.planAccepted', detail: {} });
      const stream = await audit.streamNear(keys.boardPlanAccepted());
      return Number(await redis.eval(SET_ONCE_AND_AUDIT, 2, keys.boardPlanAccepted(), stream, value, ...entry)) === 1;
    },
  };
}

export type PlanGateStore = ReturnType<typeof createPlanGateStore>;
