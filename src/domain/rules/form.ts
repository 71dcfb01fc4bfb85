import { isDay } from '../calendar.js';
import { normalizeReceiptCode } from '../commands.js';
import { cleanText, isReceiptCode } from '../opinions/opinion.js';
import { charCount } from '../text.js';
import { DOC_NO_MAX, MAX_LINKED, NAME_MAX, RULE_KINDS, ruleLinkSchema, type Rule, type RuleKind } from './rule.js';
import type { IssueFields, RuleFields } from './transitions.js';

/** The rule forms parsed and checked (cards/rules/form.ts builds them). Pure. */

/** Field names of the rule form (shared with the card). */
export const RULE_FORM = {
  kind: 'rl_kind', name: 'rl_name', owner: 'rl_owner', due: 'rl_due', items: 'rl_items', opinions: 'rl_opinions',
} as const;
/** Field names of the 印发 / 废止 form on a rule card. */
export const ISSUE_FORM = { day: 'rl_i_day', docNo: 'rl_i_docno', link: 'rl_i_link' } as const;

export type RuleFormError = 'kind' | 'name' | 'owner' | 'due' | 'items' | 'opinions';
export type RuleFormResult =
  | { ok: true; value: Omit<RuleFields, 'opinions'>; opinionRefs: OpinionRef[] }
  | { ok: false; errors: RuleFormError[] };

/** How an admin names an opinion: by its receipt code (normalized) or by its record id. */
export type OpinionRef = { code: string } | { id: string };

interface RuleFormOpts {
  /** open_ids of the people of the campaign (the owner is chosen among them). */
  people: ReadonlySet<string>;
  /** Ids of the ledger items that exist. */
  items: ReadonlySet<string>;
  /** Today in the campaign time zone. */
  today: string;
  /** The rule being edited (an unchanged past due day stays allowed). */
  existing?: Rule;
}

const OPINION_ID = /^[A-Za-z0-9_-]{8,24}$/;

/** A date picker's value ("YYYY-MM-DD +0800", or a bare day) → the day, or undefined. */
export function pickedDay(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const d = raw.trim().slice(0, 10);
  return isDay(d) ? d : undefined;
}

/** Cleaned one-line text of at most `max` characters; '' when empty, undefined when too long or not text. */
function lineOf(raw: unknown, max: number): string | undefined {
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') return undefined;
  const s = cleanText(raw).replace(/\s+/g, ' ').trim();
  return charCount(s) <= max ? s : undefined;
}

/** Receipt codes and opinion ids, separated by spaces, commas, 、 or new lines; undefined when one is neither. */
export function parseOpinionRefs(raw: unknown): OpinionRef[] | undefined {
  const s = lineOf(raw, 1000);
  if (s === undefined) return undefined;
  const refs: OpinionRef[] = [];
  for (const token of s.split(/[\s,，、;；]+/).filter(Boolean)) {
    const code = normalizeReceiptCode(token);
    if (isReceiptCode(code)) refs.push({ code });
    else if (OPINION_ID.test(token)) refs.push({ id: token });
    else return undefined;
  }
  return refs.length > MAX_LINKED ? undefined : refs;
}

const strings = (raw: unknown): string[] | undefined =>
  raw === undefined || raw === null
    ? []
    : Array.isArray(raw) && raw.every((x) => typeof x === 'string') ? [...new Set(raw as string[])] : undefined;

export function parseRuleForm(fv: Record<string, unknown>, o: RuleFormOpts): RuleFormResult {
  const F = RULE_FORM;
  const errors: RuleFormError[] = [];
  const kind = fv[F.kind] as RuleKind;
  if (!(RULE_KINDS as readonly string[]).includes(kind)) errors.push('kind');
  const name = lineOf(fv[F.name], NAME_MAX);
  if (!name) errors.push('name');
  const owner = fv[F.owner];
  if (typeof owner !== 'string' || !o.people.has(owner)) errors.push('owner');
  const due = pickedDay(fv[F.due]);
  if (!due || (due < o.today && due !== o.existing?.due)) errors.push('due');
  const items = strings(fv[F.items]);
  if (!items || items.length > MAX_LINKED || items.some((i) => !o.items.has(i))) errors.push('items');
  const opinionRefs = parseOpinionRefs(fv[F.opinions]);
  if (!opinionRefs) errors.push('opinions');
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { kind, name: name!, owner: owner as string, due: due!, items: items! }, opinionRefs: opinionRefs! };
}

export type IssueFormError = 'day' | 'docNo' | 'link';

/** The 印发 / 废止 form: a day not after today, an optional 文号 and https link. */
export function parseIssueForm(
  fv: Record<string, unknown>, today: string,
): { ok: true; value: IssueFields } | { ok: false; errors: IssueFormError[] } {
  const errors: IssueFormError[] = [];
  const day = pickedDay(fv[ISSUE_FORM.day]);
  if (!day || day > today) errors.push('day');
  const docNo = lineOf(fv[ISSUE_FORM.docNo], DOC_NO_MAX);
  if (docNo === undefined) errors.push('docNo');
  const linkRaw = typeof fv[ISSUE_FORM.link] === 'string' ? (fv[ISSUE_FORM.link] as string).trim() : fv[ISSUE_FORM.link] ?? '';
  const link = linkRaw === '' ? '' : ruleLinkSchema.safeParse(linkRaw).success ? (linkRaw as string) : undefined;
  if (link === undefined) errors.push('link');
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { day: day!, ...(docNo ? { docNo } : {}), ...(link ? { link } : {}) } };
}
