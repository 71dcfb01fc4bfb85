import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { repostKey } from '../../../handlers/outbox-keys.js';
import { isMessageGone, LarkApiError } from '../../../src/lark/errors.js';
import { larkUuid } from '../../../src/outbox.js';
import { bodyOf, card, closeHarnesses, creates, deleteHarnessKeys, harness, waitFor } from '../../helpers/outbox.js';

afterEach(closeHarnesses);
afterAll(deleteHarnessKeys);

type H = Awaited<ReturnType<typeof harness>>;

/** Sends `key` and waits for its message_id. */
async function sent(h: H, key: string, to: { chatId: string } | { openId: string }, text = 'v0'): Promise<string> {
  await h.outbox.send({ key, to, body: { type: 'card', card: card(text) } });
  await waitFor(async () => (await h.outbox.messageId(key)) !== undefined, 10_000, `the send of ${key}`);
  return (await h.outbox.messageId(key))!;
}

const patchStatuses = (h: H) => h.fake.requestsTo('im.message.patch').map((r) => r.status);
const settled = async (h: H, key: string) => (await h.store.readPatch(key)) === undefined;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The bot recalls its own message through the fake's im.message.delete (撤回消息), as an operator would. */
async function recallOverHttp(h: H, messageId: string): Promise<number> {
  const t = await fetch(`${h.fake.url}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app_id: 'cli_test', app_secret: 'secret' }),
  });
  const { tenant_access_token: token } = (await t.json()) as { tenant_access_token: string };
  const r = await fetch(`${h.fake.url}/open-apis/im/v1/messages/${messageId}`, {
    method: 'DELETE', headers: { authorization: `Bearer ${token}` },
  });
  return ((await r.json()) as { code: number }).code;
}

describe('outbox: a patch of a message that is gone in Lark', () => {
  it('recalled (230011): posts the card afresh once, the record names the new message, later patches go there', async () => {
    const h = await harness();
    h.startWorker();
    const first = await sent(h, 'board-1-p1', { chatId: 'oc_board' });
    expect(await recallOverHttp(h, first)).toBe(0);
    expect(h.fake.messagesTo('oc_board')).toHaveLength(0);

    await h.outbox.patch('board-1-p1', card('v1'), { repostTo: { chatId: 'oc_board' } });
    await waitFor(async () => (await h.outbox.messageId('board-1-p1')) !== first, 10_000, 'the re-post');
    const fresh = (await h.outbox.messageId('board-1-p1'))!;
    expect(h.fake.messagesTo('oc_board').map((m) => [m.messageId, m.content])).toEqual([[fresh, card('v1')]]);
    expect(creates(h.fake).map((r) => bodyOf(r).uuid)).toEqual([larkUuid('board-1-p1'), larkUuid(repostKey('board-1-p1', 1))]);
    expect((await h.store.get('board-1-p1'))?.reposts).toBe(1);
    expect(h.logLines.some((l) => l.msg === 'outbox: the message was recalled or deleted in Lark; posted afresh')).toBe(true);

    await h.outbox.patch('board-1-p1', card('v2'), { repostTo: { chatId: 'oc_board' } });
    await waitFor(() => JSON.stringify(h.fake.messagesTo('oc_board')[0].content) === JSON.stringify(card('v2')), 10_000, 'v2');
    expect(patchStatuses(h)).toEqual([400, 200]);
    expect(creates(h.fake)).toHaveLength(2);
    expect(h.fake.messagesTo('oc_board')).toHaveLength(1);
  });

  it('deleted (230001 invalid message_id): a personal card is posted afresh to the person, twice over for two deletions', async () => {
    const h = await harness();
    h.startWorker();
    const first = await sent(h, 'study-s1-ou_a', { openId: 'ou_a' });
    h.fake.state.deleteMessage(first);
    await h.outbox.patch('study-s1-ou_a', card('v1'), { repostTo: { openId: 'ou_a' } });
    await waitFor(async () => (await h.outbox.messageId('study-s1-ou_a')) !== first, 10_000, 'the first re-post');
    const second = (await h.outbox.messageId('study-s1-ou_a'))!;
    h.fake.state.deleteMessage(second);
    await h.outbox.patch('study-s1-ou_a', card('v2'), { repostTo: { openId: 'ou_a' } });
    await waitFor(async () => (await h.outbox.messageId('study-s1-ou_a')) !== second, 10_000, 'the second re-post');

    const now = h.fake.messagesTo('ou_a');
    expect(now.map((m) => m.content)).toEqual([card('v2')]);
    expect(creates(h.fake).map((r) => bodyOf(r).receive_id)).toEqual(['ou_a', 'ou_a', 'ou_a']);
    expect(creates(h.fake).map((r) => bodyOf(r).uuid)).toEqual(
      [larkUuid('study-s1-ou_a'), larkUuid(repostKey('study-s1-ou_a', 1)), larkUuid(repostKey('study-s1-ou_a', 2))],
    );
    // Whom it went to rode with the pending patch only: no record names the person (ballots' records must not).
    for (const k of ['study-s1-ou_a', repostKey('study-s1-ou_a', 1), repostKey('study-s1-ou_a', 2)]) {
      expect(JSON.stringify(await h.store.get(k))).not.toContain('ou_a');
    }
    expect(await h.store.readPatch('study-s1-ou_a')).toBeUndefined();
  });

  it('re-posts exactly once when the answer to the re-post is lost and the job retries', async () => {
    const h = await harness();
    h.startWorker();
    const first = await sent(h, 'ev-r1-chat', { chatId: 'oc_team' });
    h.fake.state.deleteMessage(first);
    // Lark creates the new message, then the connection drops: the job retries the whole patch.
    h.fake.fail('im.message.create', { dropAfterCreate: true });
    await h.outbox.patch('ev-r1-chat', card('v1'), { repostTo: { chatId: 'oc_team' } });
    await waitFor(async () => (await h.outbox.messageId('ev-r1-chat')) !== first && settled(h, 'ev-r1-chat'), 15_000, 'the re-post');

    expect(h.fake.messagesTo('oc_team').map((m) => m.content)).toEqual([card('v1')]);
    const uuids = creates(h.fake).slice(1).map((r) => bodyOf(r).uuid);
    expect(uuids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(uuids)).toEqual(new Set([larkUuid(repostKey('ev-r1-chat', 1))]));
    expect((await h.store.get('ev-r1-chat'))?.reposts).toBe(1);
  });

  it('a transient failure of the patch is retried on the same message, never re-posted', async () => {
    const h = await harness();
    h.startWorker();
    const first = await sent(h, 'ledger-i1', { chatId: 'oc_team' });
    h.fake.fail('im.message.patch', { status: 502, times: 2 });
    await h.outbox.patch('ledger-i1', card('v1'), { repostTo: { chatId: 'oc_team' } });
    await waitFor(() => h.fake.state.message(first)?.patches.length === 1, 15_000, 'the patch');
    expect(patchStatuses(h)).toEqual([502, 502, 200]);
    expect(creates(h.fake)).toHaveLength(1);
    expect(await h.outbox.messageId('ledger-i1')).toBe(first);
  });

  it('a patch that names nowhere to re-post (a "moved" card) is dropped with a warning; another 230001 is not "gone"', async () => {
    const h = await harness();
    h.startWorker();
    const moved = await sent(h, 'board-1-p2', { chatId: 'oc_board' });
    const other = await sent(h, 'board-1-p3', { chatId: 'oc_board' });
    h.fake.state.deleteMessage(moved);
    await h.outbox.patch('board-1-p2', card('moved'));
    const badContent = 'Your request contains an invalid request parameter, ext=invalid content.';
    h.fake.fail((r) => r.api === 'im.message.patch' && r.path.endsWith(other), { code: 230001, msg: badContent });
    await h.outbox.patch('board-1-p3', card('v1'), { repostTo: { chatId: 'oc_board' } });
    const refused = async () => patchStatuses(h).length === 2 && (await settled(h, 'board-1-p2')) && settled(h, 'board-1-p3');
    await waitFor(refused, 10_000, 'both refusals');
    await pause(300);
    expect(patchStatuses(h)).toEqual([400, 400]);
    expect(creates(h.fake)).toHaveLength(2);
    expect(await h.outbox.messageId('board-1-p2')).toBe(moved);
    expect(await h.outbox.messageId('board-1-p3')).toBe(other);
    expect(await settled(h, 'board-1-p2')).toBe(true);
    expect(await settled(h, 'board-1-p3')).toBe(true);
    expect(h.logLines.filter((l) => String(l.msg).includes('names nowhere to post it afresh'))).toHaveLength(1);
  });
});

describe('isMessageGone', () => {
  const err = (code: number, msg: string) => new LarkApiError({ code, method: 'im.message.patch', msg, httpStatus: 400 });
  it('knows a recalled or deleted message from any other refusal', () => {
    expect(isMessageGone(err(230011, 'The message is recalled.'))).toBe(true);
    expect(isMessageGone(err(230001, 'Your request contains an invalid request parameter, ext=invalid message_id.'))).toBe(true);
    expect(isMessageGone(err(230001, 'invalid receive_id'))).toBe(false);
    expect(isMessageGone(err(230031, 'Message can only be modified within 14 days after sending.'))).toBe(false);
    expect(err(230031, '').kind).toBe('permanent');
    expect(isMessageGone(new Error('invalid message_id'))).toBe(false);
  });
});
