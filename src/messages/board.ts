import { m, type Msg } from './catalog.js';

/** Catalog section for the public board (公示) of the ledger; merged into `msg` in src/messages/index.ts. */
export const boardMsg = {
  title: m('整改公示', 'Rectification board'),
  summary: m('整改台账公示', 'Public rectification ledger'),
  intro: m('以下整改事项及其承诺予以公示，接受监督；状态随办理进展自动更新。', 'These commitments are public for supervision; statuses update as the work goes on.'),
  page: (n: number, total: number): Msg => m(`第 ${n} / ${total} 页`, `Page ${n} of ${total}`),
  counts: (c: { active: number; review: number; closed: number; overdue: number }): Msg => m(
    `整改中 ${c.active} · 待销号 ${c.review} · 已销号 ${c.closed} · 逾期 ${c.overdue}`,
    `In progress ${c.active} · Awaiting sign-off ${c.review} · Closed ${c.closed} · Overdue ${c.overdue}`,
  ),
  updatedAt: (when: string): Msg => m(`本页更新于 ${when}`, `This page was updated ${when}`),
  gated: m('整改方案审定后公示。', 'The items are made public once the rectification plan is approved.'),
  empty: m('暂无公示的整改事项。', 'No rectification items are public yet.'),
  none: m('（无）本页已没有整改事项，请查看其他页。', '(none) This page has no items now; see the other pages.'),
  commitment: m('承诺', 'Commitment'),
  owner: m('责任人', 'Owner'),
  leader: m('责任领导', 'Responsible leader'),
  deadline: m('期限', 'Deadline'),
  noDeadline: m('待定', 'to be set'),
  statuses: {
    draft: m('草稿', 'Draft'),
    active: m('整改中', 'In progress'),
    review: m('待销号', 'Awaiting sign-off'),
    closed: m('已销号', 'Closed'),
  },
  flags: {
    dueSoon: m('即将到期', 'Due soon'),
    overdue: m('逾期', 'Overdue'),
    needsDeadline: m('待定期限', 'Needs a deadline'),
  },
  moved: m('公示已更新，请查看最新一条公示。', 'This board moved: see the latest message.'),
  movedNote: (when: string): Msg => m(
    `新的公示已于 ${when} 发出（飞书卡片只能在 14 天内更新）。`,
    `A new board was posted ${when} (Lark cards can be updated for 14 days only).`),
};
