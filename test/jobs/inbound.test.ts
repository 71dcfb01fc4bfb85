import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot.js';

/**
 * A worker killed after handling an event and scrubbing its job's data, before BullMQ marked the job completed:
 * the stalled check hands the job to another worker, which completes it without a "failed" job or a reply.
 */

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot(); });
afterAll(async () => { await bot?.stop(); });

describe('inbound: a job finished before a worker restart', () => {
  it('completes on the next worker and answers nothing more', async () => {
    const q = bot.service.deps.queues.inbound;
    await q.add('message', { type: 'message', eventId: 'ev-finished-before-kill', done: true }, { jobId: 'ev-finished-before-kill' });
    await bot.until(async () => (await q.getJob('ev-finished-before-kill'))?.finishedOn !== undefined, 10_000, 'the job');
    expect(await (await q.getJob('ev-finished-before-kill'))!.getState()).toBe('completed');
    await bot.idle();
    expect(bot.fake.messages).toEqual([]);
  });

  it('data that is merely broken is still refused', async () => {
    const q = bot.service.deps.queues.inbound;
    await q.add('message', { type: 'message', done: true }, { jobId: 'ev-broken', attempts: 1 });
    await bot.until(async () => (await q.getJob('ev-broken'))?.finishedOn !== undefined, 10_000, 'the job');
    expect(await (await q.getJob('ev-broken'))!.getState()).toBe('failed');
  });
});
