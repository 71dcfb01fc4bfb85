import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuditedBot, type AuditedBot } from '../../helpers/aof/session.js';

/**
 * The welcome card's "who talked to the bot" set under the write-history audit: each person's first
 * p2p entry adds them to it (as a keyed HMAC) and welcomes them; a second entry adds nothing. No command
 * in the AOF and no log line may tie the set's entry to the person.
 */

const PEOPLE = ['ou_member_01', 'ou_member_02', 'ou_member_03'];

let a: AuditedBot;
beforeAll(async () => { a = await startAuditedBot(); });
afterAll(async () => { await a?.stop(); });

describe('the welcome set under the write-history audit', () => {
  it('each person\'s first entry welcomes them once (an audited act each); a second entry sends nothing', async () => {
    for (const p of PEOPLE) {
      await a.act(`first entry of ${p}`, p, async () => {
        expect((await a.enter(p)).status).toBe(200);
      });
    }
    await a.enter(PEOPLE[0]);
    await a.bot.idle();
    for (const p of PEOPLE) {
      expect(a.bot.fake.messagesTo(a.idsOf(p).chatId).filter((m) => m.msgType === 'interactive'), p).toHaveLength(1);
    }
  });

  it('no command in the AOF and no log line ties an entry of the set to its person', () => {
    // Fails while the welcome message's outbox key carries the set's HMAC next to the p2p chat id (#13 finding 8).
    expect(a.acts).toHaveLength(3);
    a.assertClean();
  });
});
