import { DIGEST_LINES, type DigestView } from '../../src/domain/campaign/digest.js';
import { dayText } from '../../src/messages/campaign.js';
import { msg, t, type Locale } from '../../src/messages/index.js';
import { card, chart, clip, div, hr, md, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';

const D = msg.digest;
const P = msg.progress;

function lines(items: DigestView['due'], empty: string, locale: Locale, color?: string): CardElement[] {
  if (!items.length) return [noteText(empty)];
  const shown = items.slice(0, DIGEST_LINES).map((x) => div(
    t(D.line(clip(x.label.replace(/\s+/g, ' '), 60), x.date ? dayText(x.date) : undefined, x.who && clip(x.who, 20)), locale),
    color ? { text_color: color } : {},
  ));
  return items.length > DIGEST_LINES ? [...shown, noteText(t(D.more(items.length - DIGEST_LINES), locale))] : shown;
}

const FLAG_COLOR = { overdue: 'red', returned: 'orange', due: undefined } as const;

function materialLines(v: DigestView, locale: Locale): CardElement[] {
  if (!v.materials.length) return [noteText(t(D.noMaterials, locale))];
  const shown = v.materials.slice(0, DIGEST_LINES).map((x) => {
    const line = D.materialLine(clip(x.kindName, 20), clip(x.title.replace(/\s+/g, ' '), 60), dayText(x.due), clip(x.who, 40));
    const color = FLAG_COLOR[x.flag];
    return div(`${t(D.materialFlags[x.flag], locale)}${t(line, locale)}`, color ? { text_color: color } : {});
  });
  const more = v.materials.length - DIGEST_LINES;
  return more > 0 ? [...shown, noteText(t(D.moreMaterials(more), locale))] : shown;
}

/** Overdue talks, then the meeting records their subjects have not confirmed (names: its readers may see them). */
function talkLines(v: DigestView, locale: Locale): CardElement[] {
  const T = msg.progressTalks;
  const block = (rows: string[], empty: string, color?: string): CardElement[] => {
    if (!rows.length) return [noteText(empty)];
    const shown = rows.slice(0, DIGEST_LINES).map((r) => div(r, color ? { text_color: color } : {}));
    return rows.length > DIGEST_LINES ? [...shown, noteText(t(T.more(rows.length - DIGEST_LINES), locale))] : shown;
  };
  const talks = v.talks.overdue.map((x) => t(T.pairLine(clip(x.a, 20), clip(x.b, 20), dayText(x.due)), locale));
  const records = v.talks.unconfirmed.map((x) =>
    t(T.recordLine(clip(x.title.replace(/\s+/g, ' '), 60), clip(x.name, 20), msg.meetings.recordStates[x.state]), locale));
  return [
    md(`**${t(T.digestTalks, locale)}**`), ...block(talks, t(T.noDigestTalks, locale), 'red'),
    md(`**${t(T.digestRecords, locale)}**`), ...block(records, t(T.noDigestRecords, locale)),
  ];
}

/**
 * Monday's digest to the top leader and the office: due this week, overdue (named: the readers may see
 * names), materials for review (its readers see them all), the last seven days, turnout and the study trend.
 * Names and problems are plain text.
 */
export function weeklyDigestCard(v: DigestView, opts: { campaignName: string; locale?: Locale }): Card {
  const locale = opts.locale ?? 'zh';
  const elements: CardElement[] = [
    md(`**${t(D.due, locale)}**`), ...lines(v.due, t(D.noDue, locale), locale), hr(),
    md(`**${t(D.overdue, locale)}**`), ...lines(v.overdue, t(D.noOverdue, locale), locale, 'red'), hr(),
    md(`**${t(D.materials, locale)}**`), ...materialLines(v, locale), hr(),
    ...talkLines(v, locale), hr(),
    md(`**${t(D.changes, locale)}**`), div(t(D.changesLine(v.changes), locale)), div(t(D.opinionsLine(v.opinions), locale)),
  ];
  if (v.evaluation) {
    const e = v.evaluation;
    const pct = e.electorate ? Math.round((e.voted / e.electorate) * 100) : 0;
    elements.push(div(t(P.evaluationLine(clip(e.title, 40), e.voted, e.electorate, pct), locale)));
  }
  if (v.study.length) {
    elements.push(chart({
      type: 'line', title: { visible: true, text: t(P.chartAttendance, locale) },
      data: { values: v.study.map((s) => ({ session: s.label, attendance: s.attendance })) },
      xField: 'session', yField: 'attendance', point: { visible: true }, label: { visible: true },
    }, { aspect_ratio: '16:9' }));
  }
  elements.push(hr(), noteText(t(D.note, locale)));
  return card({
    title: t(D.title, locale), subtitle: `${clip(opts.campaignName, 40)} · ${t(D.week(dayText(v.monday), dayText(v.sunday)), locale)}`,
    template: 'indigo', elements,
  });
}
