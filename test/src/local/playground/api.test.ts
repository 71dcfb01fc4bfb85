import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withMentions } from '../../../../src/local/playground/bridge.js';
import { startLocalService } from '../../../helpers/playground.js';

const MEMBER = 'ou_member_01';
const GROUP = 'oc_announce_board';

describe('the playground API (local mode)', () => {
  let svc: Awaited<ReturnType<typeof startLocalService>>;
  let base = '';
  const post = (path: string, body: unknown) =>
    fetch(`${base}/api/${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-playground-token': svc.token },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = (path: string) => fetch(`${base}/api/${path}`, { headers: { 'x-playground-token': svc.token } });

  beforeAll(async () => {
    svc = await startLocalService();
    base = svc.url;
  });
  afterAll(async () => svc?.stop());

  it('serves the page and its modules with a strict CSP, and nothing outside static/', async () => {
    const page = await fetch(base);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('LOCAL MODE');
    expect(html).toContain(`<meta name="playground-token" content="${svc.token}">`);
    expect((await fetch(`${base}/static/render.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${base}/static/..%2Fbridge.ts`)).status).toBe(404);
    expect((await fetch(`${base}/static/nope.js`)).status).toBe(404);
  });

  it('lists the people of the campaign by role, and each person\'s chats', async () => {
    const people = (await (await get('people')).json()) as { openId: string; group: string; roleNames: string[] }[];
    expect(new Set(people.map((p) => p.group))).toEqual(new Set(['admin', 'topLeader', 'leader', 'supervisor', 'member']));
    expect(people.find((p) => p.openId === 'ou_leader_wang')?.roleNames).toEqual(['主要负责同志', '班子成员']);
    const chats = (await (await get(`chats?as=${MEMBER}`)).json()) as { chatId: string; kind: string }[];
    expect(chats.map((c) => c.kind)).toEqual(['p2p', 'group']);
    expect(chats[0].chatId).toBe(svc.fake.state.p2pChatId(MEMBER));
  });

  it('sends a group message with an @bot mention as a signed event, and streams the answer', async () => {
    const stream = await fetch(`${base}/api/stream?token=${svc.token}`);
    const reader = stream.body!.getReader();
    const r = await post('send', { as: MEMBER, chatId: GROUP, text: '@ 帮助' });
    expect(r.status).toBe(200);
    expect((await r.json()).status).toBe(200);
    let seen = '';
    while (!/"from":"bot"/.test(seen)) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(seen).toContain('@群众路线助手 帮助');
    expect(seen).toMatch(/event: message\ndata: \{"id":"om_\w+","chatId":"oc_announce_board","from":"bot","msgType":"interactive"/);
  });

  it('refuses what a Lark client could not send', async () => {
    expect((await post('send', { as: MEMBER, chatId: svc.fake.state.p2pChatId('ou_admin_liu'), text: 'hi' })).status).toBe(400);
    expect((await post('send', { as: MEMBER, chatId: GROUP, text: '' })).status).toBe(400);
    expect((await post('send', '{not json')).status).toBe(400);
    expect((await post('action', { as: MEMBER, messageId: 'om_nope', value: { a: 'help' } })).status).toBe(400);
    expect((await get(`messages?as=${MEMBER}&chat=${svc.fake.state.p2pChatId('ou_admin_liu')}`)).status).toBe(400);
  });

  it('takes a file from the local disk as a signed file message, kept on the fake and served as its resource', async () => {
    const p2p = svc.fake.state.p2pChatId(MEMBER);
    const bytes = Buffer.from('%PDF-1.7 整改方案');
    const r = await post('file', { as: MEMBER, chatId: p2p, name: '整改方案.pdf', data: bytes.toString('base64') });
    expect(r.status).toBe(200);
    const { messageId, status } = (await r.json()) as { messageId: string; status: number };
    expect(status).toBe(200);
    const m = svc.fake.state.message(messageId)!;
    expect(m).toMatchObject({ msgType: 'file', senderOpenId: MEMBER, chatId: p2p });
    const key = (m.content as { file_key: string }).file_key;
    expect(svc.fake.state.files.get(key)?.data.equals(bytes)).toBe(true);
    const listed = (await (await get(`messages?as=${MEMBER}&chat=${p2p}`)).json()) as { id: string; file?: { name: string } }[];
    expect(listed.find((x) => x.id === messageId)?.file).toMatchObject({ name: '整改方案.pdf', size: bytes.length });
    // Nobody waits for it: the bot answers with the hint.
    await expect.poll(() => svc.fake.messages.some((x) => x.chatId === p2p && !x.senderOpenId && x.msgType === 'text'
      && (x.content as { text: string }).text.includes('提交新版本')), { timeout: 15_000 }).toBe(true);
  });

  it('refuses a file without the token, too large, empty, with a path, or into someone else\'s chat', async () => {
    const p2p = svc.fake.state.p2pChatId(MEMBER);
    const data = Buffer.from('x').toString('base64');
    const noToken = await fetch(`${base}/api/file`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: MEMBER, chatId: p2p, name: 'a.pdf', data }),
    });
    expect(noToken.status).toBe(403);
    const big = Buffer.alloc(25 * 1024 * 1024 + 1).toString('base64');
    expect((await post('file', { as: MEMBER, chatId: p2p, name: 'a.pdf', data: big })).status).toBe(400);
    expect((await post('file', { as: MEMBER, chatId: p2p, name: 'a.pdf', data: '' })).status).toBe(400);
    expect((await post('file', { as: MEMBER, chatId: p2p, name: '../a.pdf', data })).status).toBe(400);
    expect((await post('file', { as: MEMBER, chatId: p2p, name: 'a.pdf', data: 'not base64!' })).status).toBe(400);
    expect((await post('file', { as: MEMBER, chatId: svc.fake.state.p2pChatId('ou_admin_liu'), name: 'a.pdf', data })).status).toBe(400);
  });
});

describe('withMentions', () => {
  const dir = [{ openId: 'ou_bot', name: '助手' }, { openId: 'ou_a', name: '张华' }, { openId: 'ou_b', name: '张华华' }];
  it('turns @Name into Lark placeholders, longest name first, one key per person', () => {
    expect(withMentions('设置 督导组 @张华华 和 @张华 @张华', dir)).toEqual({
      content: '设置 督导组 @_user_1 和 @_user_2 @_user_2',
      mentions: [{ key: '@_user_1', openId: 'ou_b', name: '张华华' }, { key: '@_user_2', openId: 'ou_a', name: '张华' }],
    });
    expect(withMentions('@nobody 帮助', dir)).toEqual({ content: '@nobody 帮助', mentions: [] });
  });
});
