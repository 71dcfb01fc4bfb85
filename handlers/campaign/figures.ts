import type { ProgressInput } from '../../src/domain/campaign/progress.js';
import { flagOf } from '../../src/domain/ledger/item.js';
import { tally } from '../../src/domain/ledger/lookback.js';
import { isOverdue } from '../../src/domain/rules/rule.js';
import { currentStep, stepPeople } from '../../src/domain/materials/material.js';
import { materialOverdue, type MaterialRow } from '../../src/domain/campaign/progress-materials.js';
import type { MeetingRow, TalkRow } from '../../src/domain/campaign/progress-talks.js';
import { endOfDay } from '../../src/domain/calendar.js';
import { chainPeople, kindNames } from '../materials/common.js';
import { attendanceTrend } from '../../src/reports/study-exports.js';
import type { HandlerCtx } from '../context.js';
import { tz } from '../campaign-time.js';
import { knownPeople } from '../people.js';

/** The campaign's figures as the stores keep them, for 进度 and the weekly digest. */
/** Past study sessions in the attendance chart. */
const STUDY_SESSIONS = 8;

export async function latestRounds(ctx: HandlerCtx): Promise<Pick<ProgressInput, 'evaluation' | 'satisfaction'>> {
  const rounds = await ctx.store.evaluations.list();
  const latest = rounds.find((r) => r.status !== 'draft');
  const evaluation = latest && { title: latest.title, ...(await ctx.store.evaluations.turnout(latest.id)) };
  for (const r of rounds.filter((x) => x.kind === 'satisfaction' && x.status === 'closed')) {
    const verdict = await ctx.store.evaluations.verdict(r.id);
    if (verdict) return { evaluation, satisfaction: { title: r.title, verdict } };
  }
  return { evaluation };
}

export async function studyTrend(ctx: HandlerCtx): Promise<ProgressInput['study']> {
  return (await attendanceTrend(ctx.store.study, ctx.now(), STUDY_SESSIONS)).map(({ label, attendance }) => ({ label, attendance }));
}

export async function ledgerRows(ctx: HandlerCtx, named: boolean): Promise<ProgressInput['ledger']> {
  const now = ctx.now();
  const nameOf = named ? (await knownPeople(ctx)).nameOf : () => '';
  return (await ctx.store.ledger.list()).map((i) => ({
    seq: i.seq, problem: i.problem, status: i.status, overdue: flagOf(i, now, tz(ctx)) === 'overdue',
    owner: i.owner, leader: i.leader, ownerName: nameOf(i.owner),
  }));
}

export async function latestLookback(ctx: HandlerCtx): Promise<ProgressInput['lookback']> {
  const id = await ctx.store.lookbacks.latestId();
  const lb = id ? await ctx.store.lookbacks.get(id) : undefined;
  return lb ? tally(lb, await ctx.store.lookbacks.outcomes(lb.id)) : undefined;
}

/** The 建章立制 register as 进度 counts it: each rule's state and whether it is past its due day (no name). */
export async function ruleRows(ctx: HandlerCtx): Promise<ProgressInput['rules']> {
  const now = ctx.now();
  return (await ctx.store.rules.list()).map((r) => ({ state: r.state, overdue: isOverdue(r, now, tz(ctx)) }));
}

/** Materials for review as 进度 and the digest count them; authors' names only when `named` (never for the public view). */
export async function materialRows(ctx: HandlerCtx, named: boolean): Promise<MaterialRow[]> {
  const now = ctx.now();
  const [list, chain] = await Promise.all([ctx.store.materials.list(), chainPeople(ctx)]);
  const nameOf = named ? (await knownPeople(ctx)).nameOf : () => '';
  const kinds = await kindNames(ctx);
  return list.map((m) => {
    const step = currentStep(m);
    return {
      kindName: kinds[m.kind], title: m.title, authors: m.authors, authorNames: named ? m.authors.map(nameOf).join('、') : '',
      reviewers: step === undefined ? [] : stepPeople(step, chain), due: m.due, state: m.state, overdue: materialOverdue(m, now, tz(ctx)),
    };
  });
}

/** 谈心谈话 as 进度 and the digest count them (never a note: the store keeps notes apart); names only when `named`. */
export async function talkRows(ctx: HandlerCtx, named: boolean): Promise<TalkRow[]> {
  const now = ctx.now();
  const nameOf = named ? (await knownPeople(ctx)).nameOf : () => '';
  return (await ctx.store.talks.list()).map((t) => ({
    a: t.a, b: t.b, aName: nameOf(t.a), bName: nameOf(t.b), due: t.due, state: t.state,
    overdue: t.state === 'planned' && now > endOfDay(t.due, tz(ctx)),
  }));
}

/** The 生活会 and each attendee's record state; names only when `named`. */
export async function meetingRows(ctx: HandlerCtx, named: boolean): Promise<MeetingRow[]> {
  const nameOf = named ? (await knownPeople(ctx)).nameOf : () => '';
  return (await ctx.store.meetings.list()).map((m) => ({
    title: m.title, state: m.state,
    records: m.attendees.flatMap((u) => (m.records[u] ? [{ openId: u, name: nameOf(u), state: m.records[u]!.state }] : [])),
  }));
}
