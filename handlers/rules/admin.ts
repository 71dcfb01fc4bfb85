import { keyedHmac } from '../../src/domain/hmac.js';
import { ISSUE_FORM, parseIssueForm, parseRuleForm, type OpinionRef } from '../../src/domain/rules/form.js';
import { newRuleId, type Rule } from '../../src/domain/rules/rule.js';
import { editRule, issue, newRule } from '../../src/domain/rules/transitions.js';
import { dayText } from '../../src/messages/campaign.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import { ruleFieldErrors, ruleFormCard } from '../../cards/rules/form.js';
import type { Card } from '../../cards/types.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { hasRole } from '../access.js';
import { knownPeople, type People } from '../people.js';
import { calendarOf, today } from '../campaign-time.js';
import type { CardHandler } from '../types.js';
import { applyChange, denied, guard, notify, refusal, ruleCardFor } from './common.js';
import { ruleMaterials } from './material-link.js';
import { ruleAssignedKey, ruleNoticeKey } from './outbox-keys.js';

/** Admin actions on rules: the form (create, edit) and 印发 / 废止. 起草 → 审议 follows the material (./material-sync.ts). */

const R = msg.rules;

async function formCard(ctx: HandlerCtx, rule?: Rule, people?: People): Promise<Card> {
  const known = people ?? (await knownPeople(ctx));
  const items = await ctx.store.ledger.list();
  return ruleFormCard({
    people: known.list, items: items.map((i) => ({ id: i.id, seq: i.seq, problem: i.problem })), today: today(ctx),
    ...(rule ? { rule } : {}),
  });
}

/** Opinions named by receipt code or id → their ids (undefined when one is not found). Only ids are kept. */
async function resolveOpinions(refs: readonly OpinionRef[], ctx: HandlerCtx): Promise<string[] | undefined> {
  const ids: string[] = [];
  for (const ref of refs) {
    const id = 'code' in ref
      ? await ctx.store.opinions.idByCode(keyedHmac(ctx.anonSecret, 'receipt', ref.code))
      : (await ctx.store.opinions.get(ref.id))?.id;
    if (!id) return undefined;
    ids.push(id);
  }
  return [...new Set(ids)];
}

/** The owner gets the rule card once per rule (a new owner after an edit gets it too). */
async function sendAssigned(rule: Rule, ctx: HandlerCtx): Promise<void> {
  const card = await ruleCardFor(rule, rule.owner, ctx, { banner: R.banners.assigned });
  await ctx.outbox.send({ key: ruleAssignedKey(rule.id, rule.owner), to: { openId: rule.owner }, body: { type: 'card', card } });
}

export const onRuleNew: CardHandler<'rl.new'> = async (_a, event, ctx) =>
  (await hasRole(event.operatorOpenId, ctx, 'admin')) ? withCard({}, await formCard(ctx)) : denied();

export const onRuleEdit: CardHandler<'rl.edit'> = async (a, event, ctx) => {
  const g = await guard(a.id, 'edit', event.operatorOpenId, ctx);
  return 'answer' in g ? g.answer : withCard({}, await formCard(ctx, g.rule));
};

/** 保存: a new rule goes into 起草 with its material and reminders; an edit keeps the state (a moved due day restarts the ladder). */
export const onRuleSave: CardHandler<'rl.save'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  if (!(await hasRole(actor, ctx, 'admin'))) return denied();
  let existing: Rule | undefined;
  if (a.id) {
    const g = await guard(a.id, 'edit', actor, ctx);
    if ('answer' in g) return g.answer;
    existing = g.rule;
  }
  const people = await knownPeople(ctx);
  const items = new Set((await ctx.store.ledger.list()).map((i) => i.id));
  const fv = event.formValue ?? {};
  const parsed = parseRuleForm(fv, { people: people.ids, items, today: today(ctx), ...(existing ? { existing } : {}) });
  const again = async () => formCard(ctx, existing, people);
  if (!parsed.ok) return formRefused(msg.errors.badInput, await again(), fv, ruleFieldErrors(parsed.errors));
  const opinions = await resolveOpinions(parsed.opinionRefs, ctx);
  if (!opinions) return formRefused(R.form.invalid.opinions, await again(), fv, ruleFieldErrors(['opinions']));
  const fields = { ...parsed.value, opinions };
  const b = { by: actor, now: ctx.now() };
  if (!existing) {
    const id = newRuleId();
    const material = ruleMaterials.newId();
    const r = newRule(fields, id, material, b, calendarOf(ctx));
    // The rule first, then its material (whose card names the rule); a stop in between is mended at worker start.
    const created = await ctx.store.rules.create(r.rule,
      { at: b.now, actor, action: 'rules.create', detail: { kind: fields.kind, material } });
    await ruleMaterials.create(ctx, created, actor);
    await ctx.ruleJobs.schedule(created.id, created.gen, r.plan ?? []);
    await sendAssigned(created, ctx);
    ctx.log.info({ actor, rule: created.id }, 'rule created');
    return withCard(toast('success', R.form.created), await ruleCardFor(created, actor, ctx, { showBack: true, people }));
  }
  const r = await applyChange(existing.id, (rule) => editRule(rule, fields, b, calendarOf(ctx)), 'edit', actor, ctx);
  if (!r.ok) return refusal(r);
  await ruleMaterials.follow(ctx, existing, r.rule, actor);
  if (r.rule.owner !== existing.owner) await sendAssigned(r.rule, ctx);
  return withCard(toast('success', R.toast.saved), await ruleCardFor(r.rule, actor, ctx, { showBack: true, people }));
};

/** 印发 (立 / 改) or 废止 (废), admins: only once the material is accepted; the day, 文号 and link recorded; reminders stop. */
export const onRuleIssue: CardHandler<'rl.issue'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const found = await ctx.store.rules.get(a.id);
  const g = await guard(a.id, found?.kind === 'abolish' ? 'abolish' : 'adopt', actor, ctx);
  if ('answer' in g) return g.answer;
  const fv = event.formValue ?? {};
  const parsed = parseIssueForm(fv, today(ctx));
  if (!parsed.ok) {
    const errors = parsed.errors.map((e) => ({ field: ISSUE_FORM[e], text: t(R.form.invalid[e]) }));
    return formRefused(msg.errors.badInput, await ruleCardFor(g.rule, actor, ctx, { showBack: true }), fv, errors);
  }
  const state = await ruleMaterials.stateOf(ctx, g.rule.material);
  const r = await applyChange(a.id, (rule) => issue(rule, state, parsed.value, { by: actor, now: ctx.now() }, today(ctx)),
    g.rule.kind === 'abolish' ? 'abolish' : 'adopt', actor, ctx, { day: parsed.value.day });
  if (!r.ok) return refusal(r);
  const rule = r.rule;
  const abolished = rule.state === 'abolished';
  const day = dayText(rule.issuedOn!);
  const text: Msg = abolished ? R.notices.abolished(rule.seq, rule.name, day) : R.notices.issued(rule.seq, rule.name, day);
  const what = abolished ? 'abolish' : 'adopt';
  await notify((o) => ruleNoticeKey(rule.id, what, rule.history.length, o), [rule.owner, ...(await ctx.roles.admins())], actor, text, ctx);
  const card = await ruleCardFor(rule, actor, ctx, { showBack: true });
  return withCard(toast('success', abolished ? R.toast.abolished : R.toast.issued), card);
};
