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
