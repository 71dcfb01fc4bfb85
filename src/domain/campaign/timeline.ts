import { z } from 'zod';
import type { Campaign } from '../../campaign.js';
import { isDay } from '../calendar.js';
import { milestoneId } from './milestone-id.js';

/**
 * The effective timeline (DESIGN §2.7, `进度 设置`): the campaign file's phases with the admins' edits stored
 * over them. Edits are one document: phase dates by phase key; file milestones moved, removed or given an
 * owner (by their file id); milestones added in chat. A milestone keeps its rule "the id follows phase, date
 * and name": a moved one is another milestone, whose reminders are planned afresh (the old ones send nothing).
 * An owner set in chat is an open_id of someone the bot knows, so it needs no resolution.
 */

type Phases = Campaign['phases'];
type Phase = Phases[number];
type FileMilestone = Phase['milestones'][number];

const day = z.string().refine(isDay, 'a day as YYYY-MM-DD');
const openId = z.string().regex(/^ou_[A-Za-z0-9_-]+$/);
/** At most this many milestones may be added in chat (the settings card stays small). */
export const MAX_ADDED_MILESTONES = 30;
export const MILESTONE_NAME_MAX = 100;
export const DELIVERABLE_MAX = 200;

const addedSchema = z.strictObject({
  phaseKey: z.string().min(1).max(32),
  name: z.string().min(1).max(MILESTONE_NAME_MAX),
  date: day,
  owner: openId.optional(),
  deliverable: z.string().min(1).max(DELIVERABLE_MAX).optional(),
});
type AddedMilestone = z.infer<typeof addedSchema>;

export const timelineOverridesSchema = z.strictObject({
  phases: z.record(z.string().min(1).max(32), z.strictObject({ start: day, end: day })).default({}),
  /** File milestones by their file id: moved (`date`), removed, or an owner set. */
  milestones: z.record(z.string().min(1).max(32), z.strictObject({
    date: day.optional(), owner: openId.optional(), removed: z.literal(true).optional(),
  })).default({}),
  added: z.array(addedSchema).max(MAX_ADDED_MILESTONES).default([]),
});
export type TimelineOverrides = z.infer<typeof timelineOverridesSchema>;

export const NO_OVERRIDES: TimelineOverrides = { phases: {}, milestones: {}, added: [] };

/** Where an effective milestone comes from: a file milestone (by its file id) or the n-th added one. */
type MilestoneSource = { kind: 'file'; id: string } | { kind: 'added'; index: number };

interface EffectiveMilestone { id: string; phaseKey: string; milestone: FileMilestone; source: MilestoneSource }

/** Every effective milestone with where it comes from, in phase order (file ones first, then those added). */
export function effectiveMilestones(file: Phases, o: TimelineOverrides): EffectiveMilestone[] {
  return file.flatMap((p) => {
    const fromFile = p.milestones.flatMap((m): EffectiveMilestone[] => {
      const fileId = milestoneId(p.key, m);
      const e = o.milestones[fileId];
      if (e?.removed) return [];
      const owner = e?.owner ? { openId: e.owner } : m.owner;
      const milestone: FileMilestone = { ...m, date: e?.date ?? m.date, ...(owner ? { owner } : {}) };
      return [{ id: milestoneId(p.key, milestone), phaseKey: p.key, milestone, source: { kind: 'file', id: fileId } }];
    });
    const added = o.added.flatMap((a, index): EffectiveMilestone[] => (a.phaseKey !== p.key ? [] : [{
      id: milestoneId(p.key, a), phaseKey: p.key, source: { kind: 'added', index },
      milestone: {
        name: a.name, date: a.date, remind: [],
        ...(a.owner ? { owner: { openId: a.owner } } : {}), ...(a.deliverable ? { deliverable: a.deliverable } : {}),
      },
    }]));
    return [...fromFile, ...added];
  });
}

/** The file's phases with the stored edits over them (no edits: the file's phases, unchanged). */
export function effectivePhases(file: Phases, o: TimelineOverrides): Phases {
  const ms = effectiveMilestones(file, o);
  return file.map((p) => {
    const own = ms.filter((m) => m.phaseKey === p.key);
    // A phase whose milestones were moved or added lists them by date; one untouched keeps the file's order.
    const touched = own.some((m) => m.source.kind === 'added' || o.milestones[m.source.id]?.date !== undefined);
    const milestones = own.map((m) => m.milestone);
    return { ...p, ...o.phases[p.key], milestones: touched ? milestones.sort((a, b) => a.date.localeCompare(b.date)) : milestones };
  });
}

