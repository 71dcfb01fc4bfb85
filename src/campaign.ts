import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { LarkApi } from './lark/api.js';
import { milestoneId } from './domain/campaign/milestone-id.js';
import { materialsConfigSchema } from './domain/materials/kinds.js';

/** The campaign file (DESIGN §2.2). Fields may be added; none renamed. */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

// `name` is an optional display name (added field): shown where Lark's contact API is not asked.
const personName = z.string().min(1).max(50).optional();
const personSchema = z.union([
  z.object({ openId: z.string().regex(/^ou_[A-Za-z0-9_-]+$/, 'an open_id (ou_…)'), name: personName }).strict(),
  z.object({ email: z.email(), name: personName }).strict(),
  z.object({
    mobile: z.string().regex(/^\+\d{6,15}$/, 'a mobile number with country code, e.g. +8613800000000'), name: personName,
  }).strict(),
]);
export type Person = z.infer<typeof personSchema>;

const membersSchema = z.object({
  users: z.array(personSchema).default([]),
  chats: z.array(z.string().regex(/^oc_[A-Za-z0-9_-]+$/, 'a chat_id (oc_…)')).default([]),
}).strict();
export type Members = z.infer<typeof membersSchema>;

const campaignSchema = z.object({
  name: z.string().min(1).max(100),
  timezone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  locale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
  admins: z.array(personSchema).min(1, 'at least one admin'),
  topLeader: personSchema,
  leaders: z.array(z.object({
    person: personSchema, name: z.string().min(1).max(50), title: z.string().min(1).max(50),
    /** The members this leader is in charge of (谈心谈话: each leader talks with them); optional. */
    members: z.array(personSchema).max(200).optional(),
  }).strict()).default([]),
  supervisors: z.array(personSchema).default([]),
  members: membersSchema,
  raterGroups: z.array(z.object({
    key: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a short lower-case key'),
    name: z.string().min(1).max(50),
    weight: z.number().min(0).max(1).optional(),
    members: membersSchema,
  }).strict()).default([]),
  announceChatId: z.string().regex(/^oc_[A-Za-z0-9_-]+$/, 'a chat_id (oc_…)').optional(),
  satisfactionTarget: z.object({
    overall: z.number().min(0).max(1), perItem: z.number().min(0).max(1),
  }).strict().default({ overall: 0.9, perItem: 0.8 }),
  calendar: z.object({
    workdays: z.array(z.number().int().min(0).max(6)).default([1, 2, 3, 4, 5]),
    holidays: z.array(day).default([]),
    extraWorkdays: z.array(day).default([]),
    quietHours: z.object({ from: hhmm, to: hhmm }).strict().default({ from: '21:00', to: '08:00' }),
  }).strict().default({ workdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [], quietHours: { from: '21:00', to: '08:00' } }),
  phases: z.array(z.object({
    key: z.string().min(1).max(32),
    name: z.string().min(1).max(50),
    start: day,
    end: day,
    milestones: z.array(z.object({
      name: z.string().min(1).max(100), date: day, remind: z.array(personSchema).default([]),
      // Added fields (issue #12): who answers for it, and what it should produce.
      owner: personSchema.optional(),
      deliverable: z.string().min(1).max(200).optional(),
    }).strict()).default([]),
  }).strict()).default([]),
  study: z.object({
    cron: z.string().min(9).max(100),
    durationMinutes: z.number().int().min(10).max(600).default(120),
    place: z.string().max(100).default(''),
    attendees: membersSchema.optional(),
    remindBeforeMinutes: z.array(z.number().int().min(1).max(10080)).default([1440, 60]),
    lateGraceMinutes: z.number().int().min(0).max(120).default(15),
    reflectionDueHours: z.number().int().min(1).max(720).default(72),
    skipDates: z.array(day).default([]),
    // Added fields (issue #5): default topic, nudge lead before the reflection deadline, check-in opening.
    topic: z.string().min(1).max(100).optional(),
    nudgeBeforeHours: z.number().int().min(1).max(720).default(26),
    checkInOpensMinutes: z.number().int().min(0).max(240).default(30),
    // Added fields (issue #12): the weekly sessions' own window, inside which alone they are planned.
    from: day.optional(),
    until: day.optional(),
  }).strict().refine((st) => !st.from || !st.until || st.from <= st.until, {
    message: 'study.from must not be after study.until', path: ['until'],
  }).optional(),
  // Added field (issue #15): the public board shows no item until the 整改方案 is accepted; false keeps it as before.
  board: z.object({
    gateOnRectifyPlan: z.boolean().default(true),
  }).strict().default({ gateOnRectifyPlan: true }),
  // Added block (issue #15): materials for review (材料报审): document domains and the kinds with their chains.
  materials: materialsConfigSchema.optional(),
}).strict();

export type Campaign = z.infer<typeof campaignSchema>;

export class CampaignError extends Error {
  override name = 'CampaignError';
}

