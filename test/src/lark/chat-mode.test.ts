import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLarkServer, type FakeLark, type FakeLarkOptions } from '../../../src/local/fake-lark-server.js';
import { createLarkApi } from '../../../src/lark/client.js';
import { withChatModeCache } from '../../../src/lark/chat-mode-cache.js';
import { LarkApiError } from '../../../src/lark/errors.js';

let fake: FakeLark | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(opts: FakeLarkOptions = {}) {
  fake = await startFakeLarkServer({
    users: [{ openId: 'ou_a', name: 'A' }],
    chats: [{ chatId: 'oc_group', name: '机关支部群', members: ['ou_a'] }, { chatId: 'oc_without_bot', members: ['ou_a'], botIsMember: false }],
    ...opts,
  });
  return { fake, api: createLarkApi({ appId: 'cli_test', appSecret: 'secret', domain: fake.url }) };
}

describe('im.v1.chat.get through the real client, against the fake', () => {
  it('names the mode of a p2p chat and of a group; a chat the bot is not in has none', async () => {
    const { fake: f, api } = await start();
    expect(await api.chatMode(f.state.p2pChatId('ou_a'))).toBe('p2p');
    expect(await api.chatMode('oc_group')).toBe('group');
    expect(await api.chatMode('oc_without_bot')).toBeUndefined();
    expect(f.requestsTo('im.chat.get').map((r) => r.path)).toContain('/open-apis/im/v1/chats/oc_group');
  });

  it('a chat unknown to a strict directory, or one the bot is not in (232011), is refused permanently', async () => {
    const { api } = await start({ strictDirectory: true });
    const e = await api.chatMode('oc_nowhere').then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(LarkApiError);
    expect((e as LarkApiError).kind).toBe('permanent');
    fake!.fail('im.chat.get', { code: 232011, msg: 'Operator can NOT be out of the chat.' });
    const out = await api.chatMode('oc_nowhere').then(() => undefined, (x: unknown) => x);
    expect((out as LarkApiError).kind).toBe('permanent');
  });

  it('a send to an open_id answers the p2p chat it landed in', async () => {
    const { fake: f, api } = await start();
    const sent = await api.send({ openId: 'ou_a' }, { type: 'text', text: '您好' });
    expect(sent.chatId).toBe(f.state.p2pChatId('ou_a'));
  });

  it('the cache asks once per chat, keeps no failure and no "not a member" answer', async () => {
    const { fake: f, api } = await start();
    const cached = withChatModeCache(api);
    f.fail('im.chat.get', { status: 500, times: 1 });
    await expect(cached.chatMode('oc_group')).rejects.toBeInstanceOf(LarkApiError);
    expect(await cached.chatMode('oc_group')).toBe('group');
    expect(await cached.chatMode('oc_group')).toBe('group');
    await cached.chatMode('oc_without_bot');
    await cached.chatMode('oc_without_bot');
    const asked = f.requestsTo('im.chat.get').map((r) => r.path.split('/').at(-1));
    expect(asked).toEqual(['oc_group', 'oc_group', 'oc_without_bot', 'oc_without_bot']);
  });
});
