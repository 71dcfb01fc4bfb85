import { newItem } from '../../src/domain/ledger/transitions.js';
import { newItemId, WINDS, type LedgerItem, type Wind } from '../../src/domain/ledger/item.js';
import { msg, type Msg } from '../../src/messages/index.js';
import type { Opinion } from '../../src/store/opinions.js';
import type { HandlerCtx } from '../context.js';
import { followOpinion } from './common.js';

/**
 * 转为整改事项 (DESIGN §2.3): an opinion becomes a ledger item in one action. The item is a 草稿
 * (draft: not public, no reminders) whose problem is the opinion's text — for a merged group, the
 * root's — with the source linking back to the opinion; owner and responsible leader default to
 * the leader the opinion names (or the top leader) for the admin to complete in the item form.
 * The opinion becomes 已转整改 and follows the item (已办结 once it is signed off).
 */
export async function opinionToItem(
  o: Opinion, actor: string, ctx: HandlerCtx,
): Promise<{ ok: true; item: LedgerItem } | { ok: false; message: Msg }> {
  const root = o.mergedInto ? ((await ctx.store.opinions.get(o.mergedInto)) ?? o) : o;
  if (root.ledgerItem || o.ledgerItem) return { ok: false, message: msg.ledger.toast.already };
  // Two quick clicks are two callbacks: the second waits out the first rather than making a second item.
  if (!(await ctx.store.kv.claimOnce(`op2lg-${root.id}`, 30))) return { ok: false, message: msg.ledger.toast.already };
  const leaderIndex = /^leader-(\d+)$/.exec(root.target)?.[1];
  const leader = (leaderIndex !== undefined ? ctx.campaign.leaders[Number(leaderIndex)]?.openId : undefined) ?? ctx.campaign.topLeader;
  const wind: Wind = (WINDS as readonly string[]).includes(root.category) ? (root.category as Wind) : 'other';
  const b = { by: actor, now: ctx.now() };
  const draft = newItem({
    problem: root.text, source: { kind: 'opinion', ref: root.id }, wind, goal: '', measures: '', owner: leader, leader,
    coOwners: [], milestones: [], commitment: '', linkedRounds: [],
  }, newItemId(), b);
  const item = await ctx.store.ledger.create(
    draft, { at: b.now, actor, action: 'ledger.create', detail: { source: 'opinion', opinion: root.id } },
  );
  await followOpinion(item, actor, ctx);
  ctx.log.info({ actor, item: item.id }, 'opinion turned into a ledger item');
  return { ok: true, item };
}