/** Reads and validates the campaign file; throws CampaignError with the file, field and reason. */
export async function loadCampaignFile(path: string): Promise<Campaign> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CampaignError(`CAMPAIGN_CONFIG: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CampaignError(`CAMPAIGN_CONFIG: ${path} is not valid JSON (${(e as Error).message})`);
  }
  return parseCampaign(json, path);
}

export function parseCampaign(json: unknown, source = 'campaign'): Campaign {
  const r = campaignSchema.safeParse(json);
  if (!r.success) {
    const lines = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new CampaignError(`CAMPAIGN_CONFIG: ${source} is invalid — ${lines.join('; ')}`);
  }
  return r.data;
}

/** A person from the file, resolved to an open_id. */
interface ResolvedLeader { openId: string; name: string; title: string; members?: string[] }

interface ResolvedMembers { users: string[]; chats: string[] }

/** The campaign with every person resolved to an open_id (emails/mobiles through the contact API). */
export interface ResolvedCampaign {
  campaign: Campaign;
  admins: string[];
  topLeader: string;
  leaders: ResolvedLeader[];
  supervisors: string[];
  members: ResolvedMembers;
  raterGroups: { key: string; name: string; weight?: number; members: ResolvedMembers }[];
  /** Milestone id → its people (reminded, and the owner), those that resolved. */
  milestonePeople: Map<string, { remind: string[]; owner?: string }>;
  /** `<milestone name>: <email or mobile>` for each milestone person Lark did not know (reported to the admins). */
  unresolvedMilestonePeople: string[];
  studyAttendees: ResolvedMembers;
}

function* peopleOf(c: Campaign): Generator<Person> {
  yield* c.admins;
  yield c.topLeader;
  for (const l of c.leaders) {
    yield l.person;
    yield* l.members ?? [];
  }
  yield* c.supervisors;
  yield* c.members.users;
  for (const g of c.raterGroups) yield* g.members.users;
  if (c.study?.attendees) yield* c.study.attendees.users;
}

function* milestonePeopleOf(c: Campaign): Generator<Person> {
  for (const p of c.phases) {
    for (const m of p.milestones) {
      yield* m.remind;
      if (m.owner) yield m.owner;
    }
  }
}

const handleOf = (p: Person) => ('email' in p ? p.email : 'mobile' in p ? p.mobile : p.openId);

/**
 * Resolves emails and mobiles through the contact API. Any that do not resolve stop the start
 * with a list of them (DESIGN §2.2), except a milestone's people (reminded, owner): those are left out
 * and listed in `unresolvedMilestonePeople`, for the admins (a milestone never blocks the start).
 */
export async function resolveCampaign(c: Campaign, lark: Pick<LarkApi, 'resolveIds'>): Promise<ResolvedCampaign> {
  const emails = new Set<string>();
  const mobiles = new Set<string>();
  for (const p of [...peopleOf(c), ...milestonePeopleOf(c)]) {
    if ('email' in p) emails.add(p.email.toLowerCase());
    if ('mobile' in p) mobiles.add(p.mobile);
  }
  let byEmail = new Map<string, string>();
  let byMobile = new Map<string, string>();
  if (emails.size || mobiles.size) {
    const r = await lark.resolveIds({ emails: [...emails], mobiles: [...mobiles] });
    byEmail = new Map([...r.byEmail].map(([k, v]) => [k.toLowerCase(), v]));
    byMobile = r.byMobile;
  }
  const found = (p: Person) => 'openId' in p || ('email' in p ? byEmail.has(p.email.toLowerCase()) : byMobile.has(p.mobile));
  const missing = [...new Set([...peopleOf(c)].filter((p) => !found(p)).map(handleOf))];
  if (missing.length) throw new CampaignError(`CAMPAIGN_CONFIG: these people could not be found in Lark: ${missing.join(', ')}`);

  const id = (p: Person): string =>
    ('openId' in p ? p.openId : 'email' in p ? byEmail.get(p.email.toLowerCase())! : byMobile.get(p.mobile)!);
  const ids = (ps: Person[]) => [...new Set(ps.map(id))];
  const known = (ps: Person[]) => ps.filter(found);
  const unresolvedMilestonePeople = c.phases.flatMap((p) => p.milestones.flatMap((m) =>
    [...m.remind, ...(m.owner ? [m.owner] : [])].filter((x) => !found(x)).map((x) => `${m.name}: ${handleOf(x)}`)));
  const milestonePeople = new Map(c.phases.flatMap((p) => p.milestones.map((m) => [milestoneId(p.key, m), {
    remind: ids(known(m.remind)), ...(m.owner && found(m.owner) ? { owner: id(m.owner) } : {}),
  }] as const)));
  const members = (m: Members): ResolvedMembers => ({ users: ids(m.users), chats: [...new Set(m.chats)] });
  return {
    campaign: c,
    admins: ids(c.admins),
    topLeader: id(c.topLeader),
    leaders: c.leaders.map((l) => ({
      openId: id(l.person), name: l.name, title: l.title, ...(l.members ? { members: ids(l.members) } : {}),
    })),
    supervisors: ids(c.supervisors),
    members: members(c.members),
    raterGroups: c.raterGroups.map((g) => ({ key: g.key, name: g.name, weight: g.weight, members: members(g.members) })),
    milestonePeople,
    unresolvedMilestonePeople: [...new Set(unresolvedMilestonePeople)],
    studyAttendees: members(c.study?.attendees ?? c.members),
  };
}
