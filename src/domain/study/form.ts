/**
 * Form values of the study cards, validated on the server (Lark enforces `required` and `max_length`
 * in the client only). Pure.
 */
import { instantOf, isDay } from '../calendar.js';
import {
  isHttpsUrl, isLarkDocUrl, MATERIAL_MAX, MAX_MATERIALS, PART_MAX, PARTS, PLACE_MAX, REASON_MAX, TOPIC_MAX,
} from './session.js';
import { charCount } from '../text.js';

export const REFLECTION_FORM = { parts: ['st_r1', 'st_r2', 'st_r3'] as const, link: 'st_link' };
export const LEAVE_FORM = { reason: 'st_reason' };
export const SETTINGS_FORM = {
  target: 'st_target', day: 'st_day', time: 'st_time', topic: 'st_topic', place: 'st_place', materials: 'st_materials',
};

const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : '');
const len = charCount;
/** The stored reflection keeps a link of at most this many characters (src/domain/study.ts reflectionSchema). */
const LINK_MAX = 500;

export type ReflectionError = 'empty' | 'long' | 'link';
type ReflectionInput = { ok: true; parts: string[]; link?: string } | { ok: false; error: ReflectionError };

/** Up to three texts of ≤ 1,000 characters and/or a Lark document link; at least one of them. */
export function parseReflectionForm(fv: Record<string, unknown>): ReflectionInput {
  if (PARTS !== REFLECTION_FORM.parts.length) throw new Error('reflection form out of step with PARTS');
  const parts = REFLECTION_FORM.parts.map((n) => str(fv[n])).filter((p) => p !== '');
  if (parts.some((p) => len(p) > PART_MAX)) return { ok: false, error: 'long' };
  const link = str(fv[REFLECTION_FORM.link]);
  if (link && (len(link) > LINK_MAX || !isLarkDocUrl(link))) return { ok: false, error: 'link' };
  if (!parts.length && !link) return { ok: false, error: 'empty' };
  return { ok: true, parts, ...(link ? { link } : {}) };
}

type LeaveInput = { ok: true; reason: string } | { ok: false };

export function parseLeaveForm(fv: Record<string, unknown>): LeaveInput {
  const reason = str(fv[LEAVE_FORM.reason]);
  return reason && len(reason) <= REASON_MAX ? { ok: true, reason } : { ok: false };
}

export type SettingsError = 'target' | 'day' | 'time' | 'past' | 'topic' | 'place' | 'materials';
interface SettingsValue {
  target: 'next' | 'oneoff';
  /** One-off sessions: the start instant. */
  start?: number;
  topic: string;
  place: string;
  materials: string[];
}
type SettingsInput = { ok: true; value: SettingsValue } | { ok: false; errors: SettingsError[] };

/**
 * 学习 设置: topic, place and materials (https links, one per line, at most five) for the next
 * session, or a one-off session at a day and time in the campaign zone (in the future).
 */
export function parseSettingsForm(fv: Record<string, unknown>, opts: { now: number; timeZone: string }): SettingsInput {
  const errors: SettingsError[] = [];
  const target = str(fv[SETTINGS_FORM.target]);
  if (target !== 'next' && target !== 'oneoff') errors.push('target');
  const topic = str(fv[SETTINGS_FORM.topic]).replace(/\s+/g, ' ');
  if (len(topic) > TOPIC_MAX) errors.push('topic');
  const place = str(fv[SETTINGS_FORM.place]).replace(/\s+/g, ' ');
  if (len(place) > PLACE_MAX) errors.push('place');
  const materials = str(fv[SETTINGS_FORM.materials]).split(/\s+/).filter(Boolean);
  if (materials.length > MAX_MATERIALS || materials.some((m) => len(m) > MATERIAL_MAX || !isHttpsUrl(m))) errors.push('materials');
  let start: number | undefined;
  if (target === 'oneoff') {
    // The date picker answers "YYYY-MM-DD +0800"; the day is read in the campaign zone.
    const day = str(fv[SETTINGS_FORM.day]).slice(0, 10);
    const time = str(fv[SETTINGS_FORM.time]).normalize('NFKC').replace('：', ':');
    const hhmm = /^(\d{1,2}):(\d{2})$/.exec(time);
    if (!isDay(day)) errors.push('day');
    if (!hhmm || +hhmm[1]! > 23 || +hhmm[2]! > 59) errors.push('time');
    if (isDay(day) && hhmm && +hhmm[1]! <= 23 && +hhmm[2]! <= 59) {
      start = instantOf(day, `${hhmm[1]!.padStart(2, '0')}:${hhmm[2]}`, opts.timeZone);
      if (!(start > opts.now)) errors.push('past');
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { target: target as 'next' | 'oneoff', ...(start !== undefined ? { start } : {}), topic, place, materials } };
}
