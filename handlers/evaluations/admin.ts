import { DEFAULT_GROUP, defaultRound, subjectOptions, type RoundMeta } from '../../src/domain/evaluations/round.js';
import { parseRoundForm } from '../../src/domain/evaluations/form.js';
import { parsePaperPage, paperPages } from '../../src/domain/evaluations/paper.js';
import { msg } from '../../src/messages/index.js';
import { ballotCard } from '../../cards/evaluations/ballot.js';
import { paperTallyCard, roundAdminCard } from '../../cards/evaluations/admin.js';
import type { Card } from '../../cards/types.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { tz } from '../campaign-time.js';
import { ballotMessageId, eligibilityHash, voterHmac } from './ballot.js';
import { adminListCard as roundsListFor, fileVoters } from './electorate.js';
import { chatElectorate } from './outreach.js';
import type { CardHandler } from '../types.js';
import { hasRole } from '../access.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { roundAudit as audit, resultsCardFor } from './common.js';
import { closeRound } from './steps/close.js';
import { ballotKey, ballotReminderKey, chatBallotKey } from './outbox-keys.js';

const E = msg.evaluation;
const C = msg.evaluationAdmin.confirm;
const denied = () => toast('error', msg.errors.noPermissionFor);

async function adminCard(ctx: HandlerCtx, errors?: Parameters<typeof roundAdminCard>[0]['errors']): Promise<Card> {
  const baselines = (await ctx.store.evaluations.list()).filter((r) => r.status === 'closed');
  return roundAdminCard({ subjects: subjectOptions(ctx.campaign), baselines, errors, campaignName: ctx.campaign.campaign.name });
}

export const onRoundsList: CardHandler<'ev.list'> = async (_a, event, ctx) =>
  (await hasRole(event.operatorOpenId, ctx, 'admin')) ? withCard({}, await roundsListFor(ctx)) : denied();

export const onRoundNew: CardHandler<'ev.new'> = async (_a, event, ctx) =>
  (await hasRole(event.operatorOpenId, ctx, 'admin')) ? withCard({}, await adminCard(ctx)) : denied();

export const onRoundCreate: CardHandler<'ev.create'> = async (_a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return denied();
  const rounds = await ctx.store.evaluations.list();
  const form = parseRoundForm(event.formValue ?? {}, {
    now: ctx.now(), timeZone: tz(ctx), subjectKeys: subjectOptions(ctx.campaign).map((s) => s.key), baselines: rounds,
  });
  if (!form.ok) return formRefused(msg.errors.badInput, await adminCard(ctx, form.errors), event.formValue);
  // The union of the file's rater groups (users and chats, read now), each voter in the group the file gives them.
  const voterGroups = await fileVoters(ctx);
  const round = defaultRound(ctx.campaign, {
    ...form.value, createdBy: event.operatorOpenId, now: ctx.now(), electorate: Object.keys(voterGroups), voterGroups,
  });
  await ctx.store.evaluations.create(round, audit(ctx, event.operatorOpenId, 'create', round.id, { title: round.title, kind: round.kind }));
  return withCard(toast('success', E.toast.created), await roundsListFor(ctx));
};

/** 开始: opens the round, sends every voter a ballot by direct message (or posts it into the visit's chat), schedules the close. */
export const onRoundOpen: CardHandler<'ev.open'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return denied();
  // A ballot posted into a chat: whoever is in the chat when it opens may vote (kept as created when the chat cannot be read).
  const draft = await ctx.store.evaluations.getMeta(a.round);
  if (draft?.status === 'draft' && draft.visit?.chatId) {
    const members = await chatElectorate(draft.visit.chatId, ctx);
    if (members.length) await ctx.store.evaluations.replaceVoters(draft.id, Object.fromEntries(members.map((u) => [u, DEFAULT_GROUP])));
  }
  // The confirmation named a number of voters: refuse a start when the electorate has changed since (or is empty).
  const counted = draft?.status === 'draft' && !draft.paper && !draft.visit?.chatId;
  const size = counted ? (await ctx.store.evaluations.turnout(a.round)).electorate : undefined;
  if (size === 0) return withCard(toast('warning', C.noVoters), await roundsListFor(ctx));
  if (size !== undefined && a.n !== undefined && a.n !== size) return withCard(toast('warning', C.changed(size)), await roundsListFor(ctx));
  const entry = audit(ctx, event.operatorOpenId, 'open', a.round, { voters: size ?? null });
  const r = await ctx.store.evaluations.open(a.round, ctx.now(), entry, eligibilityHash(ctx, a.round));
  if (r !== 'ok') return withCard(toast('warning', E.toast.closed), await roundsListFor(ctx));
  const round = (await ctx.store.evaluations.get(a.round))!;
  const card = ballotCard(round, 0, '', { timeZone: tz(ctx) });
  if (round.visit?.chatId) {
    await ctx.outbox.send({ key: chatBallotKey(round.id, 0), to: { chatId: round.visit.chatId }, body: { type: 'card', card } });
  }
  else {
    await ctx.outbox.sendMany(round.electorate.map((openId) => ({
      key: ballotKey(round.id, ballotMessageId(ctx, round.id, openId), 0), to: { openId }, body: { type: 'card' as const, card },
    })));
  }
  await ctx.evaluationJobs.closeAt(round.id, round.closesAt);
  await ctx.evaluationJobs.resendBallots(round.id, 1, ctx.now(), round.closesAt);
  return withCard(toast('success', E.toast.started), await roundsListFor(ctx));
};

