import type { ResolvedCampaign } from '../campaign.js';
import { CATEGORIES, SOURCES, STATUSES, targetOptions } from '../domain/opinions/opinion.js';
import type { OpinionStore } from '../store/opinions.js';

/**
 * The opinion report (DESIGN §2.3) as a view model, built only from the counters kept as opinions
 * arrive and the largest merged groups: its cost does not grow with the number of opinions (§4).
 */

interface Dim { key: string; label: string }
export interface CountRow extends Dim { count: number }
/** `cells[r][c]` counts the opinions of row `rows[r]` and column `cols[c]`. */
export interface Matrix { rows: Dim[]; cols: Dim[]; cells: number[][] }
interface WeekRow { week: string; count: number }
interface TopGroup { rootId: string; text: string; size: number; category: string; status: string }

export interface OpinionReport {
  total: number;
  /** Opinions whose status is no longer 已收到. */
  handled: number;
  /** Opinions merged into another one's group (the `merged` counter; 0 where it is not kept). */
  merged: number;
  byCategory: CountRow[];
  bySource: CountRow[];
  byTarget: CountRow[];
  byStatus: CountRow[];
  categoryBySource: Matrix;
  categoryByTarget: Matrix;
  /** Opinions received per ISO week, oldest first. */
  weekly: WeekRow[];
  /** Largest merged groups first; `text` is the root opinion's, one line, clipped. */
  topGroups: TopGroup[];
}

const TOP_GROUPS_DEFAULT = 10;
const GROUP_TEXT_MAX = 80;
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** One line of at most `max` characters (code points), ending with "…" when cut; controls dropped. */
function oneLine(text: string, max: number): string {
  const s = text.replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

/** The known keys in order, then any key found in the counters that the vocabulary no longer lists. */
function dims(known: readonly { key: string; zh: string }[], prefix: string, counts: Record<string, number>): Dim[] {
  const out: Dim[] = known.map((d) => ({ key: d.key, label: d.zh }));
  const seen = new Set(out.map((d) => d.key));
  for (const field of Object.keys(counts).sort()) {
    if (!field.startsWith(prefix)) continue;
    const key = field.slice(prefix.length);
    if (!seen.has(key)) { seen.add(key); out.push({ key, label: key }); }
  }
  return out;
}

const rowsOf = (ds: Dim[], prefix: string, counts: Record<string, number>): CountRow[] =>
  ds.map((d) => ({ ...d, count: counts[prefix + d.key] ?? 0 }));

function matrix(rows: Dim[], cols: Dim[], prefix: string, counts: Record<string, number>): Matrix {
  return { rows, cols, cells: rows.map((r) => cols.map((c) => counts[`${prefix}${r.key}|${c.key}`] ?? 0)) };
}

const handledOf = (byStatus: CountRow[]) => byStatus.filter((s) => s.key !== 'received').reduce((n, s) => n + s.count, 0);

/** What 进度 and the weekly digest show of the opinions, from the counters alone (one read, any number of opinions). */
interface OpinionFigures {
  total: number;
  handled: number;
  /** Per source group: received, and handled (no longer 已收到; the `hs:` counters). */
  bySource: { key: string; label: string; count: number; handled: number }[];
  /** Opinions received in an ISO week (`2027-W10`). */
  inWeek: (week: string) => number;
}

export function opinionFigures(counts: Record<string, number>): OpinionFigures {
  return {
    total: counts.total ?? 0,
    handled: handledOf(rowsOf(dims(STATUSES, 'status:', counts), 'status:', counts)),
    bySource: rowsOf(dims(SOURCES, 's:', counts), 's:', counts).map((r) => ({ ...r, handled: counts[`hs:${r.key}`] ?? 0 })),
    inWeek: (week) => counts[`w:${week}`] ?? 0,
  };
}

export async function buildOpinionReport(
  store: OpinionStore, campaign: ResolvedCampaign, opts: { topN?: number } = {},
): Promise<OpinionReport> {
  const [counts, groups] = await Promise.all([store.counts(), store.topGroups(opts.topN ?? TOP_GROUPS_DEFAULT)]);
  const roots = new Map((await store.getMany(groups.map(([id]) => id))).map((o) => [o.id, o]));

  const categories = dims(CATEGORIES, 'c:', counts);
  const sources = dims(SOURCES, 's:', counts);
  const targets = dims(targetOptions(campaign.leaders), 't:', counts);
  const byStatus = rowsOf(dims(STATUSES, 'status:', counts), 'status:', counts);
  const weekly = Object.keys(counts).filter((k) => k.startsWith('w:')).sort()
    .map((k) => ({ week: k.slice(2), count: counts[k] }));

  const topGroups: TopGroup[] = [];
  for (const [rootId, size] of groups) {
    const o = roots.get(rootId);
    if (!o) continue;
    topGroups.push({
      rootId, size, text: oneLine(o.text, GROUP_TEXT_MAX),
      category: categories.find((c) => c.key === o.category)?.label ?? o.category,
      status: byStatus.find((s) => s.key === o.status)?.label ?? o.status,
    });
  }

  return {
    total: counts.total ?? 0,
    handled: handledOf(byStatus),
    merged: counts.merged ?? 0,
    byCategory: rowsOf(categories, 'c:', counts),
    bySource: rowsOf(sources, 's:', counts),
    byTarget: rowsOf(targets, 't:', counts),
    byStatus,
    categoryBySource: matrix(categories, sources, 'cs:', counts),
    categoryByTarget: matrix(categories, targets, 'ct:', counts),
    weekly,
    topGroups,
  };
}
