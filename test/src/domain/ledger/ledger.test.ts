import { describe, expect, it } from 'vitest';
import { createCalendar, instantOf } from '../../../../src/domain/calendar.js';
import { parseItemForm, ITEM_FORM } from '../../../../src/domain/ledger/form.js';
import { nextWeekly, planLadder, stepAt, stepRecipients } from '../../../../src/domain/ledger/ladder.js';
import {
  activate, addProgress, askExtension, confirm, decideExtension, editItem, newItem, reject, reopen, setDeadline, submit, logStep,
  type ItemFields,
} from '../../../../src/domain/ledger/transitions.js';
import { flagOf, may, toBoardItem, type Caller, type LedgerAction, type LedgerItem } from '../../../../src/domain/ledger/item.js';

const TZ = 'Asia/Shanghai';
const cal = createCalendar(
  { workdays: [1, 2, 3, 4, 5], holidays: ['2027-07-15'], extraWorkdays: [], quietHours: { from: '21:00', to: '08:00' } }, TZ,
);
const at = (day: string, time = '10:00') => instantOf(day, time, TZ);
const ADMIN = 'ou_admin';
const OWNER = 'ou_owner';
const CO = 'ou_co';
const LEADER = 'ou_leader';
const TOP = 'ou_top';
const fields = (over: Partial<ItemFields> = {}): ItemFields => ({
  problem: '会议多、文件多', source: { kind: 'self' }, wind: 'formalism', goal: '精简会议', measures: '每月不超过两次', owner: OWNER, leader: LEADER,
  coOwners: [CO], deadline: '2027-07-20', milestones: [], commitment: '七月底前完成', linkedRounds: [], ...over,
});
const NOW = at('2027-07-01'); // a Thursday
const b = (by = ADMIN, now = NOW) => ({ by, now });
const ok = <T extends { ok: boolean }>(r: T) => { expect(r.ok, JSON.stringify(r)).toBe(true); return r as Extract<T, { ok: true }>; };
const draft = (over: Partial<ItemFields> = {}) => ({ ...newItem(fields(over), 'item_abcdefgh', b()), seq: 7 });
const active = (over: Partial<ItemFields> = {}) => ok(activate(draft(over), b(), cal)).item;