export const onRoundClose: CardHandler<'ev.close'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return denied();
  const r = await closeRound(a.round, event.operatorOpenId, ctx);
  return withCard(toast(r === 'ok' ? 'success' : 'warning', r === 'ok' ? E.list.close : E.toast.closed), await roundsListFor(ctx));
};

/** Results only after close, only to admins and supervisors. */
export const onRoundResults: CardHandler<'ev.results'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin', 'supervisor'))) return toast('error', msg.errors.noPermissionReaders);
  const round = await ctx.store.evaluations.getMeta(a.round);
  if (!round || round.status !== 'closed') return toast('warning', E.toast.closed);
  return withCard({}, await resultsCardFor(round, ctx));
};

/** 导出: aggregates only, built in the export queue and sent as a file to the admin or supervisor who asked; audited. */
export const onRoundExport: CardHandler<'ev.export'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin', 'supervisor'))) return toast('error', msg.errors.noPermissionReaders);
  const round = await ctx.store.evaluations.getMeta(a.round);
  if (!round || round.status !== 'closed') return toast('warning', E.toast.closed);
  await ctx.exports.enqueue({
    kind: 'evaluation-export', format: a.format, round: round.id, requester: event.operatorOpenId, requestId: event.eventId,
  });
  await ctx.store.audit.add(audit(ctx, event.operatorOpenId, 'export', round.id, { format: a.format }));
  return toast('success', msg.report.exportQueued);
};

/** Reminds only those who have not voted (their HMACs are not in the register); admins see a count. */
export const onRoundRemind: CardHandler<'ev.remind'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return denied();
  const round = await ctx.store.evaluations.get(a.round);
  if (!round || round.status !== 'open') return toast('warning', E.toast.closed);
  const hmacs = round.electorate.map((id) => voterHmac(ctx, round.id, id));
  const voted = await ctx.store.evaluations.hasVoted(round.id, hmacs);
  const card = ballotCard(round, 0, '', { timeZone: tz(ctx) });
  const todo = round.electorate.filter((_, i) => !voted[i]);
  await ctx.outbox.sendMany(todo.map((openId) => ({
    key: ballotReminderKey(round.id, ballotMessageId(ctx, round.id, openId), event.eventId), to: { openId },
    body: { type: 'card' as const, card },
  })));
  await ctx.store.audit.add(audit(ctx, event.operatorOpenId, 'remind', round.id, { reminded: todo.length }));
  return toast('success', E.list.reminded(todo.length));
};

/** Tallies typed in: a paper round's own, or third-party paper tallies of an electronic satisfaction round (channel `paper`). */
const takesPaper = (r: RoundMeta | undefined): r is RoundMeta => !!r && r.status !== 'closed' && (r.paper || r.kind === 'satisfaction');

export const onPaperPage: CardHandler<'ev.paper'> = async (a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return denied();
  const round = await ctx.store.evaluations.getMeta(a.round);
  if (!takesPaper(round) || !paperPages(round)[a.page]) return toast('warning', E.toast.closed);
  return withCard({}, paperTallyCard(round, a.page, { channel: !round.paper }));
};

/** One page of paper tallies: validated, then stored in one script (counts per group must agree across pages). */
export const onPaperSave: CardHandler<'ev.paperSave'> = async (a, event, ctx): Promise<CardAnswer> => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return denied();
  const round = await ctx.store.evaluations.getMeta(a.round);
  if (!takesPaper(round)) return toast('warning', E.toast.closed);
  const channel = !round.paper;
  const parsed = parsePaperPage(round, a.page, event.formValue ?? {});
  if (!parsed) return toast('warning', E.toast.invalid);
  if (!parsed.ok) return formRefused(E.paper.bad, paperTallyCard(round, a.page, { bad: parsed.bad, channel }), event.formValue);
  const entry = audit(ctx, event.operatorOpenId, 'paper', round.id, { page: a.page, ...(channel ? { channel: 'paper' } : {}) });
  const r = channel ? await ctx.store.evaluations.channels.enterPaper(round, parsed.entries, entry)
    : await ctx.store.evaluations.enterPaperTallies(round.id, parsed.entries, entry);
  if (!r.ok) {
    const mismatch = r.reason === 'mismatch';
    return withCard(toast('warning', mismatch ? E.paper.mismatch : E.paper.bad), paperTallyCard(round, a.page, { mismatch, channel }));
  }
  const more = a.page + 1 < paperPages(round).length;
  const next = more ? paperTallyCard(round, a.page + 1, { channel }) : await roundsListFor(ctx);
  return withCard(toast('success', more ? E.paper.saved : E.paper.savedLast), next);
};
