import type { ProgressInput } from '../../src/domain/campaign/progress.js';
import { flagOf } from '../../src/domain/ledger/item.js';
import { tally } from '../../src/domain/ledger/lookback.js';
import { percent } from '../../src/domain/study/digest.js';
import { loadSummary } from '../../src/reports/study-exports.js';
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
  const store = ctx.store.study;
  const out: ProgressInput['study'] = [];
  for (const s of await store.sessionsBefore(ctx.now(), STUDY_SESSIONS)) {
    if (s.status === 'cancelled' || !(await store.attendees(s.id))) continue;
    const { summary } = await loadSummary(store, s.id);
    out.push({ label: `${s.id.slice(6, 8)}/${s.id.slice(8, 10)}`, attendance: percent(summary.attendanceRate) });
  }
  return out;
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
