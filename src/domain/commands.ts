/**
 * Pure command parsing (DESIGN §2.1): Chinese names first, English aliases, with or without a leading
 * "/", tolerant of Chinese input methods (full-width letters, digits and ／, the ideographic space).
 */
import { msg, type Msg } from '../messages/index.js';

export type CommandKey =
  | 'help' | 'opinion' | 'status' | 'triage' | 'report' | 'evaluate' | 'study' | 'ledger' | 'materials' | 'rules' | 'progress'
  | 'settings' | 'remove' | 'studySettings' | 'progressSettings' | 'materialsSettings' | 'endCampaign'
  | 'meeting' | 'talks'
  | 'outreach';

/** `anyone` is everybody who can message the bot; a person with several roles has their union. */
export type Role = 'admin' | 'topLeader' | 'leader' | 'supervisor' | 'member' | 'anyone';

interface CommandInfo {
  key: CommandKey;
  /** Chinese name as typed. */
  zh: string;
  /** English alias; also the bot menu's `event_key`. */
  alias: string;
  /** Who may use it (checked again on the server for every action). */
  roles: readonly Role[];
  /**
   * Whether a request made in a group is answered by direct message (a 2.0 card in a group is shared
   * by everyone there): `always`; `partly` = the personal part only (evaluate: the ballot); `never`.
   */
  personal: 'always' | 'partly' | 'never';
  help: { usage: Msg; desc: Msg };
}

const info = (key: CommandKey, zh: string, alias: string, roles: readonly Role[], personal: CommandInfo['personal']): CommandInfo =>
  ({ key, zh, alias, roles, personal, help: msg.commands[key] });

/** The command table, in help-card order. */
export const COMMANDS: Readonly<Record<CommandKey, CommandInfo>> = {
  help: info('help', '帮助', 'help', ['anyone'], 'never'),
  opinion: info('opinion', '提意见', 'opinion', ['anyone'], 'always'),
  status: info('status', '查询', 'status', ['anyone'], 'always'),
  evaluate: info('evaluate', '测评', 'evaluate', ['anyone'], 'partly'),
  study: info('study', '学习', 'study', ['anyone'], 'always'),
  ledger: info('ledger', '整改', 'ledger', ['anyone'], 'always'),
  rules: info('rules', '制度', 'rules', ['anyone'], 'always'),
  materials: info('materials', '材料', 'materials', ['anyone'], 'always'),
  meeting: info('meeting', '生活会', 'meeting', ['anyone'], 'always'),
  talks: info('talks', '谈心', 'talks', ['anyone'], 'always'),
  outreach: info('outreach', '走访', 'outreach', ['admin', 'leader'], 'always'),
  progress: info('progress', '进度', 'progress', ['anyone'], 'never'),
  triage: info('triage', '意见处理', 'triage', ['admin'], 'never'),
  report: info('report', '意见报告', 'report', ['admin', 'supervisor'], 'never'),
  settings: info('settings', '设置', 'settings', ['admin'], 'never'),
  remove: info('remove', '移除', 'remove', ['admin'], 'never'),
  studySettings: info('studySettings', '学习 设置', 'study settings', ['admin'], 'never'),
  progressSettings: info('progressSettings', '进度 设置', 'progress settings', ['admin'], 'always'),
  materialsSettings: info('materialsSettings', '材料 设置', 'materials settings', ['admin'], 'always'),
  endCampaign: info('endCampaign', '结束活动', 'end', ['admin', 'topLeader'], 'always'),
};

export const COMMAND_KEYS = Object.keys(COMMANDS) as CommandKey[];

/** Whether someone holding `roles` may use the command. */
/** Whether `roles` include any of `wanted`: the one role check (handlers/access.ts asks the server for the roles). */
export function hasAnyRole(roles: readonly Role[], ...wanted: Role[]): boolean {
  return wanted.some((r) => roles.includes(r));
}

export function canUse(key: CommandKey, roles: readonly Role[]): boolean {
  const allowed = COMMANDS[key].roles;
  return allowed.includes('anyone') || allowed.some((r) => roles.includes(r));
}

/** The commands a caller may use, in help order. */
export function commandsFor(roles: readonly Role[]): CommandKey[] {
  return COMMAND_KEYS.filter((k) => canUse(k, roles));
}

