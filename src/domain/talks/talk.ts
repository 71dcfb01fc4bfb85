import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * 谈心谈话 (issue 16), pure: a talk is two people, a kind, a due day and a state. Whatever either party notes about
 * it is never part of the talk: a private note lives under its own key per talk and writer (src/store/talks.ts).
 */

export const talkIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,24}$/);
const openIdSchema = z.string().regex(/^ou_[A-Za-z0-9_-]{1,64}$/);
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const TALK_KINDS = ['topLeader', 'leaders', 'members'] as const;
export type TalkKind = (typeof TALK_KINDS)[number];
export const PLACE_MAX = 100;
export const NOTE_MAX = 1000;
/** At most this many talks in one plan (15 leaders with each other and their members stay well within). */
export const PLAN_MAX = 400;

const historySchema = z.strictObject({
  at: z.number().int(), by: z.string().max(80),
  action: z.enum(['plan', 'due', 'done', 'remind']),
  /** `due`: the new day; `remind`: the reminder's key; `done`: the day. Never a note. */
  detail: z.string().max(40).optional(),
});

export const talkSchema = z.strictObject({
  id: talkIdSchema,
  a: openIdSchema,
  b: openIdSchema,
  kind: z.enum(TALK_KINDS),
  due: daySchema,
  /** The due day's generation: a moved due day starts a new one (reminders of an old one send nothing). */
  gen: z.number().int().min(0),
  state: z.enum(['planned', 'done']),
  done: z.strictObject({ at: z.number().int(), by: openIdSchema, day: daySchema, place: z.string().min(1).max(PLACE_MAX) }).optional(),
  createdAt: z.number().int(),
  createdBy: z.string().max(80),
  history: z.array(historySchema).max(200),
});
export type Talk = z.infer<typeof talkSchema>;

export const newTalkId = (): string => randomBytes(9).toString('base64url');

/** The one key of a pair, whichever way round: planning twice never makes a second talk of the same two people. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

export const isParty = (t: Talk, openId: string): boolean => t.a === openId || t.b === openId;
export const otherParty = (t: Talk, openId: string): string => (t.a === openId ? t.b : t.a);

/** The kind of a pair: with the top leader, between two leaders, or a leader with a member. */
export function kindOf(a: string, b: string, topLeader: string, leaders: ReadonlySet<string>): TalkKind {
  if (a === topLeader || b === topLeader) return 'topLeader';
  return leaders.has(a) && leaders.has(b) ? 'leaders' : 'members';
}

export interface PlannedPair { a: string; b: string; kind: TalkKind; due: string }

export interface PlanInput {
  topLeader: string;
  /** The other leaders, in the file's order (the top leader left out). */
  leaders: readonly string[];
  /** Leader (the top leader included) → the members they are in charge of (campaign file `leaders[].members`). */
  membersOf: ReadonlyMap<string, readonly string[]>;
  due: string;
  /** Pair keys of the talks planned already: left out. */
  existing: ReadonlySet<string>;
}

/**
 * The generated plan: the top leader with each leader, the leaders with each other, each leader (the top leader
 * too) with the members they are in charge of. No pair twice, none planned already, nobody with themselves.
 */
export function generatePlan(p: PlanInput): PlannedPair[] {
  const seen = new Set(p.existing);
  const out: PlannedPair[] = [];
  const leaders = new Set([p.topLeader, ...p.leaders]);
  const add = (a: string, b: string) => {
    const k = pairKey(a, b);
    if (a === b || seen.has(k) || out.length >= PLAN_MAX) return;
    seen.add(k);
    out.push({ a, b, kind: kindOf(a, b, p.topLeader, leaders), due: p.due });
  };
  const others = p.leaders.filter((l) => l !== p.topLeader);
  for (const l of others) add(p.topLeader, l);
  others.forEach((l, i) => { for (const m of others.slice(i + 1)) add(l, m); });
  for (const l of [p.topLeader, ...others]) for (const m of p.membersOf.get(l) ?? []) add(l, m);
  return out;
}

export function newTalk(pair: PlannedPair, id: string, by: { by: string; now: number }): Talk {
  return talkSchema.parse({
    id, a: pair.a, b: pair.b, kind: pair.kind, due: pair.due, gen: 0, state: 'planned',
    createdAt: by.now, createdBy: by.by, history: [{ at: by.now, by: by.by, action: 'plan', detail: pair.due }],
  });
}

export type TalkChange = { ok: true; talk: Talk } | { ok: false; reason: 'notParty' | 'done' | 'stale' | 'sameDue' };

const logged = (t: Talk, entry: Talk['history'][number]): Talk['history'] => [...t.history, entry].slice(-200);

/** Either party records the talk as held (the day and place are checked by the form). */
export function recordDone(t: Talk, f: { day: string; place: string }, b: { by: string; now: number }): TalkChange {
  if (!isParty(t, b.by)) return { ok: false, reason: 'notParty' };
  if (t.state === 'done') return { ok: false, reason: 'done' };
  return { ok: true, talk: { ...t, state: 'done', done: { at: b.now, by: b.by, day: f.day, place: f.place },
    history: logged(t, { at: b.now, by: b.by, action: 'done', detail: f.day }) } };
}

/**
 * A planned talk's due day moved (the day not before today is checked by the form, who may by the handler): a new
 * generation, so the reminders of the old day send nothing. History keeps the new day, never a note.
 */
export function moveDue(t: Talk, due: string, b: { by: string; now: number }): TalkChange {
  if (t.state === 'done') return { ok: false, reason: 'done' };
  if (t.due === due) return { ok: false, reason: 'sameDue' };
  return { ok: true, talk: { ...t, due, gen: t.gen + 1, history: logged(t, { at: b.now, by: b.by, action: 'due', detail: due }) } };
}

export const reminderLogged = (t: Talk, key: string): boolean => t.history.some((h) => h.action === 'remind' && h.detail === key);

/** Logs a reminder once: undefined when that key is logged already. */
export function logReminder(t: Talk, key: string, now: number): Talk | undefined {
  if (reminderLogged(t, key)) return undefined;
  return { ...t, history: logged(t, { at: now, by: 'system', action: 'remind', detail: key }) };
}

/** Counts for the matrix and 进度: talks held and talks planned in all. */
export function talkCounts(talks: readonly Talk[]): { done: number; planned: number } {
  return { done: talks.filter((t) => t.state === 'done').length, planned: talks.length };
}