type People = { remind: string[]; owner?: string };

/** The resolved people of each effective milestone: the file's (under the file id) with an owner set in chat over them. */
export function effectiveMilestonePeople(file: Phases, o: TimelineOverrides, filePeople: ReadonlyMap<string, People>): Map<string, People> {
  return new Map(effectiveMilestones(file, o).map((m) => {
    const base = m.source.kind === 'file' ? filePeople.get(m.source.id) ?? { remind: [] } : { remind: [] };
    const chatOwner = m.source.kind === 'file' ? o.milestones[m.source.id]?.owner : o.added[m.source.index]?.owner;
    const owner = chatOwner ?? base.owner;
    return [m.id, { remind: base.remind, ...(owner ? { owner } : {}) }] as const;
  }));
}

export type TimelineError =
  | { kind: 'inverted'; phase: string }
  | { kind: 'overlap'; phase: string; other: string }
  | { kind: 'outsidePhase'; milestone: string; phase: string }
  | { kind: 'duplicate'; milestone: string };

/**
 * Whether an effective timeline may be stored: each phase starts on or before its end, no two phases share a day,
 * and each milestone lies inside its own phase (a phase cannot be moved away from its milestones: move them first).
 * Names and lengths are checked by the forms and the schema. The first error found, or undefined.
 */
export function timelineError(phases: Phases): TimelineError | undefined {
  for (const p of phases) if (p.start > p.end) return { kind: 'inverted', phase: p.name };
  const sorted = [...phases].sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start <= sorted[i - 1]!.end) return { kind: 'overlap', phase: sorted[i]!.name, other: sorted[i - 1]!.name };
  }
  for (const p of phases) {
    const seen = new Set<string>();
    for (const m of p.milestones) {
      if (m.date < p.start || m.date > p.end) return { kind: 'outsidePhase', milestone: m.name, phase: p.name };
      const id = milestoneId(p.key, m);
      if (seen.has(id)) return { kind: 'duplicate', milestone: m.name };
      seen.add(id);
    }
  }
  return undefined;
}

/** The phase whose days hold `date` (an added milestone belongs to it), if any. */
export const phaseOnDay = (phases: Phases, date: string): Phase | undefined => phases.find((p) => p.start <= date && date <= p.end);

/** An edit from the settings card, applied to the stored document (pure; the caller validates the result). */
export type TimelineEdit =
  | { kind: 'phase'; key: string; start: string; end: string }
  | { kind: 'add'; milestone: AddedMilestone }
  | { kind: 'move'; source: MilestoneSource; date: string }
  | { kind: 'owner'; source: MilestoneSource; owner: string }
  | { kind: 'remove'; source: MilestoneSource };

export function applyEdit(file: Phases, o: TimelineOverrides, edit: TimelineEdit): TimelineOverrides {
  const next: TimelineOverrides = { phases: { ...o.phases }, milestones: { ...o.milestones }, added: [...o.added] };
  if (edit.kind === 'phase') {
    const f = file.find((p) => p.key === edit.key);
    if (f && f.start === edit.start && f.end === edit.end) delete next.phases[edit.key];
    else next.phases[edit.key] = { start: edit.start, end: edit.end };
    return next;
  }
  if (edit.kind === 'add') {
    next.added.push(edit.milestone);
    return next;
  }
  const s = edit.source;
  if (s.kind === 'added') {
    const a = next.added[s.index];
    if (!a) return next;
    if (edit.kind === 'remove') next.added.splice(s.index, 1);
    else next.added[s.index] = edit.kind === 'move' ? { ...a, date: edit.date } : { ...a, owner: edit.owner };
    return next;
  }
  const e = { ...next.milestones[s.id] };
  if (edit.kind === 'remove') e.removed = true;
  else if (edit.kind === 'move') e.date = edit.date;
  else e.owner = edit.owner;
  next.milestones[s.id] = e;
  return next;
}

/** The effective timeline: the phases and each milestone's resolved people. */
export interface Timeline { phases: Phases; milestonePeople: Map<string, People> }

export function timelineOf(file: Phases, o: TimelineOverrides, filePeople: Map<string, People>): Timeline {
  const none = !Object.keys(o.phases).length && !Object.keys(o.milestones).length && !o.added.length;
  // No edits: the file's own objects, so that everything behaves exactly as without this feature.
  if (none) return { phases: file, milestonePeople: filePeople };
  return { phases: effectivePhases(file, o), milestonePeople: effectiveMilestonePeople(file, o, filePeople) };
}
