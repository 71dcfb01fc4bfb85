import { afterAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../../cards/validate.js';
import { publishAfterPlanAccepted } from '../../../handlers/board/plan-gate.js';
import { instantOf } from '../../../src/domain/calendar.js';
import { newItemId } from '../../../src/domain/ledger/item.js';
import { newItem } from '../../../src/domain/ledger/transitions.js';
import { messageEvent } from '../../../src/local/lark-push.js';
import { LOCAL_BOT } from '../../../src/local/local-mode.js';
import { campaignFile, exampleCampaign, restartingBots, startTestBot, type TestBot } from '../../helpers/bot.js';
import { boardSettled } from '../../helpers/plan-gate.js';

/**
 * 整改方案 before 公示 (issue #15, DESIGN §2.9): while the 整改方案 is not accepted the public board shows its title and
 * "整改方案审定后公示" only, whatever the ledger holds; accepting it publishes the items started so far, once.
 */

const ADMIN = 'ou_admin_liu';
const OWNER = 'ou_member_01';
const BOARD = 'oc_announce_board';
const GROUP = 'oc_group_1';
const clock = instantOf('2027-07-01', '10:00', 'Asia/Shanghai');
const str = (x: unknown) => JSON.stringify(x);
const boardMessages = (bot: TestBot) => bot.fake.messagesTo(BOARD).filter((m) => m.msgType === 'interactive');
const boardSends = (bot: TestBot) => bot.fake.requestsTo('im.message.create').filter((r) => str(r.body).includes(BOARD));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => undefined);
});

/** An item drafted by the office with these words; started through a signed card callback unless `draftOnly` (its toast). */
async function item(bot: TestBot, words: string, draftOnly = false): Promise<string> {
  const created = await bot.service.deps.ctx.store.ledger.create(newItem({
    problem: `问题${words}`, source: { kind: 'self' }, wind: 'formalism', goal: '', measures: '', owner: OWNER, leader: 'ou_leader_zhao',
    coOwners: [], deadline: '2027-07-20', milestones: [], commitment: `承诺${words}`, linkedRounds: [],
  }, newItemId(), { by: ADMIN, now: clock }), { at: clock, actor: ADMIN, action: 'ledger.create', detail: {} });
  if (draftOnly) return '';
  const answer = await bot.click(ADMIN, { a: 'lg.activate', id: created.id });
  expect(answer.toast.type).toBe('success');
  return answer.toast.content as string;
}

/** 进度 asked with @bot in a group: the public view. */
async function groupProgress(bot: TestBot): Promise<string> {
  const before = bot.fake.messagesTo(GROUP).length;
  const mention = { key: '@_user_1', openId: LOCAL_BOT.openId, name: LOCAL_BOT.name };
  await bot.push('im.message.receive_v1', messageEvent({
    senderOpenId: OWNER, chatId: GROUP, chatType: 'group', text: '@_user_1 进度', mentions: [mention],
  }));
  await bot.until(() => bot.fake.messagesTo(GROUP).length > before, 15_000, 'the 进度 card in the group');
  return str(bot.fake.messagesTo(GROUP).at(-1)!.content);
}

