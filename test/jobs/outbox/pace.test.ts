import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { bodyOf, card, closeHarnesses, creates, deleteHarnessKeys, harness, peak, waitFor } from '../../helpers/outbox.js';

afterEach(closeHarnesses);
afterAll(deleteHarnessKeys);

describe('outbox pacing', () => {
  it('keeps a burst of 20 to one chat within 5/s at the fake server', async () => {
    const h = await harness();
    h.startWorker();
    await h.outbox.sendMany(Array.from({ length: 20 }, (_, i) => ({
      key: `burst:${i}`, to: { chatId: 'oc_burst' }, body: { type: 'text' as const, text: `第${i}条` },
    })));
    await waitFor(() => h.fake.messagesTo('oc_burst').length === 20, 20_000, '20 messages');
    const calls = creates(h.fake, (r) => bodyOf(r).receive_id === 'oc_burst');
    expect(calls.every((r) => r.status === 200)).toBe(true);
    expect(peak(calls.map((r) => r.time), 1000)).toBeLessThanOrEqual(5);
    expect(new Set(h.fake.messagesTo('oc_burst').map((m) => m.uuid)).size).toBe(20);
  });

  it('coalesces 10 patches of one message into ≤ 1/s, last content wins', async () => {
    const h = await harness({ limits: { lateToleranceMs: 100 } });
    h.startWorker();
    await h.outbox.send({ key: 'board', to: { chatId: 'oc_board' }, body: { type: 'card', card: card('v0') } });
    await waitFor(async () => (await h.outbox.messageId('board')) !== undefined, 10_000, 'the board');
    for (let i = 1; i <= 10; i++) {
      await h.outbox.patch('board', card(`v${i}`));
      await new Promise((r) => setTimeout(r, 50));
    }
    const msg = h.fake.messagesTo('oc_board')[0];
    const last = async () =>
      JSON.stringify(msg.content) === JSON.stringify(card('v10')) && (await h.store.readPatch('board')) === undefined;
    await waitFor(last, 15_000, 'the last card');
    await new Promise((r) => setTimeout(r, 300));
    const patches = h.fake.requestsTo('im.message.patch');
    expect(patches.length).toBeGreaterThanOrEqual(1);
    expect(patches.length).toBeLessThanOrEqual(10);
    expect(patches.every((r) => r.status === 200)).toBe(true);
    for (let i = 1; i < patches.length; i++) expect(patches[i].time - patches[i - 1].time).toBeGreaterThanOrEqual(800);
    expect(msg.content).toEqual(card('v10'));
  });

  it('fans out 300 messages under scaled app limits: no 429, no duplicate, none lost', async () => {
    const n = 300;
    const users = Array.from({ length: n }, (_, i) => ({ openId: `ou_u${i}`, name: `U${i}` }));
    const h = await harness({ fake: { users, apiPerSecond: 20, apiPerMinute: 900 }, limits: { apiPerSecond: 20, apiPerMinute: 900 } });
    h.startWorker();
    await h.outbox.sendMany(users.map((u) => ({
      key: `remind:${u.openId}`, to: { openId: u.openId }, body: { type: 'card' as const, card: card('该提交心得体会了') },
    })));
    await waitFor(() => h.fake.messages.length >= n, 55_000, `${n} messages`);
    await new Promise((r) => setTimeout(r, 300));
    const calls = creates(h.fake);
    expect(calls.filter((r) => r.status === 429)).toHaveLength(0);
    expect(calls.filter((r) => r.status !== 200)).toHaveLength(0);
    expect(h.fake.messages).toHaveLength(n);
    expect(new Set(h.fake.messages.map((m) => m.receiveId)).size).toBe(n);
    expect(peak(calls.map((r) => r.time), 1000)).toBeLessThanOrEqual(20);
  }, 60_000);
});
