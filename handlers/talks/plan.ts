import { z } from 'zod';
import { addDays } from '../../src/domain/calendar.js';
import { phaseOnDay } from '../../src/domain/campaign/timeline.js';
import { pickedDay } from '../../src/domain/materials/form.js';
import { PLAN_FORM } from '../../src/domain/talks/form.js';
import { planTalkReminders } from '../../src/domain/talks/reminders.js';
import {
  generatePlan, kindOf, newTalk, newTalkId, pairKey, PLAN_MAX, TALK_KINDS, type PlannedPair,
} from '../../src/domain/talks/talk.js';
import { msg } from '../../src/messages/index.js';
import { shortDay } from '../../cards/materials/common.js';
import { PLAN_PAGE, talkPlanCard } from '../../cards/talks/plan.js';
import type { CardAnswer, CardEvent } from '../../src/pipeline.js';
import type { CardAction } from '../../cards/actions.js';
import { toast, withCard } from '../card-answer.js';
import { callerRoles } from '../access.js';
import { calendarOf, today } from '../campaign-time.js';
import type { HandlerCtx } from '../context.js';
import { knownPeople } from '../people.js';
import type { CardHandler } from '../types.js';
import { denied, readsAll, talkCardFor } from './common.js';
import { talkListFor } from './list.js';
import { talkPlannedKey } from './outbox-keys.js';

/**
 * 生成谈话安排 (the top leader, or the office for them): the generated pairs are kept as the planner's draft (a day),
 * reviewed on the card — a line removed, a pair added among the people the bot knows, a due day moved — then saved:
 * only pairs with no talk yet are stored (idempotent), audited, both parties told and the reminders scheduled.
 */

