import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';

/** 走进职工 opinions (DESIGN §2.3): the vocabulary, receipt codes, form validation. Pure. */

export const CATEGORIES = [
  { key: 'formalism', zh: '形式主义', en: 'Formalism' },
  { key: 'bureaucratism', zh: '官僚主义', en: 'Bureaucratism' },
  { key: 'hedonism', zh: '享乐主义', en: 'Hedonism' },
  { key: 'extravagance', zh: '奢靡之风', en: 'Extravagance' },
  { key: 'style', zh: '工作作风', en: 'Work style' },
  { key: 'service', zh: '服务职工', en: 'Serving workers' },
  { key: 'rules', zh: '制度建设', en: 'Rules and systems' },
  { key: 'other', zh: '其他', en: 'Other' },
] as const;
export type Category = (typeof CATEGORIES)[number]['key'];

export const SOURCES = [
  { key: 'cadres', zh: '机关党员干部', en: 'Office Party members and cadres' },
  { key: 'retired', zh: '离退休干部', en: 'Retired cadres' },
  { key: 'township', zh: '乡镇/街办工会', en: 'Township / street unions' },
  { key: 'enterprise', zh: '企业工会联系点', en: 'Enterprise union contact points' },
  { key: 'sanwan', zh: '"三万"活动联系点', en: '"Three Ten-Thousand" contact points' },
  { key: 'models', zh: '先模人物', en: 'Model workers' },
  { key: 'reps', zh: '职工代表', en: 'Worker representatives' },
  { key: 'other', zh: '其他', en: 'Other' },
] as const;
export type Source = (typeof SOURCES)[number]['key'];

export const STATUSES = [
  { key: 'received', zh: '已收到', en: 'Received' },
  { key: 'adopted', zh: '已采纳', en: 'Adopted' },
  { key: 'quickfix', zh: '立行立改', en: 'Fixed at once' },
  { key: 'ledger', zh: '已转整改', en: 'Moved to the rectification ledger' },
  { key: 'replied', zh: '已答复', en: 'Replied' },
  { key: 'closed', zh: '已办结', en: 'Closed' },
] as const;

/** Targets: the team, a named leader (`leader:<index in the file>`), or the office. */
export interface TargetOption { key: string; zh: string; en: string }
export function targetOptions(leaders: readonly { name: string; title: string }[]): TargetOption[] {
  return [
    { key: 'team', zh: '领导班子', en: 'Leadership team' },
    ...leaders.map((l, i) => ({ key: `leader-${i}`, zh: `${l.name}（${l.title}）`, en: `${l.name} (${l.title})` })),
    { key: 'office', zh: '机关', en: 'The office' },
  ];
}

export const TEXT_MAX = 1000;
const TEXT_MIN = 5;

/** Control characters except tab/newline, and bidi overrides/isolates: dropped from stored text. */
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARS, '').trim();
}

export function opinionFormSchema(targetKeys: readonly string[]) {
  return z.object({
    category: z.enum(CATEGORIES.map((c) => c.key) as [Category, ...Category[]], { error: 'category' }),
    target: z.string().refine((t) => targetKeys.includes(t), { error: 'target' }),
    source: z.enum(SOURCES.map((c) => c.key) as [Source, ...Source[]], { error: 'source' }),
    text: z.string().transform(cleanText).pipe(z.string().min(TEXT_MIN, { error: 'textShort' }).max(TEXT_MAX, { error: 'textLong' })),
    // Lark's checker sends a boolean; absent means the default, which is anonymous.
    anonymous: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(true),
  });
}

/** Receipt codes: 8 characters without look-alikes (no 0/O, 1/I/L), easy to type on a phone. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

export function newReceiptCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export function isReceiptCode(code: string): boolean {
  return code.length === CODE_LENGTH && [...code].every((ch) => CODE_ALPHABET.includes(ch));
}

/** For display: ABCD-EFGH reads better on a phone. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Random, not time-ordered ids (DESIGN §3). */
export function newOpinionId(): string {
  return randomBytes(9).toString('base64url');
}

/** The campaign day (YYYY-MM-DD) of an instant, in the campaign time zone. */
export function dayOf(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** ISO week (YYYY-Www) of a campaign day. */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow + 3);
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export const label = <T extends { key: string; zh: string }>(list: readonly T[], key: string): string =>
  list.find((x) => x.key === key)?.zh ?? key;
