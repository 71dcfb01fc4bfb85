import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, menuEvent, botAddedEvent, p2pEnteredEvent, cardActionEvent, newEventId } from '../../src/local/lark-push.js';
import { LOCAL_BOT } from '../../src/local/local-mode.js';
import { validateCard } from '../../cards/validate.js';
import { startTestBot, type TestBot } from '../helpers/bot.js';
import { dumpPrefix, testRedisUrl } from '../helpers/redis.js';
import { keyedHmac } from '../../src/domain/hmac.js';

let bot: TestBot;

beforeAll(async () => { bot = await startTestBot(); });
afterAll(async () => { await bot?.stop(); });

const p2p = (openId: string) => `oc_p2p_${openId}`;
const say = (openId: string, text: string, eventId?: string) =>
  bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId: p2p(openId), chatType: 'p2p', text }), { eventId });
type Mention = { key: string; openId: string; name: string };
/** A direct message with @mentions. */
const sayAt = (openId: string, text: string, mentions: Mention[]) =>
  bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId: p2p(openId), chatType: 'p2p', text, mentions }));
const sayInGroup = (openId: string, text: string, mentions?: Mention[]) =>
  bot.push('im.message.receive_v1', messageEvent({ senderOpenId: openId, chatId: 'oc_group_1', chatType: 'group', text, mentions }));
const click = (openId: string, value: unknown) => bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: openId, value }));
const cardsTo = (id: string) => bot.fake.messagesTo(id).filter((m) => m.msgType === 'interactive');
const textOf = (m: { content: unknown }) => JSON.stringify(m.content);

describe('help, end to end through the webhook, the queue, the outbox and the fake Lark server', () => {
  it('a signed, encrypted 帮助 in p2p yields exactly one help card, also when delivered five times', async () => {
    const eventId = newEventId();
    const event = messageEvent({ senderOpenId: 'ou_member_01', chatId: p2p('ou_member_01'), chatType: 'p2p', text: '帮助' });
    for (let i = 0; i < 5; i++) {
      const r = await bot.push('im.message.receive_v1', event, { eventId });
      expect(r).toMatchObject({ status: 200, json: {} });
    }
    await bot.idle();
    const cards = cardsTo(p2p('ou_member_01'));
    expect(cards).toHaveLength(1);
    expect(validateCard(cards[0].content)).toEqual([]);
    expect(textOf(cards[0])).toContain('帮助');
    // A member sees no admin command.
    expect(textOf(cards[0])).not.toContain('设置 管理员');
    // The four re-pushes are counted where they were refused, by the time each was acknowledged.
    const dup = (await bot.service.deps.metrics.duplicates.get()).values.find((v) => v.labels.kind === 'event')?.value ?? 0;
    expect(dup).toBe(4);
  });

  it('help lists only what the caller may do: an admin sees the role settings', async () => {
    await say('ou_admin_liu', '／ＨＥＬＰ');
    await bot.idle();
    const [card] = cardsTo(p2p('ou_admin_liu'));
    expect(textOf(card)).toContain('设置');
    expect(validateCard(card.content)).toEqual([]);
  });

  it('@bot in a group is answered in the group; a group message without @bot is ignored', async () => {
    const mention = { key: '@_user_1', openId: LOCAL_BOT.openId, name: LOCAL_BOT.name };
    await sayInGroup('ou_member_02', '@_user_1 帮助', [mention]);
    await sayInGroup('ou_member_02', '帮助');
    await bot.idle();
    const inGroup = bot.fake.messagesTo('oc_group_1');
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0].msgType).toBe('interactive');
  });

  it('the bot menu answers by direct message; unknown text gets a hint, never silence', async () => {
    await bot.push('application.bot.menu_v6', menuEvent('ou_member_03', 'help'));
    await say('ou_member_04', '今天天气怎么样');
    await bot.idle();
    expect(cardsTo('ou_member_03')).toHaveLength(1);
    const hint = cardsTo(p2p('ou_member_04'));
    expect(hint).toHaveLength(1);
    expect(textOf(hint[0])).toContain('帮助');
    // 进度 is built now (issue #12): the dashboard, not the hint.
    await say('ou_member_05', '进度');
    await bot.idle();
    expect(textOf(cardsTo(p2p('ou_member_05'))[0])).toContain('活动进度');
  });

  it('welcome card once on first p2p entry, and when added to a group', async () => {
    const entered = p2pEnteredEvent(p2p('ou_member_06'), 'ou_member_06');
    for (let i = 0; i < 3; i++) await bot.push('im.chat.access_event.bot_p2p_chat_entered_v1', entered);
    await bot.push('im.chat.member.bot.added_v1', botAddedEvent('oc_group_1', 'ou_admin_liu', '机关支部群'));
    await bot.idle();
    expect(cardsTo(p2p('ou_member_06'))).toHaveLength(1);
    expect(cardsTo('oc_group_1').some((m) => textOf(m).includes('欢迎'))).toBe(true);
    // A later entry (a new event) welcomes nobody twice; the outbox keys the card by event, never by the set's HMAC.
    await bot.push('im.chat.access_event.bot_p2p_chat_entered_v1', entered, { eventId: newEventId() });
    await bot.idle();
    expect(cardsTo(p2p('ou_member_06'))).toHaveLength(1);
    const who = keyedHmac(bot.service.deps.ctx.anonSecret, 'welcome', 'ou_member_06');
    const dump = [...(await dumpPrefix(testRedisUrl(), bot.prefix))].map(([k, v]) => `${k} ${v}`);
    expect(dump.some((x) => x.includes(who))).toBe(true);
    // The outbox's record of the message (kept with the job's recipient) never names the set's entry.
    expect(dump.filter((x) => x.includes(`welcome-${who}`))).toEqual([]);
    expect(dump.filter((x) => x.includes(who) && (x.includes(p2p('ou_member_06')) || x.includes('ou_member_06')))).toEqual([]);
  });
});

