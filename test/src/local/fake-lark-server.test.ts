import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLarkServer, type FakeLark, type FakeLarkOptions } from '../../../src/local/fake-lark-server.js';
import { createLarkApi } from '../../../src/lark/client.js';
import { LarkApiError } from '../../../src/lark/errors.js';
import type { Card } from '../../../cards/types.js';

const card = (text: string) => ({ schema: '2.0', body: { elements: [{ tag: 'markdown', content: text }] } }) as Card;

let fake: FakeLark | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(opts: FakeLarkOptions = {}) {
  fake = await startFakeLarkServer(opts);
  return { fake, api: createLarkApi({ appId: 'cli_test', appSecret: 'secret', domain: fake.url }) };
}

async function token(f: FakeLark): Promise<string> {
  const res = await fetch(`${f.url}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app_id: 'cli_test', app_secret: 'secret' }),
  });
  return ((await res.json()) as { tenant_access_token: string }).tenant_access_token;
}

async function rawSend(f: FakeLark, t: string, receiveId: string, extra: Record<string, unknown> = {}) {
  const res = await fetch(`${f.url}/open-apis/im/v1/messages?receive_id_type=chat_id`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
    body: JSON.stringify({ receive_id: receiveId, msg_type: 'text', content: JSON.stringify({ text: 'hi' }), ...extra }),
  });
  return {
    status: res.status, headers: res.headers, body: (await res.json()) as { code: number; msg: string; data?: { message_id: string } },
  };
}

async function rejection(p: Promise<unknown>): Promise<LarkApiError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(LarkApiError);
  return e as LarkApiError;
}

describe('fake Lark server', () => {
  it('de-duplicates sends by uuid within the hour', async () => {
    const { fake, api } = await start();
    const seen: string[] = [];
    fake.on('message', (m) => seen.push(m.messageId));
    const a = await api.send({ chatId: 'oc_a' }, { type: 'card', card: card('one') }, 'uuid-1');
    const b = await api.send({ chatId: 'oc_a' }, { type: 'card', card: card('one') }, 'uuid-1');
    const c = await api.send({ chatId: 'oc_a' }, { type: 'card', card: card('two') }, 'uuid-2');
    expect(b.messageId).toBe(a.messageId);
    expect(c.messageId).not.toBe(a.messageId);
    expect(fake.messagesTo('oc_a')).toHaveLength(2);
    expect(seen).toEqual([a.messageId, c.messageId]);
    expect(fake.messages[0].content).toEqual(card('one'));
  });

  it('answers 429 with the reset header past the per-API limit, and 230020 past 5/s per chat', async () => {
    const { fake } = await start({ apiPerSecond: 3, perReceiverPerSecond: 2 });
    const t = await token(fake);
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await rawSend(fake, t, `oc_${i}`)).body.code);
    expect(codes).toEqual([0, 0, 0, 99991400]);
    const limited = await rawSend(fake, t, 'oc_x');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 99991400, msg: 'request trigger frequency limit' });
    expect(limited.headers.get('x-ogw-ratelimit-limit')).toBe('3');
    expect(Number(limited.headers.get('x-ogw-ratelimit-reset'))).toBeGreaterThanOrEqual(1);

    fake.reset();
    expect((await rawSend(fake, t, 'oc_same')).body.code).toBe(0);
    expect((await rawSend(fake, t, 'oc_same')).body.code).toBe(0);
    const perChat = await rawSend(fake, t, 'oc_same');
    expect(perChat.status).toBe(400);
    expect(perChat.body.code).toBe(230020);
  });

  it('counts the per-minute window too, and the SDK error carries the wait', async () => {
    const { fake, api } = await start({ apiPerSecond: 100, apiPerMinute: 2 });
    await api.botInfo();
    await api.botInfo();
    const e = await rejection(api.botInfo());
    expect(e).toMatchObject({ kind: 'rate_limited', code: 99991400, httpStatus: 429 });
    expect(e.retryAfterMs).toBeGreaterThan(1000);
    expect(e.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(fake.requestsTo('bot.info').map((r) => r.status)).toEqual([200, 200, 429]);
  });

  it('checks the bearer token; the client refetches a refused token once', async () => {
    const { fake, api } = await start({ appId: 'cli_test', appSecret: 'secret' });
    const none = await fetch(`${fake.url}/open-apis/bot/v3/info`);
    expect(none.status).toBe(400);
    expect(((await none.json()) as { code: number }).code).toBe(99991661);
    const wrong = await fetch(`${fake.url}/open-apis/bot/v3/info`, { headers: { authorization: 'Bearer t-wrong' } });
    expect(((await wrong.json()) as { code: number }).code).toBe(99991663);

    expect((await api.botInfo()).name).toBe('群众路线助手');
    fake.revokeTokens();
    expect((await api.botInfo()).openId).toBe(fake.bot.openId);
    expect(fake.requests.filter((r) => r.api === 'bot.info').map((r) => r.code)).toEqual([99991661, 99991663, 0, 99991663, 0]);

    const bad = createLarkApi({ appId: 'cli_test', appSecret: 'nope', domain: fake.url });
    const e = await rejection(bad.botInfo());
    expect(e).toMatchObject({ kind: 'permanent', code: 10014 });
    expect(e.message).toContain('LARK_APP_SECRET');
  });

  it('injects failures, slow answers and answers lost after the message was created', async () => {
    const { fake, api } = await start();
    const to = { openId: 'ou_x' };
    fake.fail('im.message.create', { status: 503, times: 2 });
    expect(await rejection(api.send(to, { type: 'text', text: 'a' }, 'u-a'))).toMatchObject({ kind: 'transient', httpStatus: 503 });
    expect(await rejection(api.send(to, { type: 'text', text: 'a' }, 'u-a'))).toMatchObject({ kind: 'transient' });
    const ok = await api.send(to, { type: 'text', text: 'a' }, 'u-a');
    expect(fake.messagesTo('ou_x').map((m) => m.messageId)).toEqual([ok.messageId]);

    fake.fail('im.message.create', { dropAfterCreate: true });
    expect(await rejection(api.send(to, { type: 'text', text: 'b' }, 'u-b'))).toMatchObject({ kind: 'transient', code: -1 });
    expect(fake.messagesTo('ou_x')).toHaveLength(2);
    const again = await api.send(to, { type: 'text', text: 'b' }, 'u-b');
    expect(fake.messagesTo('ou_x')).toHaveLength(2);
    expect(again.messageId).toBe(fake.messagesTo('ou_x')[1].messageId);

    fake.fail('contact.user.get', { code: 230013, msg: 'Bot has NO availability to this user.' });
    expect(await rejection(api.getUser('ou_x'))).toMatchObject({ kind: 'permanent', code: 230013, httpStatus: 400 });

    const slow = createLarkApi({ appId: 'cli_test', appSecret: 'secret', domain: fake.url }, { timeoutMs: 300 });
    await slow.botInfo();
    fake.fail('bot.info', { delayMs: 1000 });
    expect(await rejection(slow.botInfo())).toMatchObject({ kind: 'transient', code: -2 });
  });

  it('pages chat members with page_token (bots never listed)', async () => {
    const members = Array.from({ length: 130 }, (_, i) => `ou_m${String(i).padStart(3, '0')}`);
    const { fake, api } = await start({ chats: [{ chatId: 'oc_big', members }, { chatId: 'oc_gone', members: [], botIsMember: false }] });
    const t = await token(fake);
    const first = await fetch(
      `${fake.url}/open-apis/im/v1/chats/oc_big/members?member_id_type=open_id&page_size=50`, { headers: { authorization: `Bearer ${t}` } },
    );
    const page = ((await first.json()) as { data: { items: unknown[]; has_more: boolean; page_token: string; member_total: number } }).data;
    expect(page).toMatchObject({ has_more: true, member_total: 130 });
    expect(page.items).toHaveLength(50);

    const all = await api.chatMembers('oc_big');
    expect(all.map((m) => m.openId)).toEqual(members);
    expect(fake.requestsTo('im.chatMembers.get').slice(1).map((r) => Boolean(r.query.page_token))).toEqual([false, true]);
    expect(await rejection(api.chatMembers('oc_gone'))).toMatchObject({ code: 230002, kind: 'permanent' });
  });

  it('resolves emails and mobiles from its directory (batch_get_id)', async () => {
    const { api } = await start({
      users: [
        { openId: 'ou_zhang', name: '张三', email: 'zhang@union.cn', mobile: '+8613800000001' },
        { openId: 'ou_li', name: '李四', mobile: '+8613800000002' },
        { openId: 'ou_out', name: '王五', email: 'wang@union.cn', inScope: false },
      ],
    });
    const r = await api.resolveIds({
      emails: ['Zhang@union.cn', 'nobody@union.cn', 'wang@union.cn'], mobiles: ['13800000002', '+86 138 0000 0001', '13900000000'],
    });
    expect([...r.byEmail]).toEqual([['Zhang@union.cn', 'ou_zhang']]);
    expect([...r.byMobile]).toEqual([['13800000002', 'ou_li'], ['+86 138 0000 0001', 'ou_zhang']]);
    expect(await api.getUser('ou_li')).toEqual({ openId: 'ou_li', name: '李四' });
  });

  it('serves the rest of the contract: reply, patch, urgent, batch send, files, card update, 404', async () => {
    const { fake, api } = await start({
      users: [{ openId: 'ou_a', name: 'A' }, { openId: 'ou_off', name: 'Off', inScope: false }], patchesPerMessagePerSecond: 5,
    });
    const patches: unknown[] = [];
    fake.on('patch', (_m, p) => patches.push(p.content));
    const { messageId } = await api.send({ openId: 'ou_a' }, { type: 'card', card: card('v1') });
    for (let i = 2; i <= 6; i++) await api.patchCard(messageId, card(`v${i}`));
    expect(await rejection(api.patchCard(messageId, card('v7')))).toMatchObject({ code: 230020, kind: 'rate_limited' });
    expect(fake.messages[0].content).toEqual(card('v6'));
    expect(patches).toHaveLength(5);

    const reply = await api.reply(messageId, { type: 'text', text: 'thread' });
    expect(fake.state.message(reply.messageId)).toMatchObject({ parentId: messageId, chatId: fake.messages[0].chatId });
    expect(await api.urgentApp(messageId, ['ou_a', 'ou_off'])).toEqual({ invalidOpenIds: ['ou_off'] });

    const batch = await api.batchSendCard(['ou_a', 'ou_off'], card('notice'));
    expect(batch.messageId).toMatch(/^bm-/);
    expect(batch.invalidOpenIds).toEqual(['ou_off']);
    expect(fake.messages.filter((m) => m.batchId === batch.messageId).map((m) => m.receiveId)).toEqual(['ou_a']);

    const bytes = Buffer.from([0x50, 0x4b, 3, 4, 13, 10, 45, 45, 13, 10, 0, 255, ...Buffer.from('fake xlsx')]);
    const { fileKey } = await api.uploadFile('台账.xlsx', 'xls', bytes);
    expect(fake.state.files.get(fileKey)).toMatchObject({ fileName: '台账.xlsx', fileType: 'xls', size: bytes.length });
    expect(fake.state.files.get(fileKey)?.data.equals(bytes)).toBe(true);
    const fileMsg = await api.sendFile({ openId: 'ou_a' }, fileKey);
    expect(fake.state.message(fileMsg.messageId)?.content).toEqual({ file_key: fileKey });

    fake.registerCardToken('c-token', messageId);
    const t = await token(fake);
    const upd = await fetch(`${fake.url}/open-apis/interactive/v1/card/update`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
      body: JSON.stringify({ token: 'c-token', card: card('v8') }),
    });
    expect(((await upd.json()) as { code: number }).code).toBe(0);
    expect(fake.messages[0].content).toEqual(card('v8'));

    const missing = await fetch(`${fake.url}/open-apis/im/v9/nothing`, { headers: { authorization: `Bearer ${t}` } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: number; msg: string }).code).toBe(404);
    expect(fake.requests.at(-1)).toMatchObject({ api: 'unknown', status: 404 });
  });
});
