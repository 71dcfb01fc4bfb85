import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { LarkApi } from '../../../src/lark/api.js';
import { larkUuid, outboxJobId } from '../../../src/outbox.js';
import { bodyOf, card, closeHarnesses, counter, creates, deleteHarnessKeys, harness, waitFor } from '../../helpers/outbox.js';

afterEach(closeHarnesses);
afterAll(deleteHarnessKeys);

type Harness = Awaited<ReturnType<typeof harness>>;
/** Delivered, and the job finished: the message is recorded before BullMQ marks the job completed, so wait for both. */
const done = (h: Harness, key: string) => waitFor(async () => (await h.outbox.messageId(key)) !== undefined
  && (await (await h.queue.getJob(outboxJobId('send', key)))?.getState()) === 'completed', 10_000, 'delivery');

describe('outbox', () => {
  it('waits x-ogw-ratelimit-reset on 429 and then delivers exactly once', async () => {
    const h = await harness();
    h.fake.fail('im.message.create', { status: 429, code: 99991400, headers: { 'x-ogw-ratelimit-reset': '1' } });
    h.startWorker();
    await h.outbox.send({ key: 'rl:1', to: { openId: 'ou_a' }, body: { type: 'card', card: card('hello') } });
    await done(h, 'rl:1');
    const calls = creates(h.fake);
    expect(calls.map((r) => r.status)).toEqual([429, 200]);
    expect(calls[1].time - calls[0].time).toBeGreaterThanOrEqual(900);
    expect(h.fake.messagesTo('ou_a')).toHaveLength(1);
    // BullMQ counts the completion itself as an attempt: 1 means the 429 used none.
    expect((await h.queue.getJob(outboxJobId('send', 'rl:1')))?.attemptsMade).toBe(1);
    expect(await counter(h.metrics.outboxRetried, { reason: 'rate_limited' })).toBe(1);
    expect(await counter(h.metrics.outboxSent, { api: 'im.message.create' })).toBe(1);
  });

  it('retries 5xx with backoff and delivers exactly once', async () => {
    const h = await harness();
    h.fake.fail('im.message.create', { status: 502, times: 2 });
    h.startWorker();
    await h.outbox.send({ key: 'flaky:1', to: { chatId: 'oc_team' }, body: { type: 'text', text: '学习提醒' } });
    await done(h, 'flaky:1');
    expect(creates(h.fake).map((r) => r.status)).toEqual([502, 502, 200]);
    expect(new Set(creates(h.fake).map((r) => bodyOf(r).uuid))).toEqual(new Set([larkUuid('flaky:1')]));
    expect(h.fake.messagesTo('oc_team')).toHaveLength(1);
    expect((await h.queue.getJob(outboxJobId('send', 'flaky:1')))?.attemptsMade).toBe(3);
    expect(await counter(h.metrics.outboxRetried, { reason: 'transient' })).toBe(2);
    expect(h.logLines.filter((l) => l.msg === 'outbox: call failed, will retry')).toHaveLength(2);
    expect(JSON.stringify(h.logLines)).not.toContain('学习提醒');
  });

  it('stops on 230013, reports the unreachable to the admins once, and never reports an admin to themselves', async () => {
    const h = await harness({
      admins: ['ou_admin', 'ou_admin_gone'],
      fake: { users: [
        { openId: 'ou_admin', name: '办公室' },
        { openId: 'ou_admin_gone', name: '离职', inScope: false }, { openId: 'ou_left', name: '已离职', inScope: false },
      ] },
    });
    h.startWorker();
    await h.outbox.send({ key: 'ballot:r1:x', to: { openId: 'ou_left' }, body: { type: 'card', card: card('ballot') } });
    await h.outbox.send({ key: 'ballot:r1:y', to: { openId: 'ou_admin_gone' }, body: { type: 'card', card: card('ballot') } });
    await waitFor(() => h.fake.messagesTo('ou_admin').length > 0, 10_000, 'the report');
    await new Promise((r) => setTimeout(r, 800)); // room for a second (looping) report to show up

    expect(creates(h.fake, (r) => bodyOf(r).receive_id === 'ou_left')).toHaveLength(1);
    const failed = await h.queue.getJob(outboxJobId('send', 'ballot:r1:x'));
    expect(await failed?.getState()).toBe('failed');
    expect(failed?.failedReason).toContain('230013');
    expect(failed?.attemptsMade).toBe(1);
    const refused = (l: Record<string, unknown>) => l.msg === 'outbox: refused by Lark, not retried' && l.code === 230013;
    expect(h.logLines.some((l) => refused(l) && String(l.reason).includes('availability'))).toBe(true);

    const reports = h.fake.messagesTo('ou_admin');
    expect(reports).toHaveLength(1);
    const text = (reports[0].content as { text: string }).text;
    expect(text).toContain('<at user_id="ou_left"></at>');
    expect(text).toContain('<at user_id="ou_admin_gone"></at>');
    expect(creates(h.fake, (r) => bodyOf(r).receive_id === 'ou_admin_gone')).toHaveLength(1); // the ballot only
    expect((await h.store.unreachable()).map((u) => u.id).sort()).toEqual(['ou_admin_gone', 'ou_left']);
    expect(await h.store.unreported()).toEqual([]);
    expect(await counter(h.metrics.outboxFailed, { code: '230013' })).toBe(2);
  });

  it('retries with the same uuid when the answer is lost after Lark created the message', async () => {
    const h = await harness();
    h.fake.fail('im.message.create', { dropAfterCreate: true });
    h.startWorker();
    await h.outbox.send({ key: 'lost:1', to: { openId: 'ou_b' }, body: { type: 'text', text: '提醒' } });
    await waitFor(async () => (await h.outbox.messageId('lost:1')) !== undefined, 10_000, 'delivery');
    const calls = creates(h.fake);
    expect(calls).toHaveLength(2);
    expect(calls[0].status).toBeUndefined();
    expect(bodyOf(calls[0]).uuid).toBe(bodyOf(calls[1]).uuid);
    expect(h.fake.messagesTo('ou_b')).toHaveLength(1);
    expect(await h.outbox.messageId('lost:1')).toBe(h.fake.messagesTo('ou_b')[0].messageId);
  });

  it('delivers exactly once when the worker dies mid-send and another takes over', async () => {
    const h = await harness();
    const quick = { lockDuration: 1000, stalledInterval: 300 };
    let inFlight = 0;
    // A worker that dies after its request left: Lark creates the message, nobody hears back.
    const dying: LarkApi = {
      ...h.lark,
      send: (to, body, uuid) => {
        inFlight++;
        void h.lark.send(to, body, uuid).catch(() => undefined);
        return new Promise(() => undefined);
      },
    };
    const first = h.startWorker(dying, quick);
    h.fake.fail('im.message.create', { delayMs: 300 });
    await h.outbox.send({ key: 'restart:1', to: { chatId: 'oc_r' }, body: { type: 'card', card: card('deadline') } });
    await waitFor(() => inFlight === 1, 10_000, 'the first send');
    await first.close(true);
    h.startWorker(h.lark, quick);
    await waitFor(async () => (await h.outbox.messageId('restart:1')) !== undefined, 15_000, 'delivery by the second worker');
    expect(creates(h.fake)).toHaveLength(2);
    expect(h.fake.messagesTo('oc_r')).toHaveLength(1);
    expect(await h.outbox.messageId('restart:1')).toBe(h.fake.messagesTo('oc_r')[0].messageId);
  });

  it('retries a send of unknown outcome past the uuid window anyway, counted as a possible duplicate', async () => {
    const h = await harness();
    // An attempt 56 min ago whose answer never came.
    await h.store.beginAttempt('late:1', Date.now() - 56 * 60_000);
    h.startWorker();
    await h.outbox.send({ key: 'late:1', to: { openId: 'ou_d' }, body: { type: 'text', text: '逾期提醒' } });
    await waitFor(async () => (await h.outbox.messageId('late:1')) !== undefined, 10_000, 'delivery');
    expect(h.fake.messagesTo('ou_d')).toHaveLength(1);
    expect(await counter(h.metrics.outboxPossibleDuplicates)).toBe(1);
    expect(h.logLines.some((l) => l.level === 40 && String(l.msg).includes('may arrive twice'))).toBe(true);
  });

  it('uploads a file once and sends it once, even when the file message needs a retry', async () => {
    const h = await harness();
    h.fake.fail('im.message.create', { status: 500 });
    h.startWorker();
    const data = Buffer.from('\uFEFF类别,数量\r\n四风,3\r\n', 'utf8');
    await h.outbox.sendFile({ key: 'export:1', to: { openId: 'ou_c' }, fileName: '意见报告.csv', fileType: 'stream', data });
    await waitFor(async () => (await h.outbox.messageId('export:1')) !== undefined && (await h.store.getFile('export:1')) === undefined,
      10_000, 'the file message');
    expect(h.fake.requestsTo('im.file.create')).toHaveLength(1);
    expect(creates(h.fake).map((r) => r.status)).toEqual([500, 200]);
    const [msg] = h.fake.messagesTo('ou_c');
    const fileKey = (msg.content as { file_key: string }).file_key;
    expect(h.fake.state.files.get(fileKey)?.data.equals(data)).toBe(true);
    expect(await h.store.getFile('export:1')).toBeUndefined();
  });

  it('buzzes once after the send and sends a batch notice once', async () => {
    const h = await harness({ fake: { users: [{ openId: 'ou_e', name: 'E' }, { openId: 'ou_f', name: 'F' }] } });
    h.startWorker();
    await h.outbox.send({ key: 'overdue:1', to: { openId: 'ou_e' }, body: { type: 'card', card: card('已逾期') }, urgentTo: ['ou_e'] });
    await h.outbox.notice('notice:1', ['ou_e', 'ou_f', 'ou_e'], card('通知'));
    await h.outbox.notice('notice:1', ['ou_e', 'ou_f'], card('通知'));
    const both = async () => (await h.outbox.messageId('notice:1')) !== undefined && (await h.store.get('overdue:1'))?.urgentDone === true;
    await waitFor(both, 10_000, 'both');
    const sent = h.fake.messagesTo('ou_e').find((m) => !m.batchId);
    expect(sent?.urgent.map((u) => u.openIds)).toEqual([['ou_e']]);
    expect(h.fake.requestsTo('im.message.urgentApp')).toHaveLength(1);
    expect(h.fake.requestsTo('message.batchSend')).toHaveLength(1);
    expect(h.fake.messages.filter((m) => m.batchId).map((m) => m.receiveId).sort()).toEqual(['ou_e', 'ou_f']);
  });
});
