import { describe, expect, it } from 'vitest';
import { DAY_MS, createCalendar, instantOf, localParts } from '../../../../src/domain/calendar.js';
import { pendingCandidates, planLadder, stepAt } from '../../../../src/domain/ledger/ladder.js';
import {
  RESEND_AFTER_MS, decisionPending, decisionTag, isKeepStep, keepAliveAt, keepsDone, nextOwnerCardAt, resendAt, submitRef,
} from '../../../../src/domain/ledger/resend.js';
import {
  activate, askExtension, decideExtension, logStep, newItem, submit, type ItemFields,
} from '../../../../src/domain/ledger/transitions.js';

/** Re-sending ledger cards before Lark's 14-day limit: when, and which requests are still pending. */

const TZ = 'Asia/Shanghai';
// 2027-10-01 … 10-07: the National Day week; 10-09 (a Saturday) is a make-up workday.
const cal = createCalendar({
  workdays: [1, 2, 3, 4, 5], holidays: ['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
  extraWorkdays: ['2027-10-09'], quietHours: { from: '21:00', to: '08:00' },
}, TZ);
const at = (day: string, time = '10:00') => instantOf(day, time, TZ);
const fields = (over: Partial<ItemFields> = {}): ItemFields => ({
  problem: '会议多', source: { kind: 'self' }, wind: 'formalism', goal: '', measures: '', owner: 'ou_owner', leader: 'ou_leader',
  coOwners: ['ou_co'], deadline: '2027-12-20', milestones: [], commitment: '', linkedRounds: [], ...over,
});
const ok = <T extends { ok: boolean }>(r: T) => { expect(r.ok, JSON.stringify(r)).toBe(true); return r as Extract<T, { ok: true }>; };

describe('resendAt: 13 days on, never past them, on a working moment', () => {
  it('a working day 13 days on keeps the same time', () => {
    const sent = at('2027-07-01'); // Thursday
    expect(resendAt(sent, cal)).toBe(sent + RESEND_AFTER_MS); // Wednesday 07-14 10:00
  });

  it('a weekend or a holiday week pulls it earlier, not later', () => {
    const sat = resendAt(at('2027-07-05'), cal); // +13 d = Sunday 07-18 → Friday 07-16 10:00
    expect(localParts(sat, TZ)).toMatchObject({ day: '2027-07-16', time: '10:00' });
    const holiday = resendAt(at('2027-09-21'), cal); // +13 d = 10-04, a holiday → 09-30
    expect(localParts(holiday, TZ)).toMatchObject({ day: '2027-09-30', time: '10:00' });
    // Sent in quiet hours: 13 days on is quiet too, and the next morning would be past them → that morning a day earlier.
    const night = resendAt(at('2027-07-01', '22:30'), cal);
    expect(localParts(night, TZ)).toMatchObject({ day: '2027-07-14', time: '08:00' });
    expect(night - at('2027-07-01', '22:30')).toBeLessThan(RESEND_AFTER_MS);
    expect(night - at('2027-07-01', '22:30')).toBeGreaterThan(12 * DAY_MS);
  });
});

describe('keepAliveAt: only when no ladder card comes first', () => {
  const D = '2027-12-20'; // T−7 = 12-13 09:00
  it('a long window: 13 days after the latest card; none when T−7 comes within a day of it', () => {
    const start = at('2027-07-01');
    expect(keepAliveAt(D, start, start, cal)).toBe(resendAt(start, cal));
    // 11-30 + 13 d = 12-13 10:00, T−7 at 09:00 the same day: the ladder card keeps the owners going.
    expect(keepAliveAt(D, at('2027-11-30'), at('2027-11-30'), cal)).toBeUndefined();
    // 11-28 (a Sunday) + 13 = 12-11 (a Saturday) → Friday 12-10; T−7 is 3 days later: re-sent.
    expect(keepAliveAt(D, at('2027-11-28'), at('2027-11-28'), cal)).toBeDefined();
  });

  it('a short window (deadline within 13 days): never', () => {
    expect(keepAliveAt('2027-07-10', at('2027-07-01'), at('2027-07-01'), cal)).toBeUndefined();
  });

  it('cards older than 13 days are re-sent at the next allowed moment', () => {
    const now = at('2027-08-01', '23:00'); // a Sunday night
    expect(keepAliveAt(D, at('2027-07-01'), now, cal)).toBe(cal.sendTime(now));
  });

  it('the ladder keeps overdue owners going: weekly steps come within 13 days', () => {
    const due = stepAt('due', '2027-07-20', cal);
    expect(nextOwnerCardAt('2027-07-20', due, cal)).toBe(stepAt('w1', '2027-07-20', cal));
    expect(keepAliveAt('2027-07-20', due, due, cal)).toBeUndefined();
  });

  it('a just-started plan counts: a catch-up step sent at once', () => {
    const now = at('2027-07-19');
    const plan = planLadder('2027-07-20', now, cal);
    expect(nextOwnerCardAt('2027-07-20', now, cal, plan.steps)).toBe(plan.steps[0]!.at);
  });
});

describe('generations and requests', () => {
  const b = (now = at('2027-07-01'), by = 'ou_admin') => ({ by, now });
  const item = ok(activate({ ...newItem(fields(), 'item_abcdefgh', b()), seq: 1 }, b(), cal)).item;

  it('keep-alive steps are counted per generation and cancelled with it', () => {
    expect(isKeepStep('k1') && isKeepStep('k12') && !isKeepStep('k0') && !isKeepStep('d7')).toBe(true);
    const k1 = logStep(item, item.gen, 'k1', 'x', at('2027-07-14'))!;
    const k2 = logStep(k1, item.gen, 'k2', 'x', at('2027-07-27'))!;
    expect(keepsDone(k2, item.gen)).toBe(2);
    expect(keepsDone(k2, item.gen + 1)).toBe(0);
    expect(pendingCandidates('2027-12-20', at('2027-07-27'), cal, 2)).toEqual(expect.arrayContaining(['d7', 'w1', 'k1', 'k2', 'k3']));
  });

  it('an extension decision is pending while the same request waits; a 销号 request while 待销号 since the same submit', () => {
    const asked = ok(askExtension(item, { day: '2028-01-20', reason: '需协调' }, b(at('2027-07-02'), 'ou_owner'))).item;
    const n = asked.extension!.n;
    expect(decisionPending(asked, 'ext', n)).toBe(true);
    expect(decisionPending(asked, 'ext', n + 1)).toBe(false);
    const refused = ok(decideExtension(asked, n, false, b(at('2027-07-03'), 'ou_leader'), cal)).item;
    expect(decisionPending(refused, 'ext', n)).toBe(false);

    const sub = ok(submit(refused, '完成', b(at('2027-07-04'), 'ou_owner'))).item;
    const h = submitRef(sub);
    expect(h).toBe(sub.history.length);
    expect(decisionPending(sub, 'review', h)).toBe(true);
    // Entries logged afterwards (a re-send) do not change which submit the card answers.
    expect(decisionPending(logStep(sub, sub.gen, decisionTag('review', h, 1), 'x', at('2027-07-17'))!, 'review', h)).toBe(true);
    expect(decisionPending(refused, 'review', h)).toBe(false);
    expect(decisionTag('ext', 12, 3)).toBe('x12r3');
  });
});
