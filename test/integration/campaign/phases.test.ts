import { afterAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../../src/domain/calendar.js';
import { validateCard } from '../../../cards/validate.js';
import { announcePhase } from '../../../handlers/campaign/steps/announce.js';
import { phaseJobId } from '../../../jobs/campaign/queue.js';
import { restartingBots } from '../../helpers/bot.js';

/**
 * Each phase is announced in the announce chat on its first working morning (issue #12): one delayed job per
 * phase and start day, planned at worker start, exactly one card across restarts.
 */

const SH = 'Asia/Shanghai';
const ANNOUNCE = 'oc_announce_board';
let clock = instantOf('2027-04-30', '10:00', SH); // the Friday before the second phase (Saturday 1 May)
const series = restartingBots({ now: () => clock });
const { bots, start } = series;
afterAll(() => series.stopAll());

const str = (x: unknown) => JSON.stringify(x);
const phaseCards = () => bots.flatMap((b) => b.fake.messagesTo(ANNOUNCE)).filter((m) => str(m.content).includes('阶段开始'));

describe('phase announcements', () => {
  it('plans the phases still ahead at start, each for 09:00 on its first working day', async () => {
    const b = await start();
    const q = b.service.deps.queues.campaign;
    const second = await q.getJob(phaseJobId('criticism', '2027-05-01'));
    const third = await q.getJob(phaseJobId('rectify', '2027-07-01'));
    expect(second?.opts.delay).toBe(instantOf('2027-05-03', '09:00', SH) - clock);
    expect(third?.opts.delay).toBe(instantOf('2027-07-01', '09:00', SH) - clock);
    expect(await q.getJob(phaseJobId('study', '2027-02-15'))).toBeUndefined();
    expect((await q.getDelayed()).filter((j) => j.name === 'phase')).toHaveLength(2);
  });

  it('on the morning, the announce chat gets the phase card once', async () => {
    const b = bots[0]!;
    clock = instantOf('2027-05-03', '09:00', SH);
    await (await b.service.deps.queues.campaign.getJob(phaseJobId('criticism', '2027-05-01')))!.promote();
    await b.until(() => phaseCards().length === 1, 10_000, 'the phase card');
    await b.idle();
    const card = phaseCards()[0]!.content;
    expect(validateCard(card)).toEqual([]);
    expect(str(card)).toContain('第二阶段开始：查摆问题、开展批评');
    expect(str(card)).toContain('提交征求意见情况报告');
    expect(str(card)).toContain('专题民主生活会');
  });

  it('a restart the same morning, and the step run again, send nothing more', async () => {
    await bots[0]!.stop();
    clock = instantOf('2027-05-03', '09:30', SH);
    const b = await start();
    await b.idle();
    expect(await announcePhase(b.service.deps.ctx, 'criticism', '2027-05-01')).toBe('announced');
    await b.idle();
    expect(phaseCards()).toHaveLength(1);
    // An announcement planned for dates the file no longer gives sends nothing.
    expect(await announcePhase(b.service.deps.ctx, 'criticism', '2027-04-20')).toBe('stale');
  });
});
