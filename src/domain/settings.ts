/**
 * Pure parsing of the role commands (DESIGN §2.2): `设置 管理员 @某人`, `设置 班子成员 @某人 职务`,
 * `设置 督导组 @某人`, `移除 管理员 @某人`, and the English `settings admin @x`, `remove leader @x`.
 * A mention carries the open_id; its `@_user_N` placeholder is already gone from the normalized args.
 */
import { msg, type Msg } from '../messages/index.js';
import { charCount } from './text.js';

/** One entry of the message's `mentions` (im.message.receive_v1). */
export interface Mention { key: string; openId?: string; name?: string }

/** Roles that can be changed at run time (the top leader is config-only). */
export type SettableRole = 'admin' | 'leader' | 'supervisor';
interface RoleTarget { openId: string; name: string }

type RoleCommand =
  | { op: 'show' }
  | { op: 'add' | 'remove'; role: SettableRole; targets: RoleTarget[]; title?: string }
  | { op: 'error'; error: Msg };

const TITLE_MAX = 20;

const ROLE_WORDS: [string, SettableRole | 'topLeader'][] = ([
  ['管理员', 'admin'], ['领导小组办公室', 'admin'], ['admin', 'admin'], ['admins', 'admin'],
  ['班子成员', 'leader'], ['班子', 'leader'], ['leader', 'leader'], ['leaders', 'leader'],
  ['督导组', 'supervisor'], ['督导', 'supervisor'], ['supervisor', 'supervisor'], ['supervisors', 'supervisor'],
  ['一把手', 'topLeader'], ['常务主席', 'topLeader'], ['top leader', 'topLeader'], ['topleader', 'topLeader'],
] as [string, SettableRole | 'topLeader'][]).sort((a, b) => b[0].length - a[0].length);

/** Words people put between several mentions ("@甲 和 @乙"). */
const CONNECTORS = /(^|\s)(和|与|及|以及|and)(?=\s|$)|[、,，;；]/gi;

function matchRole(args: string): { role: SettableRole | 'topLeader'; rest: string } | null {
  const lower = args.toLowerCase();
  for (const [word, role] of ROLE_WORDS) {
    if (!lower.startsWith(word)) continue;
    const rest = args.slice(word.length);
    // English words must end at a word boundary ("administrator" is not "admin" + "istrator").
    if (/^[a-z]/i.test(word) && /^[a-z]/i.test(rest)) continue;
    return { role, rest: rest.trim() };
  }
  return null;
}

/**
 * @param input.key    `settings` (设置) or `remove` (移除), from parseCommand
 * @param input.args   the normalized arguments (mention placeholders already dropped)
 * @param input.mentions the message's mentions; the bot's own mention (in a group) is left out via botOpenId
 */
export function parseRoleCommand(input: {
  key: 'settings' | 'remove';
  args: string;
  mentions: readonly Mention[];
  botOpenId?: string;
}): RoleCommand {
  const seen = new Set<string>();
  const targets: RoleTarget[] = [];
  for (const mention of input.mentions) {
    if (!mention.openId || mention.openId === input.botOpenId || seen.has(mention.openId)) continue;
    seen.add(mention.openId);
    targets.push({ openId: mention.openId, name: mention.name ?? '' });
  }
  const args = input.args.trim();
  if (args === '') {
    return input.key === 'settings' && targets.length === 0 ? { op: 'show' } : { op: 'error', error: msg.settings.usage };
  }
  const matched = matchRole(args);
  if (!matched) return { op: 'error', error: msg.settings.unknownRole };
  if (matched.role === 'topLeader') return { op: 'error', error: msg.settings.topLeaderFileOnly };
  const { role } = matched;
  const rest = matched.rest.replace(CONNECTORS, ' ').replace(/\s+/g, ' ').trim();
  // A typed "@name" that is no real mention carries no open_id.
  if (targets.length === 0 || rest.includes('@')) return { op: 'error', error: msg.settings.needMention };

  const op = input.key === 'settings' ? 'add' : 'remove';
  if (rest === '') return { op, role, targets };
  if (op === 'remove') return { op: 'error', error: msg.settings.removeTitle };
  if (role !== 'leader') return { op: 'error', error: msg.settings.titleOnlyLeader };
  if (targets.length > 1) return { op: 'error', error: msg.settings.titleOneTarget };
  if (charCount(rest) > TITLE_MAX) return { op: 'error', error: msg.settings.titleTooLong };
  return { op, role, targets, title: rest };
}
