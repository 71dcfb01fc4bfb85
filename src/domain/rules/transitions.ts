import type { WorkCalendar } from '../calendar.js';
import type { Material } from '../materials/material.js';
import { clipChars } from '../text.js';
import { planRuleLadder, type PlannedRuleStep } from './ladder.js';
import { isFinal, ruleSchema, type Rule, type RuleHistoryEntry, type RuleHistoryWhat, type RuleKind, type RuleState } from './rule.js';

/**
 * State changes of a rule, pure: each returns the new rule (history entry appended) or a refusal the
 * handler turns into a toast. A change that (re)starts the reminder ladder bumps `gen` and returns the
 * plan; one that stops a running ladder returns the old generation to cancel.
 */

/** What the material of the rule stands at (handlers/rules/material-link.ts), undefined when it is gone. */
export type MaterialState = Material['state'] | undefined;

export type RuleRefusal = 'wrongState' | 'materialNotAccepted' | 'badDay';
export interface RuleChanged { ok: true; rule: Rule; plan?: PlannedRuleStep[]; cancel?: { gen: number } }
export type RuleTransition = RuleChanged | { ok: false; reason: RuleRefusal };

export interface By { by: string; now: number }

/** The fields an admin sets in the rule form. */
export interface RuleFields {
  kind: RuleKind;
  name: string;
  owner: string;
  due: string;
  items: string[];
  opinions: string[];
}

/** What 印发 / 废止 records: the day, and optionally the 文号 and a link. */
export interface IssueFields { day: string; docNo?: string; link?: string }

const entry = (b: By, what: RuleHistoryWhat, extra: Partial<RuleHistoryEntry> = {}): RuleHistoryEntry =>
  ({ at: b.now, by: b.by, what, ...extra });

function next(rule: Rule, b: By, patch: Partial<Rule>, ...entries: RuleHistoryEntry[]): Rule {
  return ruleSchema.parse({ ...rule, ...patch, updatedAt: b.now, history: [...rule.history, ...entries] });
}

const ladderNote = (plan: PlannedRuleStep[]) => plan.map((s) => s.step).join(' ') || '—';

/** A new rule: 起草, its ladder (generation 1) planned. */
export function newRule(f: RuleFields, id: string, material: string, b: By, cal: WorkCalendar): RuleChanged {
  const plan = planRuleLadder(f.due, b.now, cal);
  const rule = ruleSchema.parse({
    id, seq: 1, ...f, material, state: 'drafting', since: { drafting: b.now }, gen: 1,
    createdAt: b.now, createdBy: b.by, updatedAt: b.now,
    history: [entry(b, 'create', { to: 'drafting' }), entry(b, 'ladder', { gen: 1, note: ladderNote(plan) })],
  });
  return { ok: true, rule, plan };
}

const EDITED = ['kind', 'name', 'owner', 'due', 'items', 'opinions'] as const;
const shown = (v: unknown) => clipChars(typeof v === 'string' ? v : JSON.stringify(v ?? ''), 120, '…');

/** Edits the fields (not once 印发 / 废止); a moved due day restarts the ladder. */
export function editRule(rule: Rule, f: RuleFields, b: By, cal: WorkCalendar): RuleTransition {
  if (isFinal(rule.state)) return { ok: false, reason: 'wrongState' };
  if (f.kind === 'abolish' && rule.kind !== 'abolish' && rule.state === 'review') return { ok: false, reason: 'wrongState' };
  const note = EDITED.filter((k) => JSON.stringify(rule[k]) !== JSON.stringify(f[k]))
    .map((k) => `${k}: ${shown(rule[k])} → ${shown(f[k])}`);
  const e = entry(b, 'edit', { note: clipChars(note.join('; ') || '—', 2000) });
  if (f.due === rule.due) return { ok: true, rule: next(rule, b, f, e) };
  const gen = rule.gen + 1;
  const plan = planRuleLadder(f.due, b.now, cal);
  const changed = next(rule, b, { ...f, gen }, e, entry(b, 'ladder', { gen, note: ladderNote(plan) }));
  return { ok: true, rule: changed, plan, cancel: { gen: rule.gen } };
}

const move = (from: RuleState, to: RuleState) => ({ from, to });

/**
 * 起草 → 审议 by itself, once the rule's material has entered review (a version submitted: in review, returned or
 * accepted since). Recorded as the system's, with the material's version that moved it; `wrongState` when the rule
 * is past 起草 already (a second run changes nothing).
 */
export function followMaterial(rule: Rule, material: MaterialState, version: number, now: number): RuleTransition {
  if (rule.state !== 'drafting') return { ok: false, reason: 'wrongState' };
  if (material === undefined || material === 'drafting') return { ok: false, reason: 'wrongState' };
  const b = { by: 'system', now };
  const since = { ...rule.since, review: now };
  const e = entry(b, 'review', { ...move('drafting', 'review'), note: `v${version}` });
  return { ok: true, rule: next(rule, b, { state: 'review', since }, e) };
}

/** 印发 (立 / 改) or 废止 (废): from 审议, once the material is accepted; the ladder stops. */
export function issue(rule: Rule, material: MaterialState, x: IssueFields, b: By, today: string): RuleTransition {
  if (rule.state !== 'review') return { ok: false, reason: 'wrongState' };
  if (material !== 'accepted') return { ok: false, reason: 'materialNotAccepted' };
  if (x.day > today) return { ok: false, reason: 'badDay' };
  const to: RuleState = rule.kind === 'abolish' ? 'abolished' : 'adopted';
  const note = [x.day, x.docNo, x.link].filter(Boolean).join(' ');
  const changed = next(rule, b, {
    state: to, since: { ...rule.since, [to]: b.now }, issuedOn: x.day, gen: rule.gen + 1,
    ...(x.docNo ? { docNo: x.docNo } : {}), ...(x.link ? { link: x.link } : {}),
  }, entry(b, to === 'adopted' ? 'adopt' : 'abolish', { ...move('review', to), note }));
  return { ok: true, rule: changed, cancel: { gen: rule.gen } };
}

/** Logs a ladder step once per (generation, step); undefined when it is logged already. */
export function logRuleStep(rule: Rule, gen: number, step: string, note: string, now: number): Rule | undefined {
  if (stepLogged(rule, gen, step)) return undefined;
  return next(rule, { by: 'system', now }, {}, entry({ by: 'system', now }, 'step', { gen, step, note }));
}

export const stepLogged = (rule: Pick<Rule, 'history'>, gen: number, step: string) =>
  rule.history.some((h) => h.what === 'step' && h.gen === gen && h.step === step);