describe('ledger status machine', () => {
  it('草稿 → 整改中 → 待销号 → 已销号, every change in the history', () => {
    const d = draft();
    expect(d.status).toBe('draft');
    const a = ok(activate(d, b(), cal));
    expect(a.item.status).toBe('active');
    expect(a.item.gen).toBe(1);
    expect(a.plan?.steps.map((s) => s.step)).toEqual(['d7', 'd3', 'd1', 'due', 'late3', 'w1']);
    const p = ok(addProgress(a.item, { text: '已制定方案', link: 'https://x.test/doc' }, b(OWNER)));
    expect(p.item.evidence).toEqual(['https://x.test/doc']);
    const s = ok(submit(p.item, '已完成', b(OWNER)));
    expect(s.item).toMatchObject({ status: 'review', gen: 2, summary: '已完成' });
    expect(s.cancel).toEqual({ gen: 1, deadline: '2027-07-20' });
    const c = ok(confirm(s.item, '同意销号', b(LEADER)));
    expect(c.item.status).toBe('closed');
    expect(c.item.history.map((h) => h.what)).toEqual(['create', 'activate', 'ladder', 'progress', 'submit', 'close']);
    expect(c.item.history.find((h) => h.what === 'submit')).toMatchObject({ from: 'active', to: 'review', by: OWNER });
  });

  it('refuses illegal transitions and a start without a deadline', () => {
    expect(activate(draft({ deadline: undefined }), b(), cal)).toEqual({ ok: false, reason: 'noDeadline' });
    expect(submit(draft(), undefined, b(OWNER))).toEqual({ ok: false, reason: 'wrongStatus' });
    expect(confirm(active(), undefined, b(LEADER))).toEqual({ ok: false, reason: 'wrongStatus' });
    expect(reject(active(), 'x', b(LEADER), cal)).toEqual({ ok: false, reason: 'wrongStatus' });
    expect(activate(active(), b(), cal)).toEqual({ ok: false, reason: 'wrongStatus' });
    expect(reopen(draft(), 'x', b())).toEqual({ ok: false, reason: 'wrongStatus' });
    const closed = ok(confirm(ok(submit(active(), undefined, b(OWNER))).item, undefined, b(LEADER))).item;
    expect(editItem(closed, fields(), b(), cal)).toEqual({ ok: false, reason: 'wrongStatus' });
    expect(setDeadline(closed, '2027-08-01', b(), cal)).toEqual({ ok: false, reason: 'wrongStatus' });
  });

  it('驳回 returns to 整改中 with the reason and restarts the ladder', () => {
    const r = ok(reject(ok(submit(active(), undefined, b(OWNER))).item, '佐证不足', b(LEADER), cal));
    expect(r.item).toMatchObject({ status: 'active', gen: 3 });
    expect(r.item.history.find((h) => h.what === 'reject')).toMatchObject({ from: 'review', to: 'active', note: '佐证不足' });
    expect(r.plan).toBeDefined();
    expect(r.cancel).toBeUndefined();
  });

  it('reopening flags "needs a new deadline", cancels the ladder, and setting one restarts it', () => {
    const a = active();
    const r = ok(reopen(a, '回头看：群众不满意', b()));
    expect(r.item).toMatchObject({ status: 'active', needsDeadline: true, gen: 2 });
    expect(r.cancel).toEqual({ gen: 1, deadline: '2027-07-20' });
    expect(r.plan).toBeUndefined();
    expect(submit(r.item, undefined, b(OWNER))).toEqual({ ok: false, reason: 'needsDeadline' });
    const d = ok(setDeadline(r.item, '2027-08-31', b(), cal));
    expect(d.item).toMatchObject({ needsDeadline: false, deadline: '2027-08-31', gen: 3 });
    expect(d.cancel).toBeUndefined();
    expect(d.plan?.steps[0]?.step).toBe('d7');
    const closed = ok(confirm(ok(submit(active(), undefined, b(OWNER))).item, undefined, b(LEADER))).item;
    expect(ok(reopen(closed, '满意度未达标', b())).item).toMatchObject({ status: 'active', needsDeadline: true });
  });

  it('extensions: later dates only, stale decisions refused, approval moves the deadline', () => {
    const a = active();
    expect(askExtension(a, { day: '2027-07-19', reason: 'x' }, b(OWNER))).toEqual({ ok: false, reason: 'notLater' });
    const x = ok(askExtension(a, { day: '2027-08-10', reason: '需协调经费' }, b(OWNER)));
    const n = x.item.extension!.n;
    expect(decideExtension(x.item, n + 1, true, b(LEADER), cal)).toEqual({ ok: false, reason: 'staleRequest' });
    const yes = ok(decideExtension(x.item, n, true, b(LEADER), cal));
    expect(yes.item).toMatchObject({ deadline: '2027-08-10', gen: 2 });
    expect(yes.item.extension).toBeUndefined();
    expect(yes.cancel).toEqual({ gen: 1, deadline: '2027-07-20' });
    const no = ok(decideExtension(x.item, n, false, b(LEADER), cal));
    expect(no.item).toMatchObject({ deadline: '2027-07-20', gen: 1 });
    expect(decideExtension(no.item, n, true, b(LEADER), cal)).toEqual({ ok: false, reason: 'noPending' });
  });

  it('logs a ladder step once per generation', () => {
    const a = active();
    const once = logStep(a, 1, 'd3', '张三', NOW)!;
    expect(once.history.at(-1)).toMatchObject({ what: 'step', gen: 1, step: 'd3', by: 'system' });
    expect(logStep(once, 1, 'd3', '张三', NOW)).toBeUndefined();
    expect(logStep(once, 2, 'd3', '张三', NOW)).toBeDefined();
  });
});

describe('ledger flags and the board view', () => {
  it('即将到期 within 3 days, 逾期 after the end of the deadline day', () => {
    const a = active();
    expect(flagOf(a, at('2027-07-16'), TZ)).toBeUndefined();
    expect(flagOf(a, at('2027-07-17'), TZ)).toBe('dueSoon');
    expect(flagOf(a, at('2027-07-20', '23:59'), TZ)).toBe('dueSoon');
    expect(flagOf(a, at('2027-07-21', '00:00'), TZ)).toBe('overdue');
    expect(flagOf(draft(), at('2027-08-01'), TZ)).toBeUndefined();
  });

  it('toBoardItem: display names, deadline day, status and flag', () => {
    const names: Record<string, string> = { [OWNER]: '李明', [LEADER]: '赵副主席' };
    expect(toBoardItem(active(), (id) => names[id] ?? id, at('2027-07-25'), TZ)).toEqual({
      id: 'item_abcdefgh', seq: 7, problem: '会议多、文件多', commitment: '七月底前完成', owner: '李明', leader: '赵副主席', deadline: '2027-07-20',
      status: 'active', flag: 'overdue',
    });
    const reopened = ok(reopen(active(), 'x', b())).item;
    expect(toBoardItem(reopened, (id) => id, NOW, TZ).flag).toBe('needsDeadline');
  });
});

