import type { ProgressView } from '../../src/domain/campaign/progress.js';
import { dayText } from '../../src/messages/campaign.js';
import { msg, t, type Locale } from '../../src/messages/index.js';
import { card, chart, clip, div, hr, md, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';
import { milestoneDoneButton } from './milestone.js';

const P = msg.progress;
/** Bars of the by-source chart; the rest are summed into one (a phone shows about this many). */
const MAX_SOURCES = 8;
const PROBLEM_MAX = 40;

const heading = (text: string) => md(`**${text}**`);
const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);

type SourceRow = { label: string; count: number; handled: number };

/** The largest sources by opinions received, the rest summed into one row (a phone shows about this many bars). */
function sourceRows(rows: SourceRow[], locale: Locale): SourceRow[] {
  const nonZero = rows.filter((r) => r.count > 0).sort((a, b) => b.count - a.count);
  if (nonZero.length <= MAX_SOURCES) return nonZero;
  const rest = nonZero.slice(MAX_SOURCES - 1);
  const sum = (k: 'count' | 'handled') => rest.reduce((n, r) => n + r[k], 0);
  const other = { label: t(msg.report.otherTargets, locale), count: sum('count'), handled: sum('handled') };
  return [...nonZero.slice(0, MAX_SOURCES - 1), other];
}

function sourceChart(title: string, rows: { name: string; count: number }[]): CardElement {
  return chart({
    type: 'bar', direction: 'horizontal', title: { visible: true, text: title },
    data: { values: rows }, xField: 'count', yField: 'name', label: { visible: true },
  }, { aspect_ratio: '4:3' });
}

function phaseLines(v: ProgressView, locale: Locale): CardElement[] {
  const p = v.phase;
  if (p.where === 'none' || !p.phase) return [div(t(P.noPhases, locale))];
  const dates = noteText(t(P.phaseDates(dayText(p.phase.start), dayText(p.phase.end)), locale));
  const name = clip(p.phase.name, 50);
  if (p.where === 'in') return [div(t(P.phaseIn(name, p.days ?? 0), locale)), dates];
  if (p.where === 'before') return [div(t(P.phaseBefore(name, p.days ?? 0), locale)), dates];
  if (p.where === 'between') return [div(t(P.phaseBetween(name, p.days ?? 0), locale)), dates];
  return [div(t(P.phaseAfter, locale))];
}

function milestoneLines(v: ProgressView, locale: Locale, markDone: boolean): CardElement[] {
  if (!v.milestones.length) return [div(t(P.noMilestones, locale))];
  return v.milestones.flatMap((m) => [
    div(
      t(P.milestoneLine(dayText(m.date), clip(m.name, 60), P.milestoneStates[m.state]), locale),
      m.state === 'overdue' ? { text_color: 'red' } : m.state === 'done' ? { text_color: 'green' } : {},
    ),
    // 标记完成 for the office, under each open milestone (the server checks the role again).
    ...(markDone && m.state !== 'done' ? [milestoneDoneButton(m.id, locale)] : []),
  ]);
}

function opinionElements(v: ProgressView, locale: Locale): CardElement[] {
  const o = v.opinions;
  const out: CardElement[] = [heading(t(P.opinions, locale)), div(t(P.opinionsLine(o.total, o.handled, pct(o.handled, o.total)), locale))];
  const rows = sourceRows(o.bySource, locale);
  if (rows.length) out.push(sourceChart(t(P.chartBySource, locale), rows.map((r) => ({ name: clip(r.label, 20), count: r.count }))));
  if (rows.some((r) => r.handled > 0)) {
    out.push(sourceChart(t(P.chartHandledBySource, locale), rows.map((r) => ({ name: clip(r.label, 20), count: r.handled }))));
  }
  return out;
}

function evaluationElements(v: ProgressView, locale: Locale): CardElement[] {
  const e = v.evaluation;
  const out: CardElement[] = [heading(t(P.evaluation, locale))];
  out.push(div(e
    ? t(P.evaluationLine(clip(e.title, 40), e.voted, e.electorate, pct(e.voted, e.electorate)), locale)
    : t(P.noEvaluation, locale)));
  if (v.satisfaction) {
    const s = v.satisfaction;
    out.push(div(t(P.verdicts[s.verdict](clip(s.title, 40)), locale), s.verdict === 'continue' ? { text_color: 'red' } : {}));
  }
  return out;
}

function studyElements(v: ProgressView, locale: Locale): CardElement[] {
  const out: CardElement[] = [heading(t(P.study, locale))];
  if (!v.study.length) return [...out, div(t(P.noStudy, locale))];
  out.push(chart({
    type: 'line', title: { visible: true, text: t(P.chartAttendance, locale) },
    data: { values: v.study.map((s) => ({ session: s.label, attendance: s.attendance })) },
    xField: 'session', yField: 'attendance', point: { visible: true }, label: { visible: true },
  }, { aspect_ratio: '16:9' }));
  return out;
}

