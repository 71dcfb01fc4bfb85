import { afterAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { validateCard } from '../../../cards/validate.js';
import { shortDay } from '../../../cards/materials/common.js';
import { MEETING_FORM } from '../../../src/domain/meetings/form.js';
import { DONE_FORM } from '../../../src/domain/talks/form.js';
import { pairKey, type Talk } from '../../../src/domain/talks/talk.js';
import { msg } from '../../../src/messages/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * The 生活会 reads the real talks (issue 16): talks planned between the attendees and not held are named on the meeting
 * card and in 开始会议's refusal; once one party records a talk held, that precondition is met. Signed callbacks only.
 */

const SH = 'Asia/Shanghai';
const [ADMIN, TOP, ZHAO, SUN] = ['ou_admin_liu', 'ou_leader_wang', 'ou_leader_zhao', 'ou_leader_sun'];
const NAMES: Record<string, string> = { [TOP]: '王主席', [ZHAO]: '赵副主席', [SUN]: '孙副主席' };
let clock = instantOf('2027-05-03', '10:00', SH);
let bot: TestBot;
afterAll(() => bot?.stop());

const str = (x: unknown) => JSON.stringify(x);
const ctx = () => bot.service.deps.ctx;
let id = '';

async function click(openId: string, value: Record<string, unknown>, form?: Record<string, unknown>) {
  const r = await bot.click(openId, value, form);
  if (r?.card) expect(validateCard(r.card.data)).toEqual([]);
  await bot.idle();
  return r;
}
async function ok(openId: string, value: Record<string, unknown>, form?: Record<string, unknown>) {
  const r = await click(openId, value, form);
  expect(['success', undefined], str(r)).toContain(r.toast?.type);
  return r;
}
const talkOf = async (a: string, b: string): Promise<Talk> =>
  (await ctx().store.talks.list()).find((t) => pairKey(t.a, t.b) === pairKey(a, b))!;
const missingLine = (t: Talk) => msg.meetings.card.talkMissing(NAMES[t.a]!, NAMES[t.b]!, shortDay(t.due)).zh;
const cardOf = async (openId: string) => str((await ok(openId, { a: 'mg.open', id })).card);

describe('a meeting waits for the talks among its attendees', () => {
  it('talks planned and not held are named on the card, and 开始会议 is refused naming them', async () => {
    bot = await startTestBot({ now: () => clock });
    await ok(ADMIN, { a: 'tk.plan' });
    await ok(ADMIN, { a: 'tk.save' });
    await ok(ADMIN, { a: 'mg.create' }, {
      [MEETING_FORM.type]: 'organizational', [MEETING_FORM.title]: '机关支部组织生活会', [MEETING_FORM.day]: '2027-05-20 +0800',
      [MEETING_FORM.time]: '09:00', [MEETING_FORM.place]: '二楼会议室', [MEETING_FORM.attendees]: [ZHAO, SUN],
    });
    id = (await ctx().store.meetings.list())[0]!.id;
    const pairs = [await talkOf(ZHAO, SUN), await talkOf(TOP, ZHAO), await talkOf(TOP, SUN)];
    const card = await cardOf(ADMIN);
    for (const t of pairs) expect(card).toContain(missingLine(t));
    const before = str(await ctx().store.meetings.get(id));
    const r = await click(ADMIN, { a: 'mg.start', id });
    expect(r.toast.type).toBe('warning');
    for (const t of pairs) expect(r.toast.content).toContain(missingLine(t));
    expect(str(await ctx().store.meetings.get(id))).toBe(before);
  });

  it('once one party records a talk held, it is no longer missing; the meeting starts when none is', async () => {
    const zhaoSun = await talkOf(ZHAO, SUN);
    await ok(SUN, { a: 'tk.done', id: zhaoSun.id }, { [DONE_FORM.day]: '2027-05-03 +0800', [DONE_FORM.place]: '三楼会议室' });
    const card = await cardOf(ADMIN);
    expect(card).not.toContain(missingLine(zhaoSun));
    expect(card).toContain(missingLine(await talkOf(TOP, ZHAO)));
    const r = await click(ADMIN, { a: 'mg.start', id });
    expect(r.toast.type).toBe('warning');
    expect(r.toast.content).not.toContain(missingLine(zhaoSun));
    clock = instantOf('2027-05-06', '10:00', SH);
    for (const [who, other] of [[ZHAO, TOP], [TOP, SUN]] as const) {
      const t = await talkOf(who, other);
      await ok(who, { a: 'tk.done', id: t.id }, { [DONE_FORM.day]: '2027-05-06 +0800', [DONE_FORM.place]: '主席办公室' });
    }
    expect(await cardOf(ADMIN)).toContain(msg.meetings.card.allMet.zh);
    await ok(ADMIN, { a: 'mg.start', id });
    expect((await ctx().store.meetings.get(id))!.state).toBe('started');
  });
});
