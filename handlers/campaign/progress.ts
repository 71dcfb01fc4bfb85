import { audienceOf, progressView, type ProgressInput } from '../../src/domain/campaign/progress.js';
import { localParts } from '../../src/domain/calendar.js';
import { flagOf } from '../../src/domain/ledger/item.js';
import { tally } from '../../src/domain/ledger/lookback.js';
import { percent } from '../../src/domain/study/digest.js';
import { buildOpinionReport } from '../../src/reports/opinion-report.js';
import { loadSummary } from '../../src/reports/study-exports.js';
import { progressCard } from '../../cards/campaign/progress.js';
import type { HandlerCtx } from '../context.js';
import { tz } from '../campaign-time.js';
import { knownPeople } from '../people.js';
import { respond } from '../respond.js';
import type { CommandCall } from '../types.js';

/** Past study sessions in the attendance chart. */
const STUDY_SESSIONS = 8;

async function latestRounds(ctx: HandlerCtx): Promise<Pick<ProgressInput, 'evaluation' | 'satisfaction'>> {
  const rounds = await ctx.store.evaluations.list();
  const latest = rounds.find((r) => r.status !== 'draft');
  const evaluation = latest && { title: latest.title, ...(await ctx.store.evaluations.turnout(latest.id)) };
  for (const r of rounds.filter((x) => x.kind === 'satisfaction' && x.status === 'closed')) {
    const verdict = await ctx.store.evaluations.verdict(r.id);
    if (verdict) return { evaluation, satisfaction: { title: r.title, verdict } };
  }
  return { evaluation };
}

async function studyTrend(ctx: HandlerCtx): Promise<ProgressInput['study']> {
  const store = ctx.store.study;
  const out: ProgressInput['study'] = [];
  for (const s of await store.sessionsBefore(ctx.now(), STUDY_SESSIONS)) {
    if (s.status === 'cancelled' || !(await store.attendees(s.id))) continue;
    const { summary } = await loadSummary(store, s.id);
    out.push({ label: `${s.id.slice(6, 8)}/${s.id.slice(8, 10)}`, attendance: percent(summary.attendanceRate) });
  }
  return out;
}

async function ledgerRows(ctx: HandlerCtx, named: boolean): Promise<ProgressInput['ledger']> {
  const now = ctx.now();
  const nameOf = named ? (await knownPeople(ctx)).nameOf : () => '';
  return (await ctx.store.ledger.list()).map((i) => ({
    seq: i.seq, problem: i.problem, status: i.status, overdue: flagOf(i, now, tz(ctx)) === 'overdue',
    owner: i.owner, leader: i.leader, ownerName: nameOf(i.owner),
  }));
}

async function latestLookback(ctx: HandlerCtx): Promise<ProgressInput['lookback']> {
  const id = await ctx.store.lookbacks.latestId();
  const lb = id ? await ctx.store.lookbacks.get(id) : undefined;
  return lb ? tally(lb, await ctx.store.lookbacks.outcomes(lb.id)) : undefined;
}

/**
 * `进度`: the campaign at a glance. In a group it is the public view (figures, no names), whoever asks; in the
 * p2p chat it is the caller's view. Every figure comes from counters or the stores' indexes (the opinion
 * counters, not the opinions), so the card stays cheap at 50,000 opinions.
 */
export async function onProgress(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  const audience = audienceOf(cmd.roles, cmd.origin.kind === 'group');
  const report = await buildOpinionReport(ctx.store.opinions, ctx.campaign);
  const view = progressView({
    campaign: ctx.campaign.campaign,
    today: localParts(ctx.now(), tz(ctx)).day,
    audience,
    caller: cmd.callerOpenId,
    milestonesDone: await ctx.store.milestones.doneMap(),
    opinions: { total: report.total, handled: report.handled, bySource: report.bySource },
    ...(await latestRounds(ctx)),
    study: await studyTrend(ctx),
    ledger: await ledgerRows(ctx, audience === 'full'),
    lookback: await latestLookback(ctx),
  });
  const locale = ctx.campaign.campaign.locale === 'en-US' ? 'en' : 'zh';
  await respond(cmd, { type: 'card', card: progressCard(view, { locale }) }, ctx);
}
