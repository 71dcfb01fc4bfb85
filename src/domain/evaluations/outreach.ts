import type { ResolvedCampaign } from '../../campaign.js';
import { closeInstant } from './form.js';
import { computeResults } from './results.js';
import {
  counterField, DEFAULT_GROUP, DEFAULTS, K_DEFAULT, K_MIN, newRoundId, roundSchema,
  type Labeled, type Round, type RoundMeta, type Tallies, type Visit,
} from './round.js';
import { cleanText, label, SOURCES, TEXT_MAX, type Source } from '../opinions/opinion.js';
import { charCount, clipChars } from '../text.js';

/**
 * Outreach rounds (走进职工 visits, DESIGN §2.3/§2.4). Pure: the admin's form, the round it makes, the
 * optional suggestion at the end of the ballot, and the pooling of visits by source group.
 */

/** The one subject of an outreach ballot: the union's work. */
const OUTREACH_SUBJECT: Labeled = { key: 'union', label: '工会工作' };
const OUTREACH_GROUP_NAME = '参与职工';

export const OUTREACH_FORM = {
  contact: 'or_contact', source: 'or_source', day: 'or_day', closes: 'or_closes',
  delivery: 'or_delivery', chat: 'or_chat', chatTyped: 'or_chat_id', k: 'or_k',
} as const;
/** The optional suggestion input on the last ballot page. */
export const SUGGESTION_FIELD = 'ev_sugg';
export const NO_CHAT = 'none';
const CHAT_ID = /^oc_[A-Za-z0-9_-]{1,64}$/;

