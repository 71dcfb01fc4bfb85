import { describe, expect, it } from 'vitest';
import { attachableRounds, LINK_FORM, linkRecordOf, NO_LEADER, NO_ROUND, parseExtendForm, parseLinkForm, validUntilOf,
} from '../../../../src/domain/outreach/form.js';
import { CAP_DEFAULT, CAP_MAX, linkSchema } from '../../../../src/domain/outreach/link.js';
import { mayManage, mayUseLinks, visibleLinks } from '../../../../src/domain/outreach/manage.js';
import { DEFAULT_GROUP } from '../../../../src/domain/evaluations/round.js';

const TZ = 'Asia/Shanghai';
// Tuesday 2 March 2027, 10:00 in Shanghai.
const NOW = Date.parse('2027-03-02T10:00:00+08:00');
const END_OF = (day: string) => Date.parse(`${day}T00:00:00+08:00`) + 86_400_000 - 1;
const groups = [{ key: 'team', name: '班子成员' }, { key: 'cadres', name: '机关干部' }, { key: DEFAULT_GROUP, name: '其他' }];
const rounds = [
  { id: 'roundSat01', kind: 'satisfaction' as const, status: 'open' as const, paper: false, groups, title: '满意度测评' },
  { id: 'roundOut01', kind: 'outreach' as const, status: 'draft' as const, paper: false, title: '走进职工',
    groups: [{ key: DEFAULT_GROUP, name: '参与职工' }] },
];
const admin = { openId: 'ou_admin', admin: true };
const opts = { now: NOW, timeZone: TZ, rounds, leaders: ['ou_leader_a', 'ou_leader_b'], operator: admin };
const good = {
  [LINK_FORM.contact]: '  某某公司工会联系点 ', [LINK_FORM.source]: 'enterprise', [LINK_FORM.day]: '2027-03-05 +0800',
  [LINK_FORM.until]: '2027-03-31 +0800', [LINK_FORM.round]: NO_ROUND, [LINK_FORM.group]: DEFAULT_GROUP, [LINK_FORM.cap]: '',
  [LINK_FORM.leader]: NO_LEADER,
};
const errorsOf = (over: Record<string, unknown>, o = opts) => {
  const r = parseLinkForm({ ...good, ...over }, o);
  return r.ok ? [] : r.errors;
};