describe('who may do what (server-side matrix)', () => {
  const roles = (openId: string, ...r: Caller['roles'][number][]): Caller => ({ openId, roles: [...r, 'anyone'] });
  const admin = roles(ADMIN, 'admin');
  const owner = roles(OWNER, 'member');
  const co = roles(CO, 'member');
  const leader = roles(LEADER, 'leader');
  const top = roles(TOP, 'topLeader', 'leader');
  const supervisor = roles('ou_sup', 'supervisor');
  const stranger = roles('ou_x', 'member');
  const ALL: LedgerAction[] = [
    'view', 'edit', 'activate', 'setDeadline', 'reopen', 'progress', 'askExtension', 'submit', 'decideExtension', 'confirm', 'reject',
  ];
  const allowed = (c: Caller, item: LedgerItem) => ALL.filter((a) => may(a, c, item));

  it('an active item: owners report, admins administer, supervisors and strangers change nothing', () => {
    const item = ok(askExtension(active(), { day: '2027-08-01', reason: 'r' }, b(OWNER))).item;
    expect(allowed(owner, item)).toEqual(['view', 'progress', 'askExtension', 'submit']);
    expect(allowed(co, item)).toEqual(['view', 'progress', 'askExtension', 'submit']);
    expect(allowed(leader, item)).toEqual(['view', 'decideExtension']);
    expect(allowed(admin, item)).toEqual(['view', 'edit', 'setDeadline', 'reopen']);
    expect(allowed(supervisor, item)).toEqual(['view']);
    expect(allowed(stranger, item)).toEqual([]);
    expect(may('create', admin)).toBe(true);
    expect(may('create', supervisor)).toBe(false);
  });

  it('销号 is confirmed by someone other than the owner; when the owner is the leader, an admin or the top leader', () => {
    const review = ok(submit(active(), undefined, b(OWNER))).item;
    expect(may('confirm', leader, review)).toBe(true);
    expect(may('confirm', admin, review)).toBe(false);
    expect(may('confirm', owner, review)).toBe(false);
    const selfLed = ok(submit(active({ owner: LEADER, coOwners: [] }), undefined, b(LEADER))).item;
    expect(may('confirm', leader, selfLed)).toBe(false);
    expect(may('reject', admin, selfLed)).toBe(true);
    expect(may('confirm', top, selfLed)).toBe(true);
    const adminOwner = { ...selfLed, owner: ADMIN, leader: ADMIN };
    expect(may('confirm', admin, adminOwner)).toBe(false);
  });
});

describe('deadline ladder', () => {
  it('nominal steps: 09:00 before, the working morning after the deadline day, holidays and weekends skipped', () => {
    const plan = planLadder('2027-07-20', NOW, cal);
    const when = Object.fromEntries(plan.steps.map((s) => [s.step, s.at]));
    expect(when.d7).toBe(at('2027-07-13', '09:00'));
    expect(when.d3).toBe(at('2027-07-19', '08:00')); // 07-17 is a Saturday: Monday's working morning
    expect(plan.skipped).toEqual([]);
    expect(when.d1).toBe(at('2027-07-19', '09:00'));
    expect(when.due).toBe(at('2027-07-21', '08:00'));
    expect(when.late3).toBe(at('2027-07-26', '08:00')); // 07-24 is a Saturday: Monday's working morning
    expect(when.w1).toBe(at('2027-08-02', '08:00')); // 07-31 is a Saturday too
  });

  it('steps already past are skipped, except the latest, which goes at once (or the next working morning)', () => {
    const now = at('2027-07-19', '12:00'); // Monday noon, after d1's 09:00
    const plan = planLadder('2027-07-20', now, cal);
    expect(plan.skipped).toEqual(['d7', 'd3']);
    expect(plan.steps.map((s) => [s.step, s.catchUp ?? false])).toEqual([['d1', true], ['due', false], ['late3', false], ['w1', false]]);
    expect(plan.steps[0]!.at).toBe(now);
    const night = planLadder('2027-07-20', at('2027-07-19', '22:00'), cal);
    expect(night.steps[0]).toMatchObject({ step: 'd1', at: at('2027-07-20', '08:00') });
  });

  it('an overdue ladder restarted weeks later: one catch-up, then the next weekly step; weekly continues', () => {
    const now = at('2027-08-20', '10:00');
    const plan = planLadder('2027-07-20', now, cal);
    expect(plan.steps.map((s) => s.step)).toEqual(['w3', 'w4']);
    expect(plan.skipped).toEqual(['d7', 'd3', 'd1', 'due', 'late3', 'w1', 'w2']);
    expect(nextWeekly('w4', '2027-07-20', cal)).toEqual({ step: 'w5', at: stepAt('w5', '2027-07-20', cal) });
    expect(nextWeekly('d1', '2027-07-20', cal)).toBeUndefined();
  });

  it('a holiday on the step day waits for the next working morning', () => {
    // 07-15 (Thursday) is a holiday: d3 of a 07-18 deadline (Sunday) is on 07-15 → Friday 07-16 08:00.
    expect(stepAt('d3', '2027-07-18', cal)).toBe(at('2027-07-16', '08:00'));
  });

  it('recipients: owners before T; owners and the leader at T and weekly; the top leader at T+3', () => {
    const item = { owner: OWNER, coOwners: [CO], leader: LEADER };
    expect(stepRecipients('d3', item, TOP).map((r) => r.openId)).toEqual([OWNER, CO]);
    expect(stepRecipients('due', item, TOP).map((r) => r.openId)).toEqual([OWNER, CO, LEADER]);
    expect(stepRecipients('late3', item, TOP).map((r) => r.openId)).toEqual([TOP]);
    expect(stepRecipients('w2', { ...item, leader: OWNER }, TOP).map((r) => r.openId)).toEqual([OWNER, CO]);
  });
});