const M = msg.talks;
const pairSchema = z.strictObject({
  a: z.string().min(1), b: z.string().min(1), kind: z.enum(TALK_KINDS), due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
const draftSchema = z.array(pairSchema).max(PLAN_MAX);

async function readDraft(openId: string, ctx: HandlerCtx): Promise<PlannedPair[] | undefined> {
  const raw = await ctx.store.talks.draft(openId);
  if (!raw) return undefined;
  try {
    const r = draftSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

async function planCard(pairs: readonly PlannedPair[], page: number, ctx: HandlerCtx) {
  const people = await knownPeople(ctx);
  return talkPlanCard({ pairs, names: people.names, leaders: people.leaders, people: people.list, page });
}

type PlanAction = 'tk.planPage' | 'tk.drop' | 'tk.add' | 'tk.due' | 'tk.save';

/** Runs `h` for a planner with their draft; anyone else is refused, a missing draft is told. */
function planner<A extends PlanAction>(
  h: (pairs: PlannedPair[], a: Extract<CardAction, { a: A }>, e: CardEvent, ctx: HandlerCtx) => Promise<CardAnswer>,
): CardHandler<A> {
  return async (a, e, ctx) => {
    if (!readsAll(await callerRoles(e.operatorOpenId, ctx))) return denied();
    const pairs = await readDraft(e.operatorOpenId, ctx);
    if (!pairs) return toast('warning', M.toast.noDraft);
    return h(pairs, a, e, ctx);
  };
}

const saveDraft = (openId: string, pairs: readonly PlannedPair[], ctx: HandlerCtx) =>
  ctx.store.talks.setDraft(openId, JSON.stringify(pairs));

export const onTalkPlan: CardHandler<'tk.plan'> = async (_a, e, ctx) => {
  if (!readsAll(await callerRoles(e.operatorOpenId, ctx))) return denied();
  const day = today(ctx);
  const due = phaseOnDay((await ctx.timeline()).phases, day)?.end ?? addDays(day, 14);
  const c = ctx.campaign;
  const leaders = (await knownPeople(ctx)).leaders.map((l) => l.openId).filter((l) => l !== c.topLeader);
  const membersOf = new Map(c.leaders.map((l) => [l.openId, l.members ?? []] as const));
  const pairs = generatePlan({ topLeader: c.topLeader, leaders, membersOf, due: due < day ? addDays(day, 14) : due,
    existing: await ctx.store.talks.pairs() });
  await saveDraft(e.operatorOpenId, pairs, ctx);
  return withCard({}, await planCard(pairs, 0, ctx));
};

export const onTalkPlanPage: CardHandler<'tk.planPage'> = planner(async (pairs, a, _e, ctx) =>
  withCard({}, await planCard(pairs, a.page, ctx)));

export const onTalkDrop: CardHandler<'tk.drop'> = planner(async (pairs, a, e, ctx) => {
  if (a.i >= pairs.length) return toast('warning', M.toast.noDraft);
  const left = pairs.filter((_p, i) => i !== a.i);
  await saveDraft(e.operatorOpenId, left, ctx);
  return withCard(toast('success', M.toast.changed), await planCard(left, a.page, ctx));
});

export const onTalkAdd: CardHandler<'tk.add'> = planner(async (pairs, _a, e, ctx) => {
  const fv = e.formValue ?? {};
  const people = await knownPeople(ctx);
  const [x, y, due] = [fv[PLAN_FORM.a], fv[PLAN_FORM.b], pickedDay(fv[PLAN_FORM.addDue])];
  const taken = new Set([...(await ctx.store.talks.pairs()), ...pairs.map((p) => pairKey(p.a, p.b))]);
  const leaders = new Set(people.leaders.map((l) => l.openId));
  // Every talk has a leader on one side; both are people the bot knows; a pair planned or drafted already is not added.
  if (typeof x !== 'string' || typeof y !== 'string' || x === y || !people.ids.has(x) || !people.ids.has(y)
    || (!leaders.has(x) && !leaders.has(y)) || !due || due < today(ctx) || taken.has(pairKey(x, y)) || pairs.length >= PLAN_MAX) {
    return toast('warning', M.toast.badPair);
  }
  const next = [...pairs, { a: x, b: y, kind: kindOf(x, y, ctx.campaign.topLeader, leaders), due }];
  await saveDraft(e.operatorOpenId, next, ctx);
  return withCard(toast('success', M.toast.changed), await planCard(next, Math.floor((next.length - 1) / PLAN_PAGE), ctx));
});

export const onTalkDue: CardHandler<'tk.due'> = planner(async (pairs, _a, e, ctx) => {
  const fv = e.formValue ?? {};
  const i = Number(fv[PLAN_FORM.pair]);
  const due = pickedDay(fv[PLAN_FORM.newDue]);
  if (!Number.isInteger(i) || i < 0 || i >= pairs.length || !due || due < today(ctx)) return toast('warning', M.toast.badDue);
  const next = pairs.map((p, j) => (j === i ? { ...p, due } : p));
  await saveDraft(e.operatorOpenId, next, ctx);
  return withCard(toast('success', M.toast.changed), await planCard(next, Math.floor(i / PLAN_PAGE), ctx));
});

export const onTalkSave: CardHandler<'tk.save'> = planner(async (pairs, _a, e, ctx) => {
  const by = e.operatorOpenId;
  const now = ctx.now();
  const talks = pairs.map((p) => newTalk(p, newTalkId(), { by, now }));
  const made = await ctx.store.talks.createMany(talks, { at: now, actor: by, action: 'talk.plan', detail: { proposed: pairs.length } });
  await ctx.store.talks.setDraft(by, undefined);
  const cal = calendarOf(ctx);
  const names = (await knownPeople(ctx)).names;
  for (const tk of made) {
    await ctx.talkJobs.reminders(tk.id, tk.gen, planTalkReminders(tk.due, now, cal));
    const messages = [];
    for (const [who, other] of [[tk.a, tk.b], [tk.b, tk.a]] as const) {
      const banner = M.notices.planned(names[other] ?? other, shortDay(tk.due));
      const card = await talkCardFor(tk, who, ctx, { banner });
      messages.push({ key: talkPlannedKey(tk.id, who), to: { openId: who }, body: { type: 'card' as const, card } });
    }
    await ctx.outbox.sendMany(messages);
  }
  return withCard(toast('success', M.toast.saved(made.length)), await talkListFor(by, ctx));
});
