import { z } from 'zod';

/**
 * Kinds of material (材料报审, DESIGN §2.9) and their defaults. Pure: the campaign file's optional `materials`
 * block (src/campaign.ts) is read through this schema, and whatever it leaves out takes these defaults.
 */

export const KIND_KEYS = [
  'plan', 'mobilization', 'opinionReport', 'meetingPlan', 'meetingReport', 'rectifyPlan', 'rulesPlan', 'selfCheck', 'rule',
] as const;
export type KindKey = (typeof KIND_KEYS)[number];

/** A chain step as the campaign file names it: the top leader, or the 督导组 (any one supervisor acts for it). */
export const CHAIN_ROLES = ['topLeader', 'supervisors'] as const;
type ChainRole = (typeof CHAIN_ROLES)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day YYYY-MM-DD');

export const kindSchema = z.strictObject({
  key: z.enum(KIND_KEYS),
  name: z.string().min(1).max(40),
  /** `office`: the campaign office writes it (admins choose the authors); `eachLeader`: one per leader, written by them. */
  author: z.enum(['office', 'eachLeader']),
  chain: z.array(z.enum(CHAIN_ROLES)).max(4),
  /** A fixed due day, or the milestone (an id of the timeline) whose date is the due day. */
  due: day.optional(),
  milestone: z.string().min(1).max(32).optional(),
});
export type MaterialKind = z.infer<typeof kindSchema>;

const DEFAULT_CHAIN: ChainRole[] = ['topLeader', 'supervisors'];
const office = (key: KindKey, name: string): MaterialKind => ({ key, name, author: 'office', chain: [...DEFAULT_CHAIN] });

export const DEFAULT_KINDS: readonly MaterialKind[] = [
  office('plan', '实施方案'),
  office('mobilization', '动员大会方案'),
  office('opinionReport', '征求意见情况报告'),
  office('meetingPlan', '民主生活会方案'),
  office('meetingReport', '民主生活会专题报告'),
  office('rectifyPlan', '整改方案'),
  office('rulesPlan', '制度建设方案'),
  { key: 'selfCheck', name: '对照检查材料', author: 'eachLeader', chain: [...DEFAULT_CHAIN] },
  office('rule', '制度'),
];

export const DEFAULT_DOC_DOMAINS = ['feishu.cn', 'larksuite.com'] as const;

const domainSchema = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a domain such as feishu.cn');

/** The campaign file's `materials` block; kinds named there replace the defaults of the same key, the others stay. */
export const materialsConfigSchema = z.strictObject({
  docDomains: z.array(domainSchema).min(1).max(10).default([...DEFAULT_DOC_DOMAINS]),
  kinds: z.array(kindSchema).max(KIND_KEYS.length).default([]),
}).refine((c) => new Set(c.kinds.map((k) => k.key)).size === c.kinds.length, { message: 'each kind key at most once', path: ['kinds'] })
  .refine((c) => c.kinds.every((k) => !(k.due && k.milestone)), {
    message: 'a kind has a due day or a milestone, not both', path: ['kinds'],
  });
export type MaterialsConfigInput = z.input<typeof materialsConfigSchema>;

export interface MaterialsConfig { docDomains: string[]; kinds: MaterialKind[] }

/** The effective configuration: the file's kinds over the defaults, in the default order. */
export function materialsConfig(raw: z.output<typeof materialsConfigSchema> | undefined): MaterialsConfig {
  const own = new Map((raw?.kinds ?? []).map((k) => [k.key, k]));
  return {
    docDomains: raw?.docDomains ?? [...DEFAULT_DOC_DOMAINS],
    kinds: DEFAULT_KINDS.map((k) => own.get(k.key) ?? k),
  };
}

export const kindOf = (cfg: MaterialsConfig, key: KindKey): MaterialKind => cfg.kinds.find((k) => k.key === key)!;
