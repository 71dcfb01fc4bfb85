import { m, type Msg } from './catalog.js';

/** Catalog section for 回头看 (the ledger's look-back); merged into `msg` in src/messages/index.ts. */
export const lookbackMsg = {
  start: m('回头看', 'Look back'),
  startConfirm: m('将全部已销号事项发给责任领导逐项复查吗？', 'Send every signed-off item to its responsible leader for a re-check?'),
  summaryButton: m('回头看结果', 'Look-back outcome'),
  checkTitle: m('回头看：烦请逐项复查', 'Look-back: please re-check each item'),
  moved: m('这张卡片已过期，请您在最新一条“回头看”消息中继续复查。', 'This card has expired: continue in the latest look-back message.'),
  checkIntro: m('以下整改事项已销号。烦请您逐项确认整改是否到位、有无反弹；未到位的请写明原因，事项将回到“整改中”，由活动办重新确定完成时限。',
    'These items were signed off. Confirm each still holds; ' +
      'for one that does not, give the reason: it returns to in-progress and the office sets a new deadline.'),
  holds: m('整改到位', 'Still holds'),
  reopen: m('重新整改', 'Reopen'),
  reasonLabel: m('未到位的原因（重新整改时必填，500 字以内）', 'Why it does not hold (required to reopen, up to 500 characters)'),
  checkedHolds: (who: string, day: string): Msg => m(`✓ 已确认整改到位（${who}，${day}）`, `✓ Confirmed to hold (${who}, ${day})`),
  checkedReopened: (who: string, day: string): Msg => m(`↺ 已重新整改（${who}，${day}）：`, `↺ Reopened (${who}, ${day}): `),
  pageNote: (page: number, pages: number): Msg => m(`第 ${page}/${pages} 张`, `Card ${page} of ${pages}`),
  summaryTitle: m('回头看结果', 'Look-back outcome'),
  summaryCounts: (total: number, holds: number, reopened: number, pending: number): Msg =>
    m(`已销号事项 ${total} 项：整改到位 ${holds} 项，重新整改 ${reopened} 项，待复查 ${pending} 项。`,
      `${total} signed-off items: ${holds} hold, ${reopened} reopened, ${pending} not yet re-checked.`),
  summaryStarted: (who: string, when: string): Msg => m(`${who} 于 ${when} 发起`, `Started by ${who} at ${when}`),
  summaryReopened: m('重新整改的事项', 'Reopened items'),
  summaryPending: m('尚未复查', 'Not yet re-checked'),
  summaryDone: m('全部事项已复查完毕。重新整改的事项请在整改台账中设定新的完成时限。', 'Every item is re-checked. Set new deadlines for the reopened items in the ledger.'),
  more: (n: number): Msg => m(`…另有 ${n} 项`, `…and ${n} more`),
  toast: {
    started: (n: number, leaders: number): Msg => m(
      `已发给 ${leaders} 位责任领导复查 ${n} 项`,
      `${n} items sent to ${leaders} leaders for a re-check`),
    nothing: m('没有已销号的事项，无需回头看', 'No signed-off items to look back at'),
    justStarted: m('回头看刚刚已经发起，请稍后再试', 'A look-back was just started; try again in a minute'),
    holds: m('已确认整改到位', 'Confirmed to hold'),
    reopened: m('已转为重新整改，已请活动办设定新的完成时限', 'Reopened; the office is asked to set a new deadline'),
    already: m('这一项已经复查过了', 'This item was re-checked already'),
    needReason: m('请填写未到位的原因（500 字以内）', 'Give the reason (up to 500 characters)'),
    notFound: m('这次回头看已不存在', 'This look-back no longer exists'),
    notClosed: m('该事项已不是“已销号”状态，无法在回头看中处理', 'The item is no longer signed off'),
  },
  adminAsk: (seq: number): Msg => m(
    `回头看：整改事项 #${seq} 需重新整改，请您在整改台账中设定新的完成时限。`,
    `Look-back: item ${seq} was reopened; set a new deadline in the ledger.`),
};
