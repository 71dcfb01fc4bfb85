import { afterAll, describe, expect, it } from 'vitest';
import { endOfDay, instantOf } from '../../../src/domain/calendar.js';
import { validateCard } from '../../../cards/validate.js';
import { sendWeeklyDigest } from '../../../handlers/campaign/steps/digest.js';
import { DIGEST_SCHEDULER_ID } from '../../../jobs/campaign/queue.js';
import { restartingBots } from '../../helpers/bot.js';
import { newMaterialId } from '../../../src/domain/materials/material.js';
import { newMaterial, submitVersion } from '../../../src/domain/materials/transitions.js';

/**
 * The weekly digest (issue #12): Monday 08:30 in the campaign zone, inside the campaign, to the top leader and
 * the office, once per week and reader across restarts and repeated firings.
 */

const SH = 'Asia/Shanghai';
const READERS = ['ou_leader_wang', 'ou_admin_liu', 'ou_admin_chen'];
let clock = instantOf('2027-03-08', '08:30', SH); // a Monday inside the first phase
const series = restartingBots({ now: () => clock });
const { bots, start } = series;
afterAll(() => series.stopAll());

const str = (x: unknown) => JSON.stringify(x);
const digestsTo = (openId: string) => bots.flatMap((b) => b.fake.messagesTo(openId)).filter((m) => str(m.content).includes('每周活动情况'));

describe('the weekly digest', () => {
  it('has one scheduler, Monday 08:30 in the campaign zone, ending with the campaign', async () => {
    const b = await start();
    const s = await b.service.deps.queues.campaign.getJobScheduler(DIGEST_SCHEDULER_ID);
    expect(s).toMatchObject({ pattern: '30 8 * * 1', tz: SH });
    expect(Number(s?.endDate)).toBeGreaterThan(Date.now() + (endOfDay('2027-09-30', SH) - clock) - 60_000);
  });

  it('a firing sends the digest to the top leader and the office, once each, when it fires again and across two restarts', async () => {
    // A 对照检查材料 waiting for the top leader since before its due day, 5 March: overdue on Monday 8 March.
    const by = { by: 'ou_admin_liu', now: clock - 7 * 86_400_000 };
    const m = newMaterial({ id: newMaterialId(), kind: 'selfCheck', title: '对照检查材料乙', authors: ['ou_leader_sun'],
      chain: ['topLeader', 'supervisors'], due: '2027-03-05' }, by);
    const v = submitVersion(m, 1, { type: 'text', text: '正文' }, { ...by, by: 'ou_leader_sun' });
    if (!v.ok) throw new Error('submitVersion refused');
    await bots[0]!.service.deps.ctx.store.materials.create(v.material, { at: by.now, actor: by.by, action: 'material.create', detail: {} },
      'ou_leader_sun');
    const q = bots[0]!.service.deps.queues.campaign;
    await q.add('digest', { kind: 'digest' });
    await q.add('digest', { kind: 'digest' });
    await bots[0]!.until(() => READERS.every((r) => digestsTo(r).length === 1), 10_000, 'the digests');
    await bots[0]!.idle();
    await bots[0]!.stop();
    // Two restarts, the step run again after each: still one digest per reader this week.
    for (let restart = 0; restart < 2; restart++) {
      if (restart) await bots.at(-1)!.stop();
      clock += 3_600_000;
      const b = await start();
      expect(await sendWeeklyDigest(b.service.deps.ctx)).toBe('sent to 3');
      await b.idle();
    }
    for (const r of READERS) {
      expect(digestsTo(r)).toHaveLength(1);
      expect(validateCard(digestsTo(r)[0]!.content)).toEqual([]);
    }
    expect(digestsTo('ou_member_01')).toEqual([]);
    expect(str(digestsTo(READERS[0]!)[0]!.content)).toContain('2027年3月8日（周一）至2027年3月14日（周日）');
    expect(str(digestsTo(READERS[0]!)[0]!.content))
      .toContain('【逾期】对照检查材料：对照检查材料乙（完成时限 2027年3月5日（周五），撰写人：孙副主席）');
  });

  it('outside the campaign it sends nothing', async () => {
    clock = instantOf('2027-10-11', '08:30', SH);
    expect(await sendWeeklyDigest(bots.at(-1)!.service.deps.ctx)).toBe('outside the campaign');
  });
});
