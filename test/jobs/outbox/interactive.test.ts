import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { OUTBOX_PRIORITY, outboxJobId } from '../../../src/outbox.js';
import { card, closeHarnesses, creates, deleteHarnessKeys, harness, peak, waitFor } from '../../helpers/outbox.js';

afterEach(closeHarnesses);
afterAll(deleteHarnessKeys);

describe('outbox: interactive first', () => {
  it('marks an answer interactive (priority and job data); bulk is the default', async () => {
    const h = await harness();
    await h.outbox.send({ key: 'answer:1', to: { chatId: 'oc_a' }, body: { type: 'text', text: '好' }, interactive: true });
    await h.outbox.sendMany([{ key: 'remind:1', to: { openId: 'ou_b' }, body: { type: 'text', text: '提醒' } }]);
    const answer = await h.queue.getJob(outboxJobId('send', 'answer:1'));
    const remind = await h.queue.getJob(outboxJobId('send', 'remind:1'));
    expect(answer?.opts.priority).toBe(OUTBOX_PRIORITY.interactive);
    expect(answer?.data).toMatchObject({ interactive: true });
    expect(remind?.opts.priority).toBe(OUTBOX_PRIORITY.bulk);
    expect(remind?.data).not.toHaveProperty('interactive');
  });

  it('delivers answers enqueued after a fan-out of 400 before the fan-out\'s tail; the fan-out still finishes', async () => {
    const n = 400;
    const users = Array.from({ length: n + 5 }, (_, i) => ({ openId: `ou_f${i}`, name: `F${i}` }));
    const limits = { apiPerSecond: 50, apiPerMinute: 5000 };
    const h = await harness({ fake: { users, ...limits }, limits });
    h.startWorker();
    await h.outbox.sendMany(users.slice(0, n).map((u) => ({
      key: `remind:${u.openId}`, to: { openId: u.openId }, body: { type: 'card' as const, card: card('明天上午学习') },
    })));
    await waitFor(() => h.fake.messages.length >= 60, 20_000, 'the fan-out under way');
    const answers = users.slice(n).map((u) => u.openId);
    for (const id of answers) {
      await h.outbox.send({ key: `answer:${id}`, to: { openId: id }, body: { type: 'text', text: '收到' }, interactive: true });
    }
    await waitFor(() => h.fake.messages.length >= n + answers.length, 40_000, 'every message');
    await new Promise((r) => setTimeout(r, 300));
    const order = h.fake.messages.map((m) => m.receiveId);
    // Observed at the fake Lark: each answer arrived before the last 150 cards of the fan-out.
    const tail = order.filter((id) => !answers.includes(id)).slice(-150);
    const firstOfTail = order.indexOf(tail[0]!);
    for (const id of answers) expect(order.indexOf(id), `answer to ${id}`).toBeLessThan(firstOfTail);
    expect(order).toHaveLength(n + answers.length);
    expect(new Set(order).size).toBe(n + answers.length);
    // A 429 (a late call bunching with the next second's, on a busy machine) is waited out, never a second message.
    const calls = creates(h.fake);
    expect(calls.filter((r) => r.status !== 200 && r.status !== 429)).toHaveLength(0);
    expect(peak(calls.filter((r) => r.status === 200).map((r) => r.time), 1000)).toBeLessThanOrEqual(50);
  }, 60_000);
});
