import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/domain/commands.js';
import { parseRoleCommand, type Mention } from '../../../src/domain/settings.js';
import { msg } from '../../../src/messages/index.js';

const BOT = 'ou_bot';
const zhang: Mention = { key: '@_user_2', openId: 'ou_zhang', name: '张三' };
const li: Mention = { key: '@_user_3', openId: 'ou_li', name: '李四' };
const bot: Mention = { key: '@_user_1', openId: BOT, name: '活动助手' };

/** Parses as the message handler would: parseCommand first, then the role parser. */
function run(text: string, mentions: Mention[]) {
  const parsed = parseCommand(text);
  if (parsed.key !== 'settings' && parsed.key !== 'remove') throw new Error(`not a role command: ${parsed.key}`);
  return parseRoleCommand({ key: parsed.key, args: parsed.args, mentions, botOpenId: BOT });
}

describe('parseRoleCommand', () => {
  it('设置 alone shows the roles', () => {
    expect(run('设置', [])).toEqual({ op: 'show' });
    expect(run('@_user_1 settings', [bot])).toEqual({ op: 'show' });
  });

  it.each([
    ['设置 管理员 @_user_2', 'admin'],
    ['设置管理员 @_user_2', 'admin'],
    ['settings admin @_user_2', 'admin'],
    ['设置 督导组 @_user_2', 'supervisor'],
    ['settings SUPERVISOR @_user_2', 'supervisor'],
    ['设置 班子成员 @_user_2', 'leader'],
  ] as const)('%s', (text, role) => {
    expect(run(text, [zhang])).toEqual({ op: 'add', role, targets: [{ openId: 'ou_zhang', name: '张三' }] });
  });

  it('a leader with a title; the bot mention in a group is ignored', () => {
    expect(run('@_user_1 设置 班子成员 @_user_2 常务副主席', [bot, zhang]))
      .toEqual({ op: 'add', role: 'leader', targets: [{ openId: 'ou_zhang', name: '张三' }], title: '常务副主席' });
    expect(run('settings leader @_user_2 vice chair', [zhang]))
      .toEqual({ op: 'add', role: 'leader', targets: [{ openId: 'ou_zhang', name: '张三' }], title: 'vice chair' });
  });

  it('several people at once, with 和 or 、 between them', () => {
    const r = run('设置 督导组 @_user_2 和 @_user_3', [zhang, li, zhang]);
    expect(r).toEqual({ op: 'add', role: 'supervisor', targets: [{ openId: 'ou_zhang', name: '张三' }, { openId: 'ou_li', name: '李四' }] });
    expect(run('设置 管理员 @_user_2、@_user_3', [zhang, li])).toMatchObject({ op: 'add', role: 'admin' });
  });

  it('remove', () => {
    expect(run('移除 管理员 @_user_2', [zhang])).toEqual({ op: 'remove', role: 'admin', targets: [{ openId: 'ou_zhang', name: '张三' }] });
    expect(run('remove leader @_user_2', [zhang])).toMatchObject({ op: 'remove', role: 'leader' });
  });

  it.each([
    ['设置 一把手 @_user_2', [zhang], msg.settings.topLeaderFileOnly],
    ['设置 主席 @_user_2', [zhang], msg.settings.unknownRole],
    ['settings administrator @_user_2', [zhang], msg.settings.unknownRole],
    ['设置 管理员', [], msg.settings.needMention],
    ['设置 管理员 @张三', [], msg.settings.needMention],
    ['@_user_1 设置 管理员', [bot], msg.settings.needMention],
    ['设置 管理员 @_user_2 主任', [zhang], msg.settings.titleOnlyLeader],
    ['设置 班子成员 @_user_2 @_user_3 副主席', [zhang, li], msg.settings.titleOneTarget],
    ['设置 班子成员 @_user_2 ' + '很长'.repeat(11), [zhang], msg.settings.titleTooLong],
    ['移除 班子成员 @_user_2 副主席', [zhang], msg.settings.removeTitle],
    ['移除', [], msg.settings.usage],
    ['设置 @_user_2', [zhang], msg.settings.usage],
  ] as const)('error: %s', (text, mentions, error) => {
    expect(run(text, [...mentions])).toEqual({ op: 'error', error });
  });
});