function ledgerElements(v: ProgressView, locale: Locale): CardElement[] {
  // Before the 整改方案 is accepted the public view shows no ledger figure, as the board shows no item.
  if (v.ledgerGated) return [heading(t(P.ledger, locale)), div(t(msg.board.gated, locale))];
  const c = v.ledgerCounts;
  const out: CardElement[] = [heading(t(P.ledger, locale)), div(t(P.ledgerLine(c), locale))];
  const rows = (['active', 'review', 'closed'] as const).map((s) => ({ name: t(P.statuses[s], locale), count: c[s] }));
  if (rows.some((r) => r.count > 0)) {
    out.push(chart({
      type: 'pie', title: { visible: true, text: t(P.chartLedger, locale) },
      data: { values: rows.filter((r) => r.count > 0) }, valueField: 'count', categoryField: 'name',
      outerRadius: 0.8, innerRadius: 0.5, label: { visible: true }, legends: { visible: true, orient: 'bottom' },
    }, { aspect_ratio: '1:1' }));
  }
  if (v.audience !== 'public') {
    out.push(div(t(v.audience === 'full' ? P.overdueHeading : P.mineHeading, locale)));
    if (!v.items.length) out.push(noteText(t(v.audience === 'full' ? P.noOverdue : P.noMine, locale)));
    for (const i of v.items) {
      const line = t(P.itemLine(i.seq, clip(i.problem.replace(/\s+/g, ' '), PROBLEM_MAX), i.ownerName && clip(i.ownerName, 20)), locale);
      out.push(div(`${i.overdue ? t(P.overdueMark, locale) : ''}${line}`, i.overdue ? { text_color: 'red' } : {}));
    }
  }
  if (v.lookback) out.push(div(t(P.lookback(v.lookback), locale)));
  return out;
}

/** 材料报审 (full and leader views only): counts, then the named materials, overdue in red, returned in orange. */
function materialElements(v: ProgressView, locale: Locale): CardElement[] {
  const c = v.materials;
  if (!c) return [];
  const full = v.audience === 'full';
  const out: CardElement[] = [hr(), heading(t(P.materials, locale)), div(t(P.materialsLine(c), locale))];
  out.push(div(t(full ? P.materialsOverdueHeading : P.materialsMineHeading, locale)));
  if (!c.named.length) out.push(noteText(t(full ? P.noOverdueMaterials : P.noMineMaterials, locale)));
  for (const x of c.named) {
    const line = P.materialLine(clip(x.kindName, 20), clip(x.title.replace(/\s+/g, ' '), PROBLEM_MAX), dayText(x.due),
      msg.materials.states[x.state], x.authorName ? clip(x.authorName, 40) : undefined);
    const color = x.overdue ? 'red' : x.state === 'returned' ? 'orange' : undefined;
    out.push(div(`${x.overdue ? t(P.overdueMark, locale) : ''}${t(line, locale)}`, color ? { text_color: color } : {}));
  }
  return out;
}

/**
 * 谈心谈话与生活会: counts for every view (talks held / planned, meetings held / planned, records confirmed); the full
 * view names the overdue talks, a leader sees their own talks' state. Never a note; the public view never a name.
 */
function talkElements(v: ProgressView, locale: Locale): CardElement[] {
  const c = v.talks;
  if (!c) return [];
  const T = msg.progressTalks;
  const line = T.talksLine(c.talks.done, c.talks.planned, c.talks.overdue);
  const out: CardElement[] = [hr(), heading(t(T.heading, locale)), div(t(line, locale))];
  if (c.meetings.planned) {
    out.push(div(t(T.meetingsLine(c.meetings.held, c.meetings.planned), locale)));
    if (c.records.total) out.push(div(t(T.recordsLine(c.records.confirmed, c.records.total), locale)));
  }
  if (v.audience === 'public' || !c.talks.planned) return out;
  const full = v.audience === 'full';
  out.push(div(t(full ? T.overdueHeading : T.mineHeading, locale)));
  if (!c.named.length) out.push(noteText(t(full ? T.noOverdue : T.noMine, locale)));
  for (const x of c.named) {
    const [a = '', b = ''] = x.names.map((n) => clip(n, 20));
    const line = full ? T.pairLine(a, b, dayText(x.due)) : T.mineLine(a, msg.talks.states[x.state], dayText(x.due));
    out.push(div(`${x.overdue ? t(T.overdueMark, locale) : ''}${t(line, locale)}`, x.overdue ? { text_color: 'red' } : {}));
  }
  return out;
}

/** 建章立制 by state (counts only, no rule's name), and how many are overdue in the full and leader views. */
function ruleElements(v: ProgressView, locale: Locale): CardElement[] {
  const c = v.rules;
  const out: CardElement[] = [heading(t(P.rules, locale))];
  if (!c.drafting && !c.review && !c.adopted && !c.abolished) return [...out, noteText(t(P.noRules, locale))];
  out.push(div(t(P.rulesLine(c), locale)));
  if (c.overdue) out.push(div(t(P.rulesOverdue(c.overdue), locale), { text_color: 'red' }));
  return out;
}

/**
 * 进度: the campaign at a glance (DESIGN §2.7), three charts at most. Names appear only in the full and the
 * leader's views, as plain text; the public view (members, any group) shows figures only.
 */
export function progressCard(v: ProgressView, opts: { locale?: Locale; markDone?: boolean } = {}): Card {
  const locale = opts.locale ?? 'zh';
  const elements: CardElement[] = [
    ...phaseLines(v, locale), hr(),
    heading(t(P.milestones, locale)), ...milestoneLines(v, locale, Boolean(opts.markDone) && v.audience === 'full'), hr(),
    ...opinionElements(v, locale), hr(),
    ...evaluationElements(v, locale), hr(),
    ...studyElements(v, locale), hr(),
    ...ledgerElements(v, locale),
    ...materialElements(v, locale), ...talkElements(v, locale), hr(),
    ...ruleElements(v, locale),
  ];
  if (v.audience === 'public') elements.push(hr(), noteText(t(P.publicNote, locale)));
  return card({ title: t(P.title, locale), subtitle: clip(v.campaignName, 60), template: 'blue', elements });
}
