import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { endOfDay } from '../calendar.js';
import { hasAnyRole, type Role } from '../commands.js';

/**
 * The 建章立制 register (DESIGN §2.9). Pure: the rule record and its zod schema, who may do what, the
 * states (起草 → 审议 → 印发, or 废止 for a rule to abolish) and the list filters. Transitions live in
 * ./transitions.ts, the reminder ladder in ./ladder.ts, form parsing in ./form.ts.
 */

/** 立 / 改 / 废. */
export const RULE_KINDS = ['make', 'revise', 'abolish'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
/** 起草, 审议, 印发, 废止. */
export const RULE_STATES = ['drafting', 'review', 'adopted', 'abolished'] as const;
export type RuleState = (typeof RULE_STATES)[number];
/** The states a rule ends in: its reminders stop, it joins the register everyone reads. */
export const isFinal = (s: RuleState) => s === 'adopted' || s === 'abolished';

export const NAME_MAX = 100;
export const DOC_NO_MAX = 60;
export const MAX_LINKED = 20;

export const ruleIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,24}$/);
const openIdSchema = z.string().regex(/^ou_[A-Za-z0-9_-]{1,64}$/);
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const refSchema = z.string().regex(/^[A-Za-z0-9_-]{8,24}$/);
export const ruleLinkSchema = z.string().max(500).regex(/^https:\/\/[^\s<>"]+$/);

const HISTORY_WHATS = ['create', 'edit', 'review', 'adopt', 'abolish', 'ladder', 'step'] as const;
export type RuleHistoryWhat = (typeof HISTORY_WHATS)[number];

const historyEntrySchema = z.object({
  at: z.number().int(),
  /** open_id, or `system` for the ladder. */
  by: z.string().min(1).max(80),
  what: z.enum(HISTORY_WHATS),
  from: z.enum(RULE_STATES).optional(),
  to: z.enum(RULE_STATES).optional(),
  note: z.string().max(2000).optional(),
  gen: z.number().int().min(0).optional(),
  step: z.string().max(20).optional(),
});
export type RuleHistoryEntry = z.infer<typeof historyEntrySchema>;

export const ruleSchema = z.object({
  id: ruleIdSchema,
  /** 序号: 1, 2, 3 … in creation order. */
  seq: z.number().int().min(1),
  kind: z.enum(RULE_KINDS),
  name: z.string().min(1).max(NAME_MAX),
  /** 牵头人: a person of the campaign. */
  owner: openIdSchema,
  /** 完成时限. */
  due: daySchema,
  /** Linked ledger items (ids). */
  items: z.array(refSchema).max(MAX_LINKED).default([]),
  /** Linked opinions (ids only: never a receipt code, never who wrote them). */
  opinions: z.array(refSchema).max(MAX_LINKED).default([]),
  /** The material of kind 制度 its drafts and reviews go through (handlers/rules/material-link.ts). */
  material: z.string().min(1).max(64),
  state: z.enum(RULE_STATES),
  /** When the rule entered each state it has reached. */
  since: z.partialRecord(z.enum(RULE_STATES), z.number().int()).default({}),
  /** 印发日期 (or the day it was abolished), 文号, a link to the issued text. */
  issuedOn: daySchema.optional(),
  docNo: z.string().max(DOC_NO_MAX).optional(),
  link: ruleLinkSchema.optional(),
  /** Generation of the reminder ladder: bumped whenever it is restarted or stopped. */
  gen: z.number().int().min(0).default(0),
  createdAt: z.number().int(),
  createdBy: z.string().min(1),
  updatedAt: z.number().int(),
  history: z.array(historyEntrySchema).default([]),
});
export type Rule = z.output<typeof ruleSchema>;

export const newRuleId = (): string => randomBytes(9).toString('base64url');

/** Past the end of the due day and not yet 印发 / 废止. */
export const isOverdue = (r: Pick<Rule, 'state' | 'due'>, now: number, timeZone: string): boolean =>
  !isFinal(r.state) && now > endOfDay(r.due, timeZone);

// ---- who may do what (checked on the server for every action; a forwarded card grants nothing) ----

export type RuleAction = 'view' | 'create' | 'edit' | 'adopt' | 'abolish';
export interface Caller { openId: string; roles: readonly Role[] }

/** Admins, supervisors and the top leader read the whole register, drafts included. */
export const readsAll = (c: Caller) => hasAnyRole(c.roles, 'admin', 'supervisor', 'topLeader');

/** The role part: admins manage; the owner (牵头人) reads their rules; everyone reads the adopted register. */
export function holds(action: RuleAction, c: Caller, rule?: Rule): boolean {
  const admin = hasAnyRole(c.roles, 'admin');
  if (action === 'create') return admin;
  if (!rule) return false;
  switch (action) {
    case 'view': return readsAll(c) || rule.owner === c.openId || isFinal(rule.state);
    case 'edit': case 'adopt': case 'abolish': return admin;
  }
}

/** Whether the rule's state allows the action (whoever asks). */
export function stateAllows(action: RuleAction, rule: Rule): boolean {
  switch (action) {
    case 'create': case 'view': return true;
    case 'edit': return !isFinal(rule.state);
    case 'adopt': return rule.state === 'review' && rule.kind !== 'abolish';
    case 'abolish': return rule.state === 'review' && rule.kind === 'abolish';
  }
}

export function may(action: RuleAction, c: Caller, rule?: Rule): boolean {
  return holds(action, c, rule) && (action === 'create' || (rule !== undefined && stateAllows(action, rule)));
}

/** The list's filters: every state, and 逾期. */
export const RULE_FILTERS = ['all', ...RULE_STATES, 'overdue'] as const;
export type RuleFilter = (typeof RULE_FILTERS)[number];

export function matchesFilter(r: Rule, f: RuleFilter, now: number, timeZone: string): boolean {
  if (f === 'all') return true;
  if (f === 'overdue') return isOverdue(r, now, timeZone);
  return r.state === f;
}

/** Rules per state (the 进度 card's line). */
export function countByState(rules: readonly Pick<Rule, 'state'>[]): Record<RuleState, number> {
  const out = Object.fromEntries(RULE_STATES.map((s) => [s, 0])) as Record<RuleState, number>;
  for (const r of rules) out[r.state]++;
  return out;
}
