import { cleanText, TEXT_MAX } from '../../src/domain/opinions/opinion.js';
import { msg, t } from '../../src/messages/index.js';
import type { Opinion } from '../../src/store/opinions.js';
import type { AuditEntry } from '../../src/store/audit.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { forwardedOpinionCard, meta } from '../../cards/opinions/triage.js';
import { topFeedbackCard } from '../../cards/opinions/feedback.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { hasRole } from '../access.js';
import { knownPeople } from '../people.js';
import type { CardHandler } from '../types.js';
import { targetsOf } from './submit.js';
import { opinionPassedKey, opinionToTeamKey, opinionToTopKey } from './outbox-keys.js';

/**
 * Results fed back to the people they are about (DESIGN §2.10). 转交班子: an opinion about the team goes to every
 * leader, one card each. 转常务主席反馈: an opinion about one leader goes to the top leader, who passes it to that
 * leader (the opinion's target, read here, never from the button) with an optional note; that leader replies on
 * the existing path (`lr.reply`, they are then in forwardedTo) and the writer reads the reply with `查询`. Every
 * step carries the reader's identity and the text, never the writer's; the audit names who forwarded.
 */

/** The leader an opinion is about (its target `leader-<i>` in the campaign file's order), if any. */
export function leaderOf(o: Pick<Opinion, 'target'>, ctx: HandlerCtx): { openId: string; label: string } | undefined {
  const i = /^leader-(\d+)$/.exec(o.target)?.[1];
  const leader = i === undefined ? undefined : ctx.campaign.leaders[Number(i)];
  return leader ? { openId: leader.openId, label: `${leader.name}（${leader.title}）` } : undefined;
}

type Audit = (action: string, detail?: Record<string, unknown>) => AuditEntry;
/** What a triage step answers: a refusal toast, or the success toast for the refreshed triage card. */
type Step = { ok: false; answer: CardAnswer } | { ok: true; done: ReturnType<typeof msg.triage.teamForwarded> };

const union = (a: readonly string[], b: readonly string[]) => JSON.stringify([...new Set([...a, ...b])]);

/** 转交班子: every leader the bot knows gets the opinion, one card and one outbox key each. */
export async function sendToTeam(o: Opinion, audit: Audit, ctx: HandlerCtx): Promise<Step> {
  if (o.target !== 'team') return { ok: false, answer: toast('warning', msg.triage.notAboutTeam) };
  const leaders = (await knownPeople(ctx)).leaders.map((l) => l.openId);
  await ctx.store.opinions.update(o.id, { set: { forwardedTo: union(o.forwardedTo, leaders) }, leaveOpen: true },
    audit('to_team', { leaders: leaders.length }));
  const card = forwardedOpinionCard({ opinion: o, targets: targetsOf(ctx), via: 'team' });
  await ctx.outbox.sendMany(leaders.map((openId) => ({
    key: opinionToTeamKey(o.id, openId), to: { openId }, body: { type: 'card' as const, card },
  })));
  return { ok: true, done: msg.triage.teamForwarded(leaders.length) };
}

/** 转常务主席反馈: the top leader gets it to pass on (about the top leader themself: straight to them to answer). */
export async function sendToTop(o: Opinion, audit: Audit, ctx: HandlerCtx): Promise<Step> {
  const subject = leaderOf(o, ctx);
  if (!subject) return { ok: false, answer: toast('warning', msg.triage.notAboutLeader) };
  if (o.feedback) return { ok: false, answer: toast('warning', msg.triage.topAlready) };
  const top = ctx.campaign.topLeader;
  if (subject.openId === top) {
    await ctx.store.opinions.update(o.id, { set: { feedback: 'passed', forwardedTo: union(o.forwardedTo, [top]) }, leaveOpen: true },
      audit('to_top', { to: top }));
    const card = forwardedOpinionCard({ opinion: o, targets: targetsOf(ctx) });
    await ctx.outbox.send({ key: opinionPassedKey(o.id, top), to: { openId: top }, body: { type: 'card', card } });
    return { ok: true, done: msg.triage.topForwarded };
  }
  await ctx.store.opinions.update(o.id, { set: { feedback: 'top' }, leaveOpen: true }, audit('to_top', { to: top }));
  const card = topFeedbackCard({ opinion: o, targets: targetsOf(ctx), about: subject.label, meta: meta(o, targetsOf(ctx)) });
  await ctx.outbox.send({ key: opinionToTopKey(o.id, top), to: { openId: top }, body: { type: 'card', card } });
  return { ok: true, done: msg.triage.topForwarded };
}

/** 转本人反馈: the top leader passes the opinion to the leader it is about, with an optional note (audited). */
export const onFeedbackPass: CardHandler<'fb.pass'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  if (!(await hasRole(actor, ctx, 'topLeader'))) return toast('error', msg.errors.noPermissionFor);
  const o = await ctx.store.opinions.get(a.id);
  if (!o) return toast('warning', msg.triage.notFound);
  const subject = leaderOf(o, ctx);
  if (o.feedback === 'passed') return toast('warning', msg.triage.topAlready);
  if (o.feedback !== 'top' || !subject) return toast('warning', msg.triage.notWithTop);
  const typed = event.formValue?.fb_note;
  const note = typeof typed === 'string' ? cleanText(typed) : '';
  const view = { opinion: o, targets: targetsOf(ctx), about: subject.label, meta: meta(o, targetsOf(ctx)) };
  if ([...note].length > TEXT_MAX) {
    const bad = msg.opinion.invalid.textLong;
    return formRefused(bad, topFeedbackCard(view), event.formValue, [{ field: 'fb_note', text: t(bad) }]);
  }
  const set: Record<string, string> = { feedback: 'passed', forwardedTo: union(o.forwardedTo, [subject.openId]) };
  if (note) set.feedbackNote = note;
  await ctx.store.opinions.update(o.id, { set, leaveOpen: true },
    { at: ctx.now(), actor, action: 'opinion.feedback_pass', detail: { id: o.id, to: subject.openId, note: note.length > 0 } });
  const card = forwardedOpinionCard({ opinion: o, targets: targetsOf(ctx), via: 'top', ...(note ? { note } : {}) });
  await ctx.outbox.send({ key: opinionPassedKey(o.id, subject.openId), to: { openId: subject.openId }, body: { type: 'card', card } });
  const passed = { ...o, ...(note ? { feedbackNote: note } : {}) };
  const done = topFeedbackCard({ ...view, opinion: passed, passedTo: subject.label });
  return withCard(toast('success', msg.triage.topPassed(subject.label)), done);
};

/** How a forwarded opinion reached `openId` (the intro of the card they answer on). */
export function viaOf(o: Opinion, openId: string, ctx: HandlerCtx): { via: 'office' | 'team' | 'top'; note?: string } {
  if (o.feedback === 'passed' && leaderOf(o, ctx)?.openId === openId && openId !== ctx.campaign.topLeader) {
    return { via: 'top', ...(o.feedbackNote ? { note: o.feedbackNote } : {}) };
  }
  return { via: o.target === 'team' ? 'team' : 'office' };
}
