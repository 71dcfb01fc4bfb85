/**
 * Button values: one zod union for the cards that build them and the handlers that parse them.
 * `v` lets buttons on old messages (a card stays clickable for 14 days) be told apart after a change.
 * Features add their members here; a value that fails to parse grants nothing (roles are checked
 * again on the server: a forwarded card carries no rights).
 */
import { z } from 'zod';
import { openIdValue as openId, recordId, v } from './action-values.js';
import { campaignActionSchemas } from './campaign/actions.js';
import { evaluationAdminActionSchemas } from './evaluations/admin-actions.js';
import { ledgerActionSchemas } from './ledger/actions.js';
import { lookbackActionSchemas } from './ledger/lookback-actions.js';
import { rulesActionSchemas } from './rules/actions.js';
import { materialActionSchemas } from './materials/actions.js';
import { meetingActionSchemas } from './meetings/actions.js';
import { studyActionSchemas } from './study/actions.js';
import { talkActionSchemas } from './talks/actions.js';
import { outreachActionSchemas } from './outreach/actions.js';

const opinionId = recordId;
const page = z.number().int().min(0).max(10_000);
const roundId = recordId;

export const cardActionSchema = z.discriminatedUnion('a', [
  z.strictObject({ v, a: z.literal('help') }),
  z.strictObject({ v, a: z.literal('roles.list') }),
  z.strictObject({ v, a: z.literal('roles.remove'), role: z.enum(['admin', 'leader', 'supervisor']), openId }),
  // Opinions (走进职工). The submit carries nothing about the submitter: the operator comes from Lark.
  z.strictObject({ v, a: z.literal('op.submit') }),
  z.strictObject({ v, a: z.literal('op.new') }),
  z.strictObject({ v, a: z.literal('tr.page'), page }),
  z.strictObject({ v, a: z.literal('tr.open'), id: opinionId, page }),
  z.strictObject({
    v, a: z.literal('tr.do'), id: opinionId,
    op: z.enum(['reply', 'quick', 'tags', 'merge', 'forward', 'adopt', 'close', 'ledger', 'team', 'top']),
  }),
  z.strictObject({ v, a: z.literal('lr.reply'), id: opinionId }),
  // 转常务主席反馈: the top leader passes an opinion to the leader it is about; the value names the opinion only
  // (the leader is the opinion's target, read on the server).
  z.strictObject({ v, a: z.literal('fb.pass'), id: opinionId }),
  z.strictObject({ v, a: z.literal('rp.export'), format: z.enum(['xlsx', 'csv', 'docx']) }),
  // Evaluations. A ballot page's submit carries the earlier pages' choices (one digit per cell, ≤ 30 × 10
  // cells: src/domain/evaluation-ballot.ts), never who votes: the operator comes from Lark.
  z.strictObject({ v, a: z.literal('ev.vote'), round: roundId, page, prior: z.string().regex(/^[0-9]{0,300}$/) }),
  z.strictObject({ v, a: z.literal('ev.ballot'), round: roundId }),
  // The stepped ballot of a direct message (src/domain/evaluations/ballot-steps.ts): every button carries the
  // choices so far (one character per cell: a grade index or "-"), held by Lark in the voter's own chat.
  z.strictObject({
    v, a: z.literal('ev.step'), round: roundId, s: z.string().regex(/^[0-9-]{1,300}$/), p: page,
    op: z.enum(['set', 'all']).optional(), i: z.number().int().min(0).max(299).optional(), g: z.number().int().min(0).max(9).optional(),
  }),
  z.strictObject({ v, a: z.literal('ev.cast'), round: roundId, s: z.string().regex(/^[0-9]{1,300}$/) }),
  z.strictObject({ v, a: z.literal('ev.list') }),
  z.strictObject({ v, a: z.literal('ev.new') }),
  z.strictObject({ v, a: z.literal('ev.create') }),
  // `n`: the electorate the start confirmation named; the server refuses the start when it has changed since.
  z.strictObject({ v, a: z.literal('ev.open'), round: roundId, n: z.number().int().min(0).max(50_000).optional() }),
  z.strictObject({ v, a: z.literal('ev.close'), round: roundId }),
  z.strictObject({ v, a: z.literal('ev.results'), round: roundId }),
  // 我的测评结果: names the round only; the subject is the caller (a value naming anyone else does not parse).
  z.strictObject({ v, a: z.literal('ev.mine'), round: roundId }),
  z.strictObject({ v, a: z.literal('ev.remind'), round: roundId }),
  z.strictObject({ v, a: z.literal('ev.paper'), round: roundId, page }),
  z.strictObject({ v, a: z.literal('ev.paperSave'), round: roundId, page }),
  z.strictObject({ v, a: z.literal('ev.outreachNew') }),
  z.strictObject({ v, a: z.literal('ev.outreachCreate') }),
  z.strictObject({ v, a: z.literal('ev.export'), round: roundId, format: z.enum(['xlsx', 'csv']) }),
  ...evaluationAdminActionSchemas,
  // Study (集中学习) and the rectification ledger (整改台账) keep their members in their own files.
  ...studyActionSchemas,
  ...ledgerActionSchemas,
  ...lookbackActionSchemas,
  // The 建章立制 register.
  ...rulesActionSchemas,
  // Materials for review (材料报审).
  ...materialActionSchemas,
  // 专题民主生活会 and 组织生活会.
  ...meetingActionSchemas,
  // 谈心谈话.
  ...talkActionSchemas,
  // The campaign timeline (milestones).
  ...campaignActionSchemas,
  // 走访链接 (outreach links).
  ...outreachActionSchemas,
]);

/** A parsed button value (always carries `v`). */
export type CardAction = z.infer<typeof cardActionSchema>;
export type CardActionName = CardAction['a'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What card builders pass: the version is filled in by `actionValue`. */
export type CardActionInput = DistributiveOmit<CardAction, 'v'> & { v?: 1 };

/** The callback value of a button, validated through the same schema the handler uses. */
export function actionValue(action: CardActionInput): CardAction {
  return cardActionSchema.parse({ ...action, v: 1 });
}

/**
 * Parses `action.value` of a `card.action.trigger` callback. Lark hands back the object we sent
 * (the doc also allows a string value, so a JSON string is accepted). Returns null for anything else.
 */
export function parseCardAction(value: unknown): CardAction | null {
  let raw = value;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  const r = cardActionSchema.safeParse(raw);
  return r.success ? r.data : null;
}
