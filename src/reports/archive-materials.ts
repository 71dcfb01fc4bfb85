import { localParts } from '../domain/calendar.js';
import type { KindKey } from '../domain/materials/kinds.js';
import type { Material, Step } from '../domain/materials/material.js';
import { msg } from '../messages/index.js';

/**
 * Materials for review (材料报审) in the campaign's archive (src/reports/archive.ts): one row per material, and its
 * review history. The archive goes to the office only, so it holds every material, 对照检查材料 included. A version
 * is recorded as what the history says of it — its link, its file name or its short text — never the file itself.
 */

type Cell = string | number;
interface MaterialSheetOpts { kindName: (key: KindKey) => string; nameOf: (openId: string) => string; timeZone: string }

export const MATERIAL_COLUMNS = ['类别', '标题', '撰写人', '审阅顺序', '完成时限', '状态', '审定时间', '版本数'];
export const MATERIAL_HISTORY_COLUMNS = ['类别', '标题', '时间', '操作人', '操作', '版本', '说明'];

const M = msg.materials;

const when = (ms: number, timeZone: string) => {
  const p = localParts(ms, timeZone);
  return `${p.day} ${p.time}`;
};

const stepName = (s: Step, nameOf: (openId: string) => string) =>
  (s === 'topLeader' ? M.steps.topLeader.zh : s === 'supervisors' ? M.steps.supervisors.zh : nameOf(s.person));

/** Oldest first, as the office created them. */
const ordered = (materials: readonly Material[]) => [...materials].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));

export function archiveMaterialRows(materials: readonly Material[], o: MaterialSheetOpts): Cell[][] {
  return ordered(materials).map((m) => [
    o.kindName(m.kind), m.title, m.authors.map(o.nameOf).join('、'), m.chain.map((s) => stepName(s, o.nameOf)).join(' → '),
    m.due, M.states[m.state].zh, m.acceptedAt ? when(m.acceptedAt, o.timeZone) : '', m.versions.length,
  ]);
}

/** Every step of each material but its reminders (the audit log keeps those). */
export function archiveMaterialHistory(materials: readonly Material[], o: MaterialSheetOpts): Cell[][] {
  return ordered(materials).flatMap((m) => m.history.filter((h) => h.what !== 'remind').map((h): Cell[] => [
    o.kindName(m.kind), m.title, when(h.at, o.timeZone), h.by === 'system' ? M.fields.system.zh : o.nameOf(h.by), M.history[h.what].zh,
    h.n ? h.n : '', h.note ?? '',
  ]));
}
