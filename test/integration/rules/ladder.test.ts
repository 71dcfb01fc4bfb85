import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActionEvent } from '../../../src/local/lark-push.js';
import { createCalendar, instantOf } from '../../../src/domain/calendar.js';
import { RULE_FORM } from '../../../src/domain/rules/form.js';
import { ruleStepAt, type RuleStep } from '../../../src/domain/rules/ladder.js';
import { loadCampaignFile } from '../../../src/campaign.js';
import type { FakeMessage } from '../../../src/local/fake-lark-server.js';
import { validateCard } from '../../../cards/validate.js';
import { CAMPAIGN_PATH, restartingBots, type TestBot } from '../../helpers/bot.js';

/**
 * A rule's reminders with real BullMQ and the test's clock: T−3, T−1 and the day to the owner, overdue to the owner and
 * the admins, T+3 to the top leader; each exactly once although the worker restarts in the middle and a step runs twice.
 */

const ADMIN = 'ou_admin_liu';
const OWNER = 'ou_member_01';
const TOP = 'ou_leader_wang';
const TZ = 'Asia/Shanghai';
const DUE = '2027-07-20';
let clock = instantOf('2027-07-01', '10:00', TZ);
const bots = restartingBots({ now: () => clock });
let bot: TestBot;
let cal: ReturnType<typeof createCalendar>;
let id = '';

beforeAll(async () => {
  cal = createCalendar((await loadCampaignFile(CAMPAIGN_PATH)).calendar, TZ);
  bot = await bots.start();
});
afterAll(async () => { await bots.stopAll(); });

const str = (x: unknown) => JSON.stringify(x);
const all = (): FakeMessage[] => bots.bots.flatMap((b) => b.fake.messages);
const to = (openId: string, text: string) => all().filter((m) => m.receiveId === openId && str(m.content).includes(text));
const queue = () => bot.service.deps.queues.rules;

async function fire(step: RuleStep) {
  clock = ruleStepAt(step, DUE, cal);
  const job = await queue().getJob(`rl-${id}-1-${step}`);
  expect(job, step).toBeDefined();
  await job!.promote();
  await bot.until(async () => (await queue().getJob(`rl-${id}-1-${step}`))?.finishedOn !== undefined, 10_000, `step ${step}`);
  await bot.idle();
}

describe('the rule reminder ladder', () => {
  const banner = { d3: '还有 3 天', d1: '完成时限为明天', d0: '完成时限为今天', due: '），尚未印发', late3: '烦请您督办' };

  it('creating a rule plans T−3, T−1, the day, overdue and T+3', async () => {
    const r = await bot.push('card.action.trigger', cardActionEvent({ operatorOpenId: ADMIN, value: { v: 1, a: 'rl.save' }, formValue: {
      [RULE_FORM.kind]: 'make', [RULE_FORM.name]: '请示报告制度', [RULE_FORM.owner]: OWNER, [RULE_FORM.due]: `${DUE} +0800`,
    } }));
    expect(r.json.toast.type, str(r.json)).toBe('success');
    id = (await bot.service.deps.ctx.store.rules.list())[0]!.id;
    const jobs = await queue().getJobs(['delayed']);
    expect(jobs.map((j) => j.id).sort()).toEqual(['d0', 'd1', 'd3', 'due', 'late3'].map((s) => `rl-${id}-1-${s}`));
  });

  it('T−3 goes to the owner; after a worker restart the same step run again sends nothing more', async () => {
    await fire('d3');
    expect(to(OWNER, banner.d3)).toHaveLength(1);
    await bot.stop();
    bot = await bots.start();
    await queue().add('step', { kind: 'step', rule: id, gen: 1, step: 'd3' }, { jobId: `dup-${id}` });
    await bot.until(async () => (await queue().getJob(`dup-${id}`))?.finishedOn !== undefined, 10_000, 'duplicate');
    await bot.idle();
    expect(to(OWNER, banner.d3)).toHaveLength(1);
  });

  it('T−1 and the day to the owner, overdue to the owner and the admins, T+3 to the top leader: each once', async () => {
    for (const s of ['d1', 'd0', 'due', 'late3'] as const) await fire(s);
    for (const b of [banner.d1, banner.d0, banner.due]) expect(to(OWNER, b), b).toHaveLength(1);
    expect(to(ADMIN, banner.due)).toHaveLength(1);
    expect(to(ADMIN, banner.d1).length + to(TOP, banner.due).length).toBe(0);
    expect(to(TOP, banner.late3)).toHaveLength(1);
    const steps = (await bot.service.deps.ctx.store.rules.get(id))!.history.filter((h) => h.what === 'step').map((h) => h.step);
    expect(steps).toEqual(['d3', 'd1', 'd0', 'due', 'late3']);
    for (const m of all().filter((x) => str(x.content).includes('rl.'))) expect(validateCard(m.content)).toEqual([]);
  });
});
