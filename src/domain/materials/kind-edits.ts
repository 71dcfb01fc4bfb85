import { z } from 'zod';
import { pickedDay } from './form.js';
import { CHAIN_ROLES, KIND_KEYS, type KindKey, type MaterialKind, type MaterialsConfig } from './kinds.js';

/**
 * 材料 设置 (DESIGN §2.9): the admins' edits of the kinds over the campaign file's `materials` block. Pure: the stored
 * document, the effective configuration, and the form's values checked. An edit sets a kind's chain and its due day
 * (a fixed day, a milestone of the timeline, or neither); the name and the author stay the file's.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const roles = z.array(z.enum(CHAIN_ROLES)).min(1).max(2);

const kindEditSchema = z.strictObject({
  chain: roles,
  due: day.optional(),
  milestone: z.string().min(1).max(32).optional(),
}).refine((e) => !(e.due && e.milestone), { message: 'a due day or a milestone, not both' });
export type KindEdit = z.infer<typeof kindEditSchema>;

export const kindEditsSchema = z.strictObject({ kinds: z.partialRecord(z.enum(KIND_KEYS), kindEditSchema) });
export type KindEdits = z.infer<typeof kindEditsSchema>;
export const NO_KIND_EDITS: KindEdits = { kinds: {} };

/** The file's kinds with the admins' edits over them (chain, due day or milestone replaced as a whole). */
export function withKindEdits(cfg: MaterialsConfig, edits: KindEdits): MaterialsConfig {
  return {
    docDomains: cfg.docDomains,
    kinds: cfg.kinds.map((k): MaterialKind => {
      const e = edits.kinds[k.key];
      if (!e) return k;
      const { due: _d, milestone: _m, ...rest } = k;
      return { ...rest, chain: [...e.chain], ...(e.due ? { due: e.due } : {}), ...(e.milestone ? { milestone: e.milestone } : {}) };
    }),
  };
}

/** The chains the form offers: 主要负责同志 → 督导组, 仅督导组, 仅主要负责同志, 督导组 → 主要负责同志. */
export const CHAIN_CHOICES = {
  'top-sup': ['topLeader', 'supervisors'],
  sup: ['supervisors'],
  top: ['topLeader'],
  'sup-top': ['supervisors', 'topLeader'],
} as const satisfies Record<string, readonly (typeof CHAIN_ROLES)[number][]>;
export type ChainChoice = keyof typeof CHAIN_CHOICES;
const CHOICES = Object.keys(CHAIN_CHOICES) as ChainChoice[];

/** The choice a chain is, when it is one the form offers. */
export const chainChoiceOf = (chain: readonly string[]): ChainChoice | undefined =>
  CHOICES.find((c) => CHAIN_CHOICES[c].join('>') === chain.join('>'));

/** How the due day is set: a fixed day, a milestone's date, or none (the office picks one per material). */
export const DUE_MODES = ['day', 'milestone', 'none'] as const;
export type DueMode = (typeof DUE_MODES)[number];
export const dueModeOf = (k: Pick<MaterialKind, 'due' | 'milestone'>): DueMode => (k.due ? 'day' : k.milestone ? 'milestone' : 'none');

/** Field names of the kind's form (unique on the card). */
export const KIND_FORM = { chain: 'mk_chain', mode: 'mk_mode', day: 'mk_day', milestone: 'mk_milestone', move: 'mk_move' } as const;

export type KindFormError = 'chain' | 'selfCheckChain' | 'mode' | 'day' | 'pastDay' | 'milestone' | 'pastMilestone';

export interface KindFormContext {
  kind: MaterialKind;
  /** The effective timeline's milestones: id (as the select names it) → its date, and the id to store. */
  milestones: ReadonlyMap<string, { date: string; stored: string }>;
  today: string;
}

export type KindForm = { ok: true; edit: KindEdit; move: boolean } | { ok: false; error: KindFormError };

/**
 * The form of one kind: a chain among the choices (a 对照检查材料's must reach the 督导组: the top leader's own goes
 * to the 督导组 only), and the due day by its mode. A day or a milestone's date in the past is refused unless it
 * is the kind's current one (a chain changed alone keeps it). 制度 take their due day from the register: none here.
 */
export function parseKindForm(fv: Record<string, unknown>, c: KindFormContext): KindForm {
  const choice = fv[KIND_FORM.chain];
  if (typeof choice !== 'string' || !(CHOICES as string[]).includes(choice)) return { ok: false, error: 'chain' };
  const chain = [...CHAIN_CHOICES[choice as ChainChoice]];
  if (c.kind.key === 'selfCheck' && !chain.includes('supervisors')) return { ok: false, error: 'selfCheckChain' };
  const move = fv[KIND_FORM.move] === true || fv[KIND_FORM.move] === 'true';
  if (c.kind.key === 'rule') return { ok: true, edit: { chain }, move: false };
  const mode = fv[KIND_FORM.mode];
  if (mode === 'none') return { ok: true, edit: { chain }, move };
  if (mode === 'day') {
    const d = pickedDay(fv[KIND_FORM.day]);
    if (!d) return { ok: false, error: 'day' };
    if (d < c.today && d !== c.kind.due) return { ok: false, error: 'pastDay' };
    return { ok: true, edit: { chain, due: d }, move };
  }
  if (mode === 'milestone') {
    const id = fv[KIND_FORM.milestone];
    const m = typeof id === 'string' ? c.milestones.get(id) : undefined;
    if (!m) return { ok: false, error: 'milestone' };
    if (m.date < c.today && m.stored !== c.kind.milestone) return { ok: false, error: 'pastMilestone' };
    return { ok: true, edit: { chain, milestone: m.stored }, move };
  }
  return { ok: false, error: 'mode' };
}

/** The field a refusal marks on the form. */
export const KIND_ERROR_FIELD: Record<KindFormError, string> = {
  chain: KIND_FORM.chain, selfCheckChain: KIND_FORM.chain, mode: KIND_FORM.mode, day: KIND_FORM.day, pastDay: KIND_FORM.day,
  milestone: KIND_FORM.milestone, pastMilestone: KIND_FORM.milestone,
};

export const isKindKey = (k: string): k is KindKey => (KIND_KEYS as readonly string[]).includes(k);
