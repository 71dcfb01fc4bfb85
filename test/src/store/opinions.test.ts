import { describe, expect, it } from 'vitest';
import { isoWeek, newOpinionId } from '../../../src/domain/opinions/opinion.js';
import { opinionFigures } from '../../../src/reports/opinion-report.js';
import { createAuditStore } from '../../../src/store/audit.js';
import { createOpinionStore } from '../../../src/store/opinions.js';
import { useRedisStore } from '../../helpers/redis.js';

const db = useRedisStore((redis, keys) => createOpinionStore(redis, keys, createAuditStore(redis, keys)));

const entry = { at: 1, actor: 'ou_admin', action: 'opinion.reply', detail: {} };


/** The non-zero handled counts by source group, as 进度 reads them from the counters. */
async function handledBySource(): Promise<Record<string, number>> {
  const { bySource } = opinionFigures(await db.store.counts());
  return Object.fromEntries(bySource.filter((r) => r.handled).map((r) => [r.key, r.handled]));
}

async function add(source: string): Promise<string> {
  const id = newOpinionId();
  const day = '2027-03-01';
  await db.store.create({
    id, codeHmac: `c-${id}`, category: 'formalism', source, target: 'team', text: '意见', anonymous: true,
    day, dayNumber: Date.parse(day) / 86_400_000, week: isoWeek(day),
  });
  return id;
}

describe('handled opinions by source group', () => {
  it('follow the status: counted when an opinion leaves 已收到, uncounted when it returns', async () => {
    const a = await add('cadres');
    const b = await add('cadres');
    await add('retired');
    await db.store.update(a, { from: 'received', to: 'replied' }, entry);
    await db.store.update(a, { from: 'replied', to: 'closed' }, entry);
    await db.store.update(b, { from: 'received', to: 'quickfix' }, entry);
    expect(await handledBySource()).toEqual({ cadres: 2 });
    await db.store.update(b, { from: 'quickfix', to: 'received' }, entry);
    expect(await handledBySource()).toEqual({ cadres: 1 });
  });

  it('are counted once for opinions handled before the counters existed, never twice', async () => {
    // As a deployment from before: the handled-by-source counters and their marker are not there.
    const handled = await add('township');
    await db.store.update(handled, { from: 'received', to: 'adopted' }, entry);
    const fields = Object.keys(await db.redis.hgetall(db.keys.opinionCounts()))
      .filter((f) => f.startsWith('hs:') || f.startsWith('handledBy'));
    await db.redis.hdel(db.keys.opinionCounts(), ...fields);
    expect(await handledBySource()).toEqual({});
    expect(await db.store.backfillHandledBySource()).toBe(2);
    expect(await handledBySource()).toEqual({ cadres: 1, township: 1 });
    expect(await db.store.backfillHandledBySource()).toBe(-1);
    expect(await handledBySource()).toEqual({ cadres: 1, township: 1 });
  });
});
