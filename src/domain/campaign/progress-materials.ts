import { addDays, endOfDay } from '../calendar.js';
import type { MaterialState } from '../materials/material.js';

/**
 * Materials for review (材料报审) on the 进度 card and in the weekly digest (DESIGN §2.9). Pure: the rows the
 * handler loads, cut by audience. Who sees what follows the materials feature: the full view (admins, 督导组, the
 * top leader) everything; a leader only the materials they write and those waiting for their review now — never
 * another leader's 对照检查材料; the public view (members, any group) no material at all, not even a count: with a
 * handful of leaders, "1 份对照检查材料退回修改" would name one.
 */

export interface MaterialRow {
  /** The kind's name (实施方案, 对照检查材料 …) as the campaign file sets it. */
  kindName: string;
  title: string;
  authors: readonly string[];
  /** The authors' names joined ('' when the handler loads no names). */
  authorNames: string;
  /** Who acts for the step the latest version waits at (none unless 审阅中). */
  reviewers: readonly string[];
  due: string;
  state: MaterialState;
  /** Not accepted, and the due day is over. */
  overdue: boolean;
}

export interface MaterialsProgress {
  /** Not accepted, not overdue, due within the next 7 days. */
  due: number;
  overdue: number;
  returned: number;
  accepted: number;
  /** Full view: overdue and returned materials, with their authors; leader view: their open materials. */
  named: { kindName: string; title: string; state: MaterialState; due: string; overdue: boolean; authorName?: string }[];
}

/** Days ahead that count as "due" on the card. */
export const DUE_WITHIN_DAYS = 7;

/** Past the end of the due day and not accepted. */
export const materialOverdue = (m: { state: MaterialState; due: string }, now: number, timeZone: string): boolean =>
  m.state !== 'accepted' && now > endOfDay(m.due, timeZone);

const byDue = <T extends { due: string; title: string }>(a: T, b: T) => a.due.localeCompare(b.due) || a.title.localeCompare(b.title);

/** The 进度 card's materials section for an audience; undefined for the public view. */
export function materialsProgress(
  rows: readonly MaterialRow[], o: { audience: 'full' | 'leader' | 'public'; caller: string; today: string; named: number },
): MaterialsProgress | undefined {
  if (o.audience === 'public') return undefined;
  const reviewsNow = (m: MaterialRow) => m.reviewers.includes(o.caller);
  const seen = o.audience === 'full' ? rows : rows.filter((m) => m.authors.includes(o.caller) || reviewsNow(m));
  const horizon = addDays(o.today, DUE_WITHIN_DAYS);
  const open = seen.filter((m) => m.state !== 'accepted');
  const listed = o.audience === 'full' ? open.filter((m) => m.overdue || m.state === 'returned') : open;
  return {
    due: open.filter((m) => !m.overdue && m.due >= o.today && m.due <= horizon).length,
    overdue: open.filter((m) => m.overdue).length,
    returned: open.filter((m) => m.state === 'returned').length,
    accepted: seen.length - open.length,
    named: [...listed].sort(byDue).slice(0, o.named).map((m) => ({
      kindName: m.kindName, title: m.title, state: m.state, due: m.due, overdue: m.overdue,
      ...(o.audience === 'full' || reviewsNow(m) ? { authorName: m.authorNames } : {}),
    })),
  };
}

export interface DigestMaterialLine { kindName: string; title: string; due: string; who: string; flag: 'overdue' | 'returned' | 'due' }

/**
 * The weekly digest's materials (its readers are the top leader and the office, who see every material): overdue
 * first, then returned for revision, then those due this week (Monday to Sunday).
 */
export function digestMaterials(rows: readonly MaterialRow[], monday: string, sunday: string): DigestMaterialLine[] {
  const open = rows.filter((m) => m.state !== 'accepted');
  const line = (flag: DigestMaterialLine['flag']) => (m: MaterialRow): DigestMaterialLine =>
    ({ kindName: m.kindName, title: m.title, due: m.due, who: m.authorNames, flag });
  return [
    ...open.filter((m) => m.overdue).sort(byDue).map(line('overdue')),
    ...open.filter((m) => !m.overdue && m.state === 'returned').sort(byDue).map(line('returned')),
    ...open.filter((m) => !m.overdue && m.state !== 'returned' && m.due >= monday && m.due <= sunday).sort(byDue).map(line('due')),
  ];
}
