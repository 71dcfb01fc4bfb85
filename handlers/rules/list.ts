import {
  isFinal, isOverdue, matchesFilter, may, readsAll, RULE_FILTERS, type Caller, type RuleFilter,
} from '../../src/domain/rules/rule.js';
import { hasAnyRole } from '../../src/domain/commands.js';
import { msg } from '../../src/messages/index.js';
import { RULES_PAGE_SIZE, rulesListCard } from '../../cards/rules/list.js';
import type { Card } from '../../cards/types.js';
import { toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { knownPeople } from '../people.js';
import { respond } from '../respond.js';
import { tz } from '../campaign-time.js';
import type { CardHandler, CommandCall } from '../types.js';
import { callerOf, denied, guard, ruleCardFor } from './common.js';

/**
 * `制度` / `rules` (DESIGN §2.9): everyone reads the register of rules issued (or abolished) and the rules they
 * lead; admins, supervisors and the top leader read the whole register, drafts included, filterable by state.
 */

async function listCardFor(caller: Caller, q: { page: number; state: RuleFilter }, ctx: HandlerCtx): Promise<Card> {
  const now = ctx.now();
  const all = await ctx.store.rules.list();
  const reads = readsAll(caller);
  const visible = reads ? all.filter((r) => matchesFilter(r, q.state, now, tz(ctx)))
    : all.filter((r) => isFinal(r.state) || r.owner === caller.openId);
  const pages = Math.max(1, Math.ceil(visible.length / RULES_PAGE_SIZE));
  const page = Math.min(q.page, pages - 1);
  const people = await knownPeople(ctx);
  return rulesListCard({
    rules: visible.slice(page * RULES_PAGE_SIZE, (page + 1) * RULES_PAGE_SIZE)
      .map((rule) => ({ rule, overdue: isOverdue(rule, now, tz(ctx)) })),
    total: visible.length, page, state: reads ? q.state : 'all', names: people.names, readsAll: reads,
    canCreate: may('create', caller), canExport: reads,
    readOnlyNote: hasAnyRole(caller.roles, 'supervisor') && !hasAnyRole(caller.roles, 'admin'),
  });
}

export async function onRules(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  const caller = { openId: cmd.callerOpenId, roles: cmd.roles };
  // Asked in a group, the register goes by direct message: it holds drafts and the office's buttons for some readers.
  await respond(cmd, { type: 'card', card: await listCardFor(caller, { page: 0, state: 'all' }, ctx) }, ctx, { personal: true });
}

export const onRulesList: CardHandler<'rl.list'> = async (a, event, ctx) => {
  const caller = await callerOf(event.operatorOpenId, ctx);
  return withCard({}, await listCardFor(caller, { page: a.page, state: a.state ?? 'all' }, ctx));
};

export const onRulesFilter: CardHandler<'rl.filter'> = async (_a, event, ctx) => {
  const caller = await callerOf(event.operatorOpenId, ctx);
  if (!readsAll(caller)) return denied();
  const raw = event.formValue?.rl_f_state;
  const state = (RULE_FILTERS as readonly unknown[]).includes(raw) ? (raw as RuleFilter) : 'all';
  return withCard({}, await listCardFor(caller, { page: 0, state }, ctx));
};

export const onRuleOpen: CardHandler<'rl.open'> = async (a, event, ctx) => {
  const g = await guard(a.id, 'view', event.operatorOpenId, ctx);
  return 'answer' in g ? g.answer : withCard({}, await ruleCardFor(g.rule, event.operatorOpenId, ctx, { showBack: true }));
};

/** 导出清单 (admins, supervisors, the top leader): the XLSX is built in the export queue and sent by direct message. */
export const onRulesExport: CardHandler<'rl.export'> = async (_a, event, ctx) => {
  const caller = await callerOf(event.operatorOpenId, ctx);
  if (!readsAll(caller)) return denied();
  await ctx.exports.enqueue({ kind: 'rules-export', format: 'xlsx', requester: caller.openId, requestId: event.eventId });
  await ctx.store.audit.add({ at: ctx.now(), actor: caller.openId, action: 'rules.export', detail: { format: 'xlsx' } });
  return toast('success', msg.report.exportQueued);
};
