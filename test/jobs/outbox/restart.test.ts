import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeHarnesses, creates, deleteHarnessKeys, harness, waitFor } from '../../helpers/outbox.js';

afterEach(closeHarnesses);
afterAll(deleteHarnessKeys);

describe('outbox: a worker killed after finishing a job, before BullMQ marked it completed', () => {
  it('the job, handed on with its data already scrubbed, completes on the next worker and sends nothing', async () => {
    const h = await harness();
    // What the killed worker left: the send done and recorded, the job's data replaced by `{ kind, done }`.
    await h.queue.add('send', { kind: 'send', done: true }, { jobId: 'send-finished-before-kill' });
    h.startWorker();
    await waitFor(async () => (await h.queue.getJob('send-finished-before-kill'))?.finishedOn !== undefined, 10_000, 'the job');
    const job = await h.queue.getJob('send-finished-before-kill');
    expect(await job!.getState()).toBe('completed');
    expect(job!.returnvalue).toBe('done');
    expect(creates(h.fake)).toEqual([]);
  });

  it('data that is merely broken is still refused, not taken for a finished job', async () => {
    const h = await harness();
    await h.queue.add('send', { kind: 'send', done: true, to: { openId: 'ou_x' } }, { jobId: 'send-broken' });
    h.startWorker();
    await waitFor(async () => (await h.queue.getJob('send-broken'))?.finishedOn !== undefined, 10_000, 'the job');
    expect(await (await h.queue.getJob('send-broken'))!.getState()).toBe('failed');
  });
});
