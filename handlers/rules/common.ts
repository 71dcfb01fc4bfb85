import { holds, isOverdue, may, stateAllows, type Caller, type Rule, type RuleAction } from '../../src/domain/rules/rule.js';
import type { RuleChanged, RuleTransition } from '../../src/domain/rules/transitions.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import type { RuleUpdateResult } from '../../src/store/rules.js';
import { ruleCard } from '../../cards/rules/rule.js';
import type { Card } from '../../cards/types.js';
import type { CardAnswer } from '../../src/pipeline.js';
import { toast } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { callerRoles } from '../access.js';
import { knownPeople, type People } from '../people.js';
import { today, tz } from '../campaign-time.js';
import { canSee } from '../../src/domain/materials/material.js';
import { CATEGORIES } from '../../src/domain/opinions/opinion.js';
import { chainPeople } from '../materials/common.js';

/** Shared by the rules handlers and the ladder step: the caller, the viewer's card, applying a change. */

const R = msg.rules;
const ALL_ACTIONS: readonly RuleAction[] = ['view', 'edit', 'adopt', 'abolish'];

export const denied = (): CardAnswer => toast('error', R.toast.noPermission);

export function refusal(r: Exclude<RuleUpdateResult, { ok: true }> | Exclude<RuleTransition, { ok: true }>): CardAnswer {
  return toast('warning', R.toast[r.reason]);
}

export async function callerOf(openId: string, ctx: HandlerCtx): Promise<Caller> {
  return { openId, roles: await callerRoles(openId, ctx) };
}

/**
 * Loads the rule and checks the caller on the server: no right → 无权限; the right but a state that moved on
 * → a toast saying so (a stale click). Nothing changes on a refusal.
 */
export async function guard(
  id: string, action: RuleAction, openId: string, ctx: HandlerCtx,
): Promise<{ rule: Rule; caller: Caller } | { answer: CardAnswer }> {
  const rule = await ctx.store.rules.get(id);
  if (!rule) return { answer: toast('warning', R.toast.notFound) };
  const caller = await callerOf(openId, ctx);
  if (!holds(action, caller, rule)) return { answer: denied() };
  if (!stateAllows(action, rule)) return { answer: toast('warning', R.toast.wrongState) };
  return { rule, caller };
}

const categoryOf = (key: string): Msg => {
  const c = CATEGORIES.find((x) => x.key === key);
  return c ? { zh: c.zh, en: c.en } : { zh: key, en: key };
};

/** The rule card as `openId` sees it. */
export async function ruleCardFor(
  rule: Rule, openId: string, ctx: HandlerCtx, o: { banner?: Msg; people?: People; showBack?: boolean } = {},
): Promise<Card> {
  const people = o.people ?? (await knownPeople(ctx));
  const caller = await callerOf(openId, ctx);
  const items = await ctx.store.ledger.getMany(rule.items);
  const material = await ctx.store.materials.get(rule.material);
  const opinions = await ctx.store.opinions.getMany(rule.opinions);
  const opensMaterial = material !== undefined && canSee(material, caller, await chainPeople(ctx));
  return ruleCard({
    rule, overdue: isOverdue(rule, ctx.now(), tz(ctx)), names: people.names, timeZone: tz(ctx), today: today(ctx),
    actions: ALL_ACTIONS.filter((a) => may(a, caller, rule)),
    material: material?.state ?? 'missing', ...(opensMaterial ? { materialId: material.id } : {}),
    opinions: opinions.map((o) => ({ category: categoryOf(o.category), day: o.day })).sort((a, b) => a.day.localeCompare(b.day)),
    items: items.map((i) => ({ seq: i.seq, problem: i.problem })),
    ...(o.banner ? { banner: o.banner } : {}), ...(o.showBack ? { showBack: true } : {}),
  });
}

/** Applies a transition (compare-and-set with its audit entry), then its ladder: the old generation removed, the new one scheduled. */
export async function applyChange(
  id: string, change: (rule: Rule) => RuleTransition, action: string, actor: string, ctx: HandlerCtx, detail: Record<string, unknown> = {},
): Promise<RuleUpdateResult> {
  const r = await ctx.store.rules.update(id, change, { at: ctx.now(), actor, action: `rules.${action}`, detail: { id, ...detail } });
  if (r.ok) await afterChange(r, ctx);
  return r;
}

export async function afterChange(r: RuleChanged, ctx: HandlerCtx): Promise<void> {
  if (r.cancel) await ctx.ruleJobs.cancel(r.rule.id, r.cancel.gen);
  if (r.plan) await ctx.ruleJobs.schedule(r.rule.id, r.rule.gen, r.plan);
}

/** A short text to the people concerned (the actor left out); `keyOf` builds each one's outbox key. */
export async function notify(keyOf: (openId: string) => string, openIds: readonly string[], actor: string, text: Msg, ctx: HandlerCtx) {
  const to = [...new Set(openIds)].filter((o) => o !== actor);
  await ctx.outbox.sendMany(to.map((openId) => ({ key: keyOf(openId), to: { openId }, body: { type: 'text' as const, text: t(text) } })));
}