/**
 * NFKC (full-width letters, digits, ／ and the ideographic space become ASCII), drops Lark's mention
 * placeholders (`@_user_1`, `@_all`), collapses whitespace, trims and strips one leading "/".
 */
export function normalizeInput(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/@_user_\d+|@_all/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\/\s*/, '');
}

/** Receipt codes: full-width to ASCII, upper case, spaces and dashes removed ("ab12-cd34" → "AB12CD34"). */
export function normalizeReceiptCode(code: string): string {
  return code.normalize('NFKC').replace(/[\s\-‐‑‒–—―_]/g, '').toUpperCase();
}

type ParsedCommand = { key: CommandKey; args: string } | { key: 'unknown'; text: string };

// Longest first, so 学习 设置 wins over 学习 and 意见处理 is not read as something shorter.
const CHINESE: [string, CommandKey][] = [
  ...COMMAND_KEYS.map((k): [string, CommandKey] => [COMMANDS[k].zh, k]),
  ['学习设置', 'studySettings'] as [string, CommandKey],
  ['进度设置', 'progressSettings'] as [string, CommandKey],
  ['材料设置', 'materialsSettings'] as [string, CommandKey],
  ['走访链接', 'outreach'] as [string, CommandKey],
].sort((a, b) => b[0].length - a[0].length);

/** Commands whose English alias is two words ("progress settings"): parsed apart below. */
const TWO_WORDS = new Set<CommandKey>(['studySettings', 'progressSettings', 'materialsSettings']);
const ENGLISH = new Map<string, CommandKey>([
  ...COMMAND_KEYS.filter((k) => !TWO_WORDS.has(k)).map((k): [string, CommandKey] => [COMMANDS[k].alias, k]),
  ['?', 'help'],
]);
const ATTACHED_ARGS_OK = new Set<CommandKey>(['settings', 'remove']);

/** Parses one message. Text that is no command comes back as `unknown` (the caller answers with a hint). */
export function parseCommand(text: string): ParsedCommand {
  const n = normalizeInput(text);
  if (n === '') return { key: 'unknown', text: '' };
  const words = n.split(' ');
  const first = words[0].toLowerCase();

  if (first === 'study' && words[1]?.toLowerCase() === 'settings') return { key: 'studySettings', args: words.slice(2).join(' ') };
  if (/^study[-_]?settings$/.test(first)) return { key: 'studySettings', args: words.slice(1).join(' ') };
  if (first === 'progress' && words[1]?.toLowerCase() === 'settings') return { key: 'progressSettings', args: words.slice(2).join(' ') };
  if (/^progress[-_]?settings$/.test(first)) return { key: 'progressSettings', args: words.slice(1).join(' ') };
  if (first === 'materials' && words[1]?.toLowerCase() === 'settings') return { key: 'materialsSettings', args: words.slice(2).join(' ') };
  if (/^materials[-_]?settings$/.test(first)) return { key: 'materialsSettings', args: words.slice(1).join(' ') };
  const english = ENGLISH.get(first);
  if (english) return { key: english, args: words.slice(1).join(' ') };

  for (const [name, key] of CHINESE) {
    if (!n.startsWith(name)) continue;
    const rest = n.slice(name.length);
    // "查询ab12" (no space, common with IMEs) and "设置管理员" are commands; "进度怎么样" is not.
    if (rest === '' || rest.startsWith(' ') || /^[A-Za-z0-9]/.test(rest) || ATTACHED_ARGS_OK.has(key)) {
      return { key, args: rest.trim() };
    }
  }
  return { key: 'unknown', text: n };
}

/** The bot menu sends the English key as `event_key`. */
export function menuKeyToCommand(eventKey: string): CommandKey | null {
  const k = eventKey.normalize('NFKC').trim().replace(/^\//, '').toLowerCase();
  if (/^study[\s\-_]?settings$/.test(k) || k === 'studysettings') return 'studySettings';
  if (/^progress[\s\-_]?settings$/.test(k)) return 'progressSettings';
  if (/^materials[\s\-_]?settings$/.test(k)) return 'materialsSettings';
  return ENGLISH.get(k) ?? null;
}

/** Text typed to the bot → a parsed command (mention placeholders dropped by the parser). */
export function parseTyped(text: string): { key: CommandKey | 'unknown'; args: string } {
  const p = parseCommand(text);
  return p.key === 'unknown' ? { key: 'unknown', args: p.text } : p;
}