describe('roles at run time', () => {
  it('an admin adds a leader and an admin with @mentions; each change is audited', async () => {
    const zhang = { key: '@_user_1', openId: 'ou_member_02', name: '张华' };
    await sayAt('ou_admin_liu', '设置 班子成员 @_user_1 工会副主席', [zhang]);
    await sayAt('ou_admin_liu', '设置 管理员 @_user_1', [{ ...zhang, openId: 'ou_member_03', name: '杨丽' }]);
    await bot.idle();
    const roles = await bot.service.deps.ctx.roles.rolesOf('ou_member_02');
    expect([...roles].sort()).toEqual(['leader', 'member']);
    expect(await bot.service.deps.ctx.roles.rolesOf('ou_member_03')).toContain('admin');
    const audit = await bot.service.deps.ctx.store.audit.recent();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['role.add.leader', 'role.add.admin']));
    expect(audit.every((a) => a.actor === 'ou_admin_liu')).toBe(true);
  });

  it('a non-admin cannot set roles, by command or by a forwarded card button', async () => {
    await sayAt('ou_member_07', '设置 管理员 @_user_1', [{ key: '@_user_1', openId: 'ou_member_07', name: '罗敏' }]);
    await bot.idle();
    expect(textOf(bot.fake.messagesTo(p2p('ou_member_07'))[0])).toContain('无权限');
    expect(await bot.service.deps.ctx.roles.rolesOf('ou_member_07')).not.toContain('admin');
    const r = await click('ou_member_07', { v: 1, a: 'roles.remove', role: 'admin', openId: 'ou_member_03' });
    expect(r.json.toast.type).toBe('error');
    expect(await bot.service.deps.ctx.roles.rolesOf('ou_member_03')).toContain('admin');
  });

  it('an admin removes a run-time role from the roles card; file admins cannot be removed', async () => {
    const r = await click('ou_admin_chen', { v: 1, a: 'roles.remove', role: 'admin', openId: 'ou_member_03' });
    expect(r.json.toast.type).toBe('success');
    expect(validateCard(r.json.card.data)).toEqual([]);
    expect(await bot.service.deps.ctx.roles.rolesOf('ou_member_03')).not.toContain('admin');
    const file = await click('ou_admin_chen', { v: 1, a: 'roles.remove', role: 'admin', openId: 'ou_admin_liu' });
    expect(file.json.toast.type).toBe('warning');
    expect(await bot.service.deps.ctx.roles.rolesOf('ou_admin_liu')).toContain('admin');
    // `移除 管理员 @刘` by command is refused the same way.
    await sayAt('ou_admin_chen', '移除 管理员 @_user_1', [{ key: '@_user_1', openId: 'ou_admin_liu', name: '刘' }]);
    await bot.idle();
    expect(textOf(bot.fake.messagesTo(p2p('ou_admin_chen')).at(-1)!)).toContain('配置文件');
  });

  it('a re-pushed card callback is not applied twice; a malformed action value is refused with a toast', async () => {
    const eventId = newEventId();
    const ev = cardActionEvent({ operatorOpenId: 'ou_admin_chen', value: { v: 1, a: 'roles.list' } });
    const first = await bot.push('card.action.trigger', ev, { eventId });
    const again = await bot.push('card.action.trigger', ev, { eventId });
    expect(first.json.toast.type).toBe('success');
    expect(again.json).toEqual({});
    const bad = await click('ou_admin_chen', { a: 'roles.remove', openId: 42 });
    expect(bad.status).toBe(200);
    expect(bad.json.toast.type).toBe('warning');
    await bot.idle();
    expect(cardsTo('ou_admin_chen')).toHaveLength(1);
  });
});