describe('item form', () => {
  const people = new Set([OWNER, CO, LEADER, ADMIN]);
  const F = ITEM_FORM;
  const fv = (over: Record<string, unknown> = {}) => ({
    [F.problem]: ' 问题 ', [F.source]: 'self', [F.wind]: 'hedonism', [F.owner]: OWNER, [F.leader]: LEADER,
    [F.coOwners]: [CO], [F.deadline]: '2027-07-20 +0800', [F.milestones]: '2027-07-10 方案\n2027-07-15 落实', [F.commitment]: '承诺', ...over,
  });

  it('parses a good form and refuses unknown people, past days, bad milestones and an opinion source picked by hand', () => {
    const r = parseItemForm(fv(), { people, rounds: new Set(), today: '2027-07-01' });
    expect(r).toMatchObject({
      ok: true,
      value: { problem: '问题', deadline: '2027-07-20', milestones: [{ day: '2027-07-10', name: '方案' }, { day: '2027-07-15', name: '落实' }] },
    });
    const bad = parseItemForm(fv({
      [F.owner]: 'ou_stranger', [F.deadline]: '2027-06-01 +0800', [F.milestones]: '明天', [F.source]: 'opinion', [F.coOwners]: ['ou_nobody'],
    }), { people, rounds: new Set(), today: '2027-07-01' });
    expect(bad).toEqual({ ok: false, errors: ['source', 'owner', 'coOwners', 'deadline', 'milestones'] });
    expect(parseItemForm(fv({ [F.problem]: '长'.repeat(1001) }), { people, rounds: new Set(), today: '2027-07-01' }))
      .toEqual({ ok: false, errors: ['problem'] });
  });
});

describe('review fixes: deciders, lapsed extensions, edit history', () => {
  const caller = (openId: string, roles: Caller['roles']): Caller => ({ openId, roles });

  it('a responsible leader who is also a co-owner does not decide: an admin or the top leader does', () => {
    const item = ok(submit(active({ coOwners: [LEADER] }), undefined, b(OWNER))).item;
    expect(may('confirm', caller(LEADER, ['leader', 'anyone']), item)).toBe(false);
    expect(may('confirm', caller(ADMIN, ['admin', 'anyone']), item)).toBe(true);
    expect(may('confirm', caller(TOP, ['topLeader', 'leader', 'anyone']), item)).toBe(true);
    expect(may('confirm', caller(OWNER, ['admin', 'anyone']), item)).toBe(false);
  });

  it('an admin moving the deadline lets a pending extension lapse; an approval never pulls the deadline earlier', () => {
    const asked = ok(askExtension(active(), { day: '2027-07-25', reason: '经费' }, b(OWNER))).item;
    const moved = ok(setDeadline(asked, '2027-08-31', b(), cal)).item;
    expect(moved.extension).toBeUndefined();
    expect(decideExtension(moved, asked.extension!.n, true, b(LEADER), cal)).toEqual({ ok: false, reason: 'noPending' });
    // A request that the deadline has overtaken (set directly, as stored data could hold it): refused, nothing moves.
    const stale = { ...moved, extension: asked.extension };
    expect(decideExtension(stale, asked.extension!.n, true, b(LEADER), cal)).toEqual({ ok: false, reason: 'notLater' });
  });

  it('an edit keeps what it overwrote in the history', () => {
    const edited = ok(editItem(active(), fields({ leader: TOP, commitment: '八月前完成' }), b(), cal)).item;
    const note = edited.history.at(-1)!.note!;
    expect(note).toContain(`leader: ${LEADER} → ${TOP}`);
    expect(note).toContain('commitment: 七月底前完成 → 八月前完成');
    expect(note).not.toContain('problem');
  });
});