describe('the new link form', () => {
  it('takes a valid form: cleaned contact, the day, the end of the last valid day in the campaign zone, the default cap', () => {
    const r = parseLinkForm(good, opts);
    expect(r).toEqual({ ok: true, value: {
      contact: '某某公司工会联系点', source: 'enterprise', day: '2027-03-05', validUntil: END_OF('2027-03-31'), group: DEFAULT_GROUP,
      cap: CAP_DEFAULT,
    } });
  });

  it('refuses an empty or too long contact, an unknown source, a missing day', () => {
    expect(errorsOf({ [LINK_FORM.contact]: '   ' })).toEqual(['contact']);
    expect(errorsOf({ [LINK_FORM.contact]: '长'.repeat(61) })).toEqual(['contact']);
    expect(errorsOf({ [LINK_FORM.contact]: 42 })).toEqual(['contact']);
    expect(errorsOf({ [LINK_FORM.source]: 'nope' })).toEqual(['source']);
    expect(errorsOf({ [LINK_FORM.day]: '2027-02-30' })).toEqual(['day']);
  });

  it('valid until: after now, at most 180 days ahead; today counts to its end', () => {
    expect(errorsOf({ [LINK_FORM.until]: '2027-03-01 +0800' })).toEqual(['until']);
    expect(validUntilOf('2027-03-02', NOW, TZ)).toBe(END_OF('2027-03-02'));
    expect(validUntilOf('2027-08-29', NOW, TZ)).toBe(END_OF('2027-08-29'));
    expect(validUntilOf('2027-08-30', NOW, TZ)).toBeUndefined();
    expect(validUntilOf(undefined, NOW, TZ)).toBeUndefined();
  });

  it('cap: 1 to CAP_MAX, full-width digits read as digits', () => {
    expect(errorsOf({ [LINK_FORM.cap]: '0' })).toEqual(['cap']);
    expect(errorsOf({ [LINK_FORM.cap]: String(CAP_MAX + 1) })).toEqual(['cap']);
    expect(errorsOf({ [LINK_FORM.cap]: '1.5' })).toEqual(['cap']);
    const r = parseLinkForm({ ...good, [LINK_FORM.cap]: '３０' }, opts);
    expect(r.ok && r.value.cap).toBe(30);
  });

  it('the rater group: a satisfaction round\'s own group; an outreach round or none forces 其他', () => {
    const sat = parseLinkForm({ ...good, [LINK_FORM.round]: 'roundSat01', [LINK_FORM.group]: 'cadres' }, opts);
    expect(sat.ok && [sat.value.roundId, sat.value.group]).toEqual(['roundSat01', 'cadres']);
    expect(errorsOf({ [LINK_FORM.round]: 'roundSat01', [LINK_FORM.group]: 'retirees' })).toEqual(['group']);
    const out = parseLinkForm({ ...good, [LINK_FORM.round]: 'roundOut01', [LINK_FORM.group]: 'cadres' }, opts);
    expect(out.ok && out.value.group).toBe(DEFAULT_GROUP);
    const none = parseLinkForm({ ...good, [LINK_FORM.group]: 'cadres' }, opts);
    expect(none.ok && none.value.group).toBe(DEFAULT_GROUP);
    expect(errorsOf({ [LINK_FORM.round]: 'roundGone1' })).toEqual(['round']);
  });

  it('the leader: an admin names one of the leaders or none; a leader\'s link is always theirs', () => {
    const named = parseLinkForm({ ...good, [LINK_FORM.leader]: 'ou_leader_b' }, opts);
    expect(named.ok && named.value.leader).toBe('ou_leader_b');
    expect(errorsOf({ [LINK_FORM.leader]: 'ou_stranger' })).toEqual(['leader']);
    const leader = { ...opts, operator: { openId: 'ou_leader_a', admin: false } };
    const own = parseLinkForm({ ...good, [LINK_FORM.leader]: 'ou_leader_b' }, leader);
    expect(own.ok && own.value.leader).toBe('ou_leader_a');
  });

  it('a form value that is no object refuses every required field, and never throws', () => {
    for (const v of [null, 'x', [1], 7]) {
      const r = parseLinkForm(v, opts);
      expect(r.ok).toBe(false);
      expect(r.ok ? [] : r.errors).toEqual(['contact', 'source', 'day', 'until']);
    }
  });

  it('makes a record the store\'s schema accepts', () => {
    const fv = { ...good, [LINK_FORM.round]: 'roundSat01', [LINK_FORM.group]: 'team', [LINK_FORM.leader]: 'ou_leader_a' };
    const r = parseLinkForm(fv, opts);
    if (!r.ok) throw new Error('form refused');
    const record = linkRecordOf(r.value, { id: 'abcdefghijkl', token: 'A'.repeat(43), createdBy: 'ou_admin', now: NOW });
    expect(linkSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({ roundId: 'roundSat01', group: 'team', leader: 'ou_leader_a' });
  });
});

describe('the extend form and the rounds a link may take', () => {
  it('extend: a day after now, within 180 days', () => {
    expect(parseExtendForm({ ol_x_until: '2027-04-30 +0800' }, { now: NOW, timeZone: TZ }))
      .toEqual({ ok: true, validUntil: END_OF('2027-04-30') });
    expect(parseExtendForm({ ol_x_until: '2027-03-01' }, { now: NOW, timeZone: TZ })).toEqual({ ok: false, error: 'until' });
    expect(parseExtendForm({}, { now: NOW, timeZone: TZ })).toEqual({ ok: false, error: 'until' });
  });

  it('outreach and satisfaction rounds, draft or open, never paper, never closed, never 民主测评', () => {
    const all = [
      ...rounds, { ...rounds[0]!, id: 'closed', status: 'closed' as const }, { ...rounds[0]!, id: 'paper', paper: true },
      { ...rounds[0]!, id: 'demo', kind: 'democratic' as const },
    ];
    expect(attachableRounds(all).map((r) => r.id)).toEqual(['roundSat01', 'roundOut01']);
  });
});

describe('who manages links', () => {
  const links = [{ id: 'a', leader: 'ou_l1' }, { id: 'b', leader: 'ou_l2' }, { id: 'c' }];
  it('the office every link, a leader their own visits, anyone else none', () => {
    expect(visibleLinks(links, 'ou_x', ['admin', 'anyone']).map((l) => l.id)).toEqual(['a', 'b', 'c']);
    expect(visibleLinks(links, 'ou_l1', ['leader', 'anyone']).map((l) => l.id)).toEqual(['a']);
    expect(visibleLinks(links, 'ou_l1', ['member', 'anyone'])).toEqual([]);
    expect(mayManage({ leader: 'ou_l1' }, 'ou_l1', ['anyone'])).toBe(false);
    expect(mayUseLinks(['leader', 'anyone'])).toBe(true);
    expect(mayUseLinks(['supervisor', 'member', 'anyone'])).toBe(false);
  });
});