export type OutreachFormError = 'contact' | 'source' | 'day' | 'closes' | 'delivery' | 'chat' | 'k';
interface OutreachFormValue { contact: string; source: Source; day: string; closesAt: number; chatId?: string; k: number }
type OutreachFormResult = { ok: true; value: OutreachFormValue } | { ok: false; errors: OutreachFormError[] };

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Chats the campaign knows (member chats, rater groups' chats, the announcement chat): offered in the form. */
export function knownChats(campaign: Pick<ResolvedCampaign, 'members' | 'raterGroups' | 'campaign'>): string[] {
  return [...new Set([...campaign.members.chats, ...campaign.raterGroups.flatMap((g) => g.members.chats),
    ...(campaign.campaign.announceChatId ? [campaign.campaign.announceChatId] : [])])];
}

export function parseOutreachForm(formValue: unknown, opts: { now: number; timeZone: string }): OutreachFormResult {
  const f = typeof formValue === 'object' && formValue !== null && !Array.isArray(formValue) ? (formValue as Record<string, unknown>) : {};
  const errors: OutreachFormError[] = [];
  const contact = cleanText(str(f[OUTREACH_FORM.contact])).replace(/\n/g, ' ');
  if (!contact || charCount(contact) > 60) errors.push('contact');
  const source = SOURCES.find((s) => s.key === f[OUTREACH_FORM.source])?.key;
  if (!source) errors.push('source');
  const dayMatch = /^(\d{4}-\d{2}-\d{2})/.exec(str(f[OUTREACH_FORM.day]));
  if (!dayMatch || closeInstant(dayMatch[1], opts.timeZone) === undefined) errors.push('day');
  const closesAt = closeInstant(f[OUTREACH_FORM.closes], opts.timeZone);
  if (closesAt === undefined || closesAt <= opts.now) errors.push('closes');
  const delivery = str(f[OUTREACH_FORM.delivery]) || 'dm';
  if (delivery !== 'dm' && delivery !== 'chat') errors.push('delivery');
  let chatId: string | undefined;
  if (delivery === 'chat') {
    const typed = str(f[OUTREACH_FORM.chatTyped]);
    const picked = str(f[OUTREACH_FORM.chat]);
    chatId = typed || (picked !== NO_CHAT ? picked : '');
    if (!CHAT_ID.test(chatId)) errors.push('chat');
  }
  const kText = str(f[OUTREACH_FORM.k]);
  const k = kText === '' ? K_DEFAULT : /^\d{1,4}$/.test(kText) ? Number(kText) : NaN;
  if (!Number.isInteger(k) || k < K_MIN || k > 1000) errors.push('k');
  if (errors.length || !source || !dayMatch || closesAt === undefined) return { ok: false, errors };
  return { ok: true, value: { contact, source, day: dayMatch[1], closesAt, k, ...(chatId ? { chatId } : {}) } };
}

/** A draft outreach round: one subject (the union's work), the outreach questions, one rater group. */
export function outreachRound(input: OutreachFormValue & { electorate: string[]; createdBy: string; now: number; id?: string }): Round {
  const d = DEFAULTS.outreach;
  const visit: Visit = { contact: input.contact, source: input.source, day: input.day, ...(input.chatId ? { chatId: input.chatId } : {}) };
  return roundSchema.parse({
    id: input.id ?? newRoundId(),
    title: clipChars(`走进职工 · ${input.contact}`, 100),
    kind: 'outreach',
    paper: false,
    subjects: [OUTREACH_SUBJECT],
    dimensions: d.dimensions,
    scale: d.scale,
    positive: d.positive,
    groups: [{ key: DEFAULT_GROUP, name: OUTREACH_GROUP_NAME }],
    electorate: [...new Set(input.electorate.filter((u) => /^ou_[A-Za-z0-9_-]{1,64}$/.test(u)))],
    voterGroups: {},
    closesAt: input.closesAt,
    visit,
    k: input.k,
    status: 'draft',
    createdAt: input.now,
    createdBy: input.createdBy,
  });
}

export type Suggestion = { ok: true; text?: string } | { ok: false };

/** The optional suggestion of a ballot's last page: cleaned, empty → none, over 1,000 characters refused. */
export function suggestionOf(formValue: unknown): Suggestion {
  const f = typeof formValue === 'object' && formValue !== null && !Array.isArray(formValue) ? (formValue as Record<string, unknown>) : {};
  const raw = f[SUGGESTION_FIELD];
  if (raw === undefined || raw === null) return { ok: true };
  if (typeof raw !== 'string') return { ok: false };
  const text = cleanText(raw);
  if (charCount(text) > TEXT_MAX) return { ok: false };
  return text ? { ok: true, text } : { ok: true };
}

/** How a visit is recorded on an opinion made from its suggestions. */
export const visitLabel = (v: Visit) => clipChars(`${v.contact}（${v.day}）`, 100);
export const sourceLabel = (source: string) => label(SOURCES, source);

type PoolRound = Pick<RoundMeta, 'id' | 'kind' | 'status' | 'visit' | 'k' | 'subjects' | 'dimensions' | 'scale' | 'positive' | 'groups'>;

/**
 * Closed outreach rounds of one source group, pooled (same questions and scale by construction). A visit's
 * cell (subject × dimension × group) joins the pool only when that visit's own results show it (at its own
 * k, after its own complementary suppression): a suppressed cell pooled with shown ones would follow by
 * subtracting them. The pool is judged with the largest k among the visits it holds; `visits` counts those.
 */
export function poolBySource(rounds: readonly PoolRound[], source: string, tallies: ReadonlyMap<string, Tallies>,
): { visits: number; k: number | undefined; tallies: Tallies } {
  const counts: Record<string, number> = {};
  const ballots: Record<string, number> = {};
  let visits = 0;
  let k: number | undefined;
  for (const r of rounds) {
    const t = tallies.get(r.id);
    if (r.kind !== 'outreach' || r.status !== 'closed' || r.visit?.source !== source || !t) continue;
    const own = computeResults(r, t, { k: r.k });
    const groups = new Set<string>();
    for (const row of own.rows) {
      for (const [g, f] of Object.entries(row.cells)) {
        if (!f.shown) continue;
        groups.add(g);
        for (const x of r.scale) {
          const field = counterField(row.subject, row.dimension, x.key, g);
          counts[field] = (counts[field] ?? 0) + (t.counts[field] ?? 0);
        }
      }
    }
    if (!groups.size) continue;
    visits += 1;
    k = Math.max(k ?? 0, r.k);
    for (const g of groups) ballots[g] = (ballots[g] ?? 0) + (t.ballots[g] ?? 0);
  }
  return { visits, k, tallies: { counts, ballots } };
}
