import { describe, expect, it } from 'vitest';
import { isoWeek, newOpinionId } from '../../../src/domain/opinions/opinion.js';
import { createAuditStore } from '../../../src/store/audit.js';
import { createOpinionStore } from '../../../src/store/opinions.js';
import { useRedisStore } from '../../helpers/redis.js';

const db = useRedisStore((redis, keys) => createOpinionStore(redis, keys, createAuditStore(redis, keys)));

/** The outreach page's contact wish (issue #17): under its own key, beside an opinion created in the same step, never in its hash. */
const day = '2027-03-02';
const opinion = (id: string, codeHmac: string) => ({
  id, codeHmac, category: 'service', source: 'enterprise', target: 'team', text: '食堂饭菜偏贵。', anonymous: true,
  day, dayNumber: Date.parse(day) / 86_400_000, week: isoWeek(day), visit: '某某公司（2027-03-02）',
});

describe('a contact left with an opinion', () => {
  it('is stored under its own key with the opinion, not in its hash; a refused opinion leaves no contact', async () => {
    const id = newOpinionId();
    expect(await db.store.create(opinion(id, 'hmac-one'), '王师傅 13700000000')).toBe(true);
    expect(await db.store.contactOf(id)).toBe('王师傅 13700000000');
    expect(JSON.stringify(await db.redis.hgetall(db.keys.opinion(id)))).not.toContain('13700000000');
    expect(await db.redis.ttl(db.keys.opinionContact(id))).toBe(-1);
    const again = newOpinionId();
    expect(await db.store.create(opinion(again, 'hmac-one'), '李师傅')).toBe(false); // the code's HMAC is taken
    expect(await db.store.contactOf(again)).toBeUndefined();
    const none = newOpinionId();
    expect(await db.store.create(opinion(none, 'hmac-two'))).toBe(true);
    expect(await db.store.contactOf(none)).toBeUndefined();
  });
});