describe('the public board waits for the 整改方案', () => {
  it('shows its title only while the plan is not accepted; accepting it publishes the started items once, across a restart', async () => {
    const bots = restartingBots({ now: () => clock });
    cleanups.push(() => bots.stopAll());
    const bot = await bots.start();
    // The office is told the item goes public once the 整改方案 is approved, not that it is public now.
    expect(await item(bot, '精简会议三成')).toContain('整改方案审定后予以公示');
    await item(bot, '文件压减两成');
    await item(bot, '草稿未启动', true);
    await bot.until(() => boardMessages(bot).length === 1, 15_000, 'the gated board posted');
    await boardSettled(bot);

    // Gated: the title line and the words, no item, count or name; a later change patches nothing.
    const gated = boardMessages(bot)[0]!;
    expect(validateCard(gated.content as never)).toEqual([]);
    const shown = str(gated.content);
    expect(shown).toContain('整改公示');
    expect(shown).toContain('整改方案审定后公示');
    for (const hidden of ['精简会议', '文件压减', '草稿未启动', '整改中', '责任人', '逾期', '本页更新于']) expect(shown).not.toContain(hidden);
    expect(gated.patches).toHaveLength(0);
    // The items are worked on as usual, and the private cards are unchanged.
    expect(bot.fake.messagesTo(OWNER).some((m) => str(m.content).includes('承诺精简会议三成'))).toBe(true);
    // The public 进度 leaves the ledger out too.
    const progress = await groupProgress(bot);
    expect(progress).toContain('整改方案审定后公示');
    expect(progress).not.toContain('整改中 2');

    // Accepted (twice: a retried job): the board message is patched in place with the started items, once.
    const ctx = bot.service.deps.ctx;
    expect(await publishAfterPlanAccepted(ctx, clock, 'ou_leader_wang')).toBe(true);
    expect(await publishAfterPlanAccepted(ctx, clock + 60_000, ADMIN)).toBe(false);
    await bot.until(() => str(boardMessages(bot)[0]!.content).includes('承诺精简会议三成'), 15_000, 'the items published');
    await boardSettled(bot);
    const published = boardMessages(bot);
    expect(published.map((m) => m.messageId)).toEqual([gated.messageId]);
    expect(published[0]!.patches).toHaveLength(1);
    const now = str(published[0]!.content);
    for (const shownNow of ['承诺精简会议三成', '承诺文件压减两成', '整改中 2 · 待销号 0 · 已销号 0 · 逾期 0']) expect(now).toContain(shownNow);
    expect(now).not.toContain('草稿未启动');
    expect(now).not.toContain('整改方案审定后公示');
    expect(boardSends(bot)).toHaveLength(1);
    expect(await ctx.store.planGate.accepted()).toEqual({ at: clock, by: 'ou_leader_wang' });
    const audited = (await ctx.store.audit.recent(100)).filter((e) => e.action === 'board.planAccepted');
    expect(audited).toEqual([{ at: clock, actor: 'ou_leader_wang', action: 'board.planAccepted', detail: {} }]);
    expect(await groupProgress(bot)).toContain('整改中 2');
    expect(await item(bot, '调研下沉一线')).not.toContain('整改方案审定后');
    await bot.until(() => str(boardMessages(bot)[0]!.content).includes('承诺调研下沉一线'), 15_000, 'the next item on the board');
    await boardSettled(bot);

    // A worker restart and the acceptance once more: nothing is sent or patched again, nothing audited again.
    await bot.stop();
    const after = await bots.start();
    expect(await publishAfterPlanAccepted(after.service.deps.ctx, clock + 120_000, ADMIN)).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    await boardSettled(after);
    expect(boardSends(after)).toHaveLength(0);
    expect(after.fake.requestsTo('im.message.patch')).toHaveLength(0);
    expect((await after.service.deps.ctx.store.audit.recent(100)).filter((e) => e.action === 'board.planAccepted')).toHaveLength(1);
  }, 90_000);

  it('with board.gateOnRectifyPlan false the board shows the items as they start, as before', async () => {
    const bot = await startTestBot({
      now: () => clock, campaignPath: campaignFile({ ...exampleCampaign(), board: { gateOnRectifyPlan: false } }),
    });
    cleanups.push(() => bot.stop());
    expect(await item(bot, '精简会议三成')).not.toContain('整改方案审定后');
    await bot.until(() => boardMessages(bot).some((m) => str(m.content).includes('承诺精简会议三成')), 15_000, 'the board posted');
    expect(str(boardMessages(bot)[0]!.content)).not.toContain('整改方案审定后公示');
    expect(await bot.service.deps.ctx.store.planGate.planAcceptedAt()).toBeUndefined();
    expect(await groupProgress(bot)).toContain('整改中 1');
  }, 60_000);
});
