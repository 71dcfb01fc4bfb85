import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, newEventId } from '../../../src/local/lark-push.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { clusterUnsupported } from '../../helpers/redis-cluster.js';
import { startRedisSentinel, type TestSentinel } from '../../helpers/redis-sentinel.js';

/**
 * The service through Redis Sentinel (REDIS_SENTINELS, REDIS_SENTINEL_NAME): it finds the master by asking the
 * sentinel, answers an event, and after a failover (the replica promoted) answers the next ones on the new master.
 */

const unsupported = clusterUnsupported();
if (unsupported) console.warn(`skipped: the Sentinel test needs redis-server and redis-cli here: ${unsupported}`);

let sentinel: TestSentinel;
let bot: TestBot;

const ids = Array.from({ length: 6 }, () => newEventId());
/** Event i, under the same event_id however often it is pushed (as Lark re-pushes). */
const say = (i: number) => bot.push('im.message.receive_v1',
  messageEvent({ senderOpenId: `ou_se_${i}`, chatId: `oc_p2p_ou_se_${i}`, chatType: 'p2p', text: '帮助' }), { eventId: ids[i] });
const answered = (i: number) => bot.fake.messagesTo(`oc_p2p_ou_se_${i}`).filter((m) => m.msgType === 'interactive').length;

describe.skipIf(unsupported !== undefined)('the service through Redis Sentinel', () => {
  beforeAll(async () => {
    sentinel = await startRedisSentinel();
    bot = await startTestBot({ env: { REDIS_SENTINELS: sentinel.sentinelsEnv, REDIS_SENTINEL_NAME: sentinel.name } });
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await sentinel?.stop();
  });

  it('answers on the master the sentinel names, and on the new one after a failover', async () => {
    expect(bot.service.deps.config.redis.mode).toBe('sentinel');
    expect((await say(0)).status).toBe(200);
    await bot.idle();
    expect(answered(0)).toBe(1);
    await sentinel.failover();
    expect(await sentinel.master()).toBe(sentinel.replicaPort);
    // Lark pushes again what the webhook refused while the connection moved to the new master.
    for (let i = 1; i <= 5; i++) {
      await bot.until(async () => (await say(i)).status === 200, 30_000, `event ${i} taken`);
    }
    await bot.until(async () => [1, 2, 3, 4, 5].every((i) => answered(i) >= 1), 30_000, 'the answers after the failover');
    await bot.idle();
    for (let i = 0; i <= 5; i++) expect(answered(i), `event ${i}`).toBe(1);
  }, 120_000);
});
