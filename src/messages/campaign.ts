import { m, type Msg } from './catalog.js';

/** Catalog section for the campaign's own timeline (phases, milestones); merged into `msg` in src/messages/index.ts. */
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const WEEKDAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A `YYYY-MM-DD` day as WORDING.md writes dates: 2027年5月1日（周六）. */
export function dayText(day: string): Msg {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return m(`${y}年${mo}月${d}日（周${WEEKDAYS_ZH[wd]}）`, `${WEEKDAYS_EN[wd]} ${day}`);
}

export const campaignMsg = {
  phaseStarted: (index: number, name: string): Msg => m(
    `第${ORDINALS[index] ?? index + 1}阶段开始：${name}`,
    `Phase ${index + 1} begins: ${name}`,
  ),
  phaseDates: (start: Msg, end: Msg): Msg => m(`${start.zh}至${end.zh}`, `${start.en} to ${end.en}`),
  phaseIntro: (campaign: string, start: Msg, end: Msg): Msg => m(
    `根据${campaign}的安排，本阶段自${start.zh}开始，至${end.zh}结束。`,
    `Under the ${campaign} plan, this phase runs from ${start.en} to ${end.en}.`,
  ),
  milestonesHeading: m('本阶段的时间节点：', 'Milestones of this phase:'),
  milestoneLine: (day: Msg, name: string): Msg => m(`${day.zh}　${name}`, `${day.en}  ${name}`),
  noMilestones: m('本阶段没有安排时间节点。', 'This phase has no milestones.'),
  phaseNote: m('请各位按照安排做好相关工作。如有疑问，请与活动办联系。', 'Please prepare accordingly; the campaign office can help with questions.'),
};
