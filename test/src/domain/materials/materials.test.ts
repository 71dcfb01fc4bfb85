import { describe, expect, it } from 'vitest';
import { chainFor, canSee, stepStates, type Material } from '../../../../src/domain/materials/material.js';
import {
  addComment, editMaterial, newMaterial, pass, returnForRevision, submitVersion,
} from '../../../../src/domain/materials/transitions.js';
import { docLink, parseVersionForm, VERSION_FORM } from '../../../../src/domain/materials/form.js';
import { materialsConfig, materialsConfigSchema } from '../../../../src/domain/materials/kinds.js';
import { afterWorkingDays, planAuthorReminders } from '../../../../src/domain/materials/reminders.js';
import { createCalendar, instantOf, localParts } from '../../../../src/domain/calendar.js';

const TOP = 'ou_top';
const SUP = ['ou_sup1', 'ou_sup2'];
const P = { topLeader: TOP, supervisors: SUP };
const AUTHOR = 'ou_leader_a';
let now = 1_000;
const by = (who: string) => ({ by: who, now: ++now });
const text = (s: string) => ({ type: 'text' as const, text: s });

function fresh(chain = chainFor(['topLeader', 'supervisors'], [AUTHOR], P)): Material {
  return newMaterial({ id: 'material01', kind: 'selfCheck', title: '对照检查材料', authors: [AUTHOR], chain, due: '2027-06-10' }, by('ou_admin'));
}
function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return r as Extract<T, { ok: true }>;
}

describe('the chain rule', () => {
  it('v1, v2 returned by the top leader; v3 passed by them, returned by the 督导组; v4 passed by both: accepted only then', () => {
    let m = fresh();
    m = ok(submitVersion(m, 1, text('一稿'), by(AUTHOR))).material;
    expect([m.state, m.at]).toEqual(['inReview', 0]);
    m = ok(returnForRevision(m, 1, 0, '不够深刻', by(TOP), P)).material;
    expect([m.state, m.returnedAt]).toEqual(['returned', 0]);
    m = ok(submitVersion(m, 2, text('二稿'), by(AUTHOR))).material;
    m = ok(returnForRevision(m, 2, 0, '再改', by(TOP), P)).material;
    m = ok(submitVersion(m, 3, text('三稿'), by(AUTHOR))).material;
    expect(m.at).toBe(0);
    m = ok(pass(m, 3, 0, by(TOP), P)).material;
    expect([m.state, m.at]).toEqual(['inReview', 1]);
    m = ok(returnForRevision(m, 3, 1, '责令其认真修改', by(SUP[1]!), P)).material;
    m = ok(submitVersion(m, 4, text('四稿'), by(AUTHOR))).material;
    // The chain restarts at the step that returned it: the 督导组.
    expect([m.state, m.at]).toEqual(['inReview', 1]);
    m = ok(pass(m, 4, 1, by(SUP[0]!), P)).material;
    // The top leader passed v3, not v4: it goes back to them (wrapping), not accepted.
    expect([m.state, m.at]).toEqual(['inReview', 0]);
    expect(stepStates(m)).toEqual(['current', 'passed']);
    m = ok(pass(m, 4, 0, by(TOP), P)).material;
    expect(m.state).toBe('accepted');
    expect(m.passed).toEqual([4, 4]);
    expect(m.history.map((h) => h.what)).toEqual([
      'create', 'version', 'return', 'version', 'return', 'version', 'pass', 'return', 'version', 'pass', 'pass', 'accept',
    ]);
  });

  it('a stale card (an older version or another step), the wrong reviewer, or an accepted material change nothing', () => {
    let m = ok(submitVersion(fresh(), 1, text('一稿'), by(AUTHOR))).material;
    expect(pass(m, 1, 1, by(SUP[0]!), P)).toEqual({ ok: false, reason: 'stale' });
    expect(pass(m, 1, 0, by(SUP[0]!), P)).toEqual({ ok: false, reason: 'notReviewer' });
    expect(submitVersion(m, 2, text('x'), by(AUTHOR))).toEqual({ ok: false, reason: 'wrongState' });
    m = ok(returnForRevision(m, 1, 0, '改', by(TOP), P)).material;
    expect(submitVersion(m, 1, text('x'), by(AUTHOR))).toEqual({ ok: false, reason: 'stale' });
    m = ok(submitVersion(m, 2, text('二稿'), by(AUTHOR))).material;
    expect(pass(m, 1, 0, by(TOP), P)).toEqual({ ok: false, reason: 'stale' });
    m = ok(pass(m, 2, 0, by(TOP), P)).material;
    m = ok(pass(m, 2, 1, by(SUP[1]!), P)).material;
    expect(m.state).toBe('accepted');
    expect(pass(m, 2, 1, by(SUP[1]!), P)).toEqual({ ok: false, reason: 'accepted' });
    const edit = editMaterial(m, { due: '2027-07-01', authors: [AUTHOR], title: 't' }, by('ou_admin'));
    expect(edit).toEqual({ ok: false, reason: 'accepted' });
    expect(ok(addComment(m, '好', by(SUP[0]!))).material.history.at(-1)!.what).toBe('comment');
  });

  it('the top leader’s own 对照检查材料 goes straight to the 督导组; a step whose person is the author is dropped', () => {
    expect(chainFor(['topLeader', 'supervisors'], [TOP], P)).toEqual(['supervisors']);
    expect(chainFor([{ person: 'ou_x' }, 'supervisors'], ['ou_x'], P)).toEqual(['supervisors']);
    let m = ok(submitVersion(fresh(['supervisors']), 1, text('一稿'), by(TOP))).material;
    expect(m.at).toBe(0);
    m = ok(pass(m, 1, 0, by(SUP[0]!), P)).material;
    expect(m.state).toBe('accepted');
  });

  it('a moved due day starts a new reminder generation', () => {
    const m = ok(editMaterial(fresh(), { due: '2027-06-20', authors: [AUTHOR, 'ou_b'], title: '新' }, by('ou_admin'))).material;
    expect([m.gen, m.due, m.authors]).toEqual([1, '2027-06-20', [AUTHOR, 'ou_b']]);
  });
});

describe('who sees a material', () => {
  const roles = (r: string[]) => r as never;
  it('authors, readers of all, and a reviewer once a version reached their step; not another leader', () => {
    let m = fresh([{ person: 'ou_reviewer' }, 'supervisors']);
    const v = (openId: string, r: string[] = ['leader', 'anyone']) => canSee(m, { openId, roles: roles(r) }, P);
    expect(v(AUTHOR)).toBe(true);
    expect(v('ou_other_leader')).toBe(false);
    expect(v('ou_reviewer')).toBe(false);
    expect(v('ou_admin', ['admin'])).toBe(true);
    expect(v(TOP, ['topLeader', 'leader'])).toBe(true);
    expect(v(SUP[0]!, ['supervisor'])).toBe(true);
    m = ok(submitVersion(m, 1, text('一稿'), by(AUTHOR))).material;
    expect(v('ou_reviewer')).toBe(true);
  });
});

describe('forms and configuration', () => {
  const D = ['feishu.cn', 'larksuite.com'];
  it('a link must be https on one of the document domains (equal or a subdomain)', () => {
    expect(docLink('https://abc.feishu.cn/docx/x', D)).toBe('https://abc.feishu.cn/docx/x');
    expect(docLink('https://feishu.cn/docx/x', D)).toBe('https://feishu.cn/docx/x');
    for (const bad of ['http://abc.feishu.cn/docx/x', 'https://evilfeishu.cn/x', 'https://feishu.cn.evil.com/x', 'javascript:alert(1)',
      'https://user:pw@feishu.cn/x', 'https://a.feishu.cn:8443/x', 'not a link']) {
      expect(docLink(bad, D), bad).toBeUndefined();
    }
    expect(parseVersionForm({ [VERSION_FORM.link]: 'https://x.evil.com' }, D)).toEqual({ ok: false, error: 'badLink' });
    expect(parseVersionForm({}, D)).toEqual({ ok: false, error: 'empty' });
    const both = { [VERSION_FORM.link]: 'https://a.feishu.cn/d', [VERSION_FORM.text]: 'x' };
    expect(parseVersionForm(both, D)).toEqual({ ok: false, error: 'both' });
    expect(parseVersionForm({ [VERSION_FORM.text]: '长'.repeat(1001) }, D)).toEqual({ ok: false, error: 'tooLong' });
  });

  it('the campaign file’s kinds replace the defaults of the same key; the others stay', () => {
    const cfg = materialsConfig(materialsConfigSchema.parse({
      kinds: [{ key: 'plan', name: '实施方案', author: 'office', chain: ['supervisors'], due: '2027-03-01' }],
    }));
    expect(cfg.docDomains).toEqual(D);
    expect(cfg.kinds.find((k) => k.key === 'plan')!.chain).toEqual(['supervisors']);
    expect(cfg.kinds.find((k) => k.key === 'selfCheck')!.author).toBe('eachLeader');
    expect(cfg.kinds).toHaveLength(9);
    expect(materialsConfigSchema.safeParse({ kinds: [{ key: 'nope', name: 'x', author: 'office', chain: [] }] }).success).toBe(false);
  });
});

describe('reminder times', () => {
  const cal = createCalendar({ workdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [], quietHours: { from: '21:00', to: '08:00' } },
    'Asia/Shanghai');
  it('T−3 and T−1 at 09:00 (moved off weekends), overdue the next working morning', () => {
    const steps = planAuthorReminders('2027-06-10', instantOf('2027-06-01', '10:00', 'Asia/Shanghai'), cal);
    const at = steps.map((s) => [s.step, localParts(s.at, 'Asia/Shanghai').day, localParts(s.at, 'Asia/Shanghai').time]);
    // 2027-06-07 is a Monday, 06-09 a Wednesday, 06-11 a Friday.
    expect(at).toEqual([['d3', '2027-06-07', '09:00'], ['d1', '2027-06-09', '09:00'], ['due', '2027-06-11', '08:00']]);
  });
  it('two working days of holding skip the weekend', () => {
    const fri = instantOf('2027-06-11', '15:00', 'Asia/Shanghai');
    expect(localParts(afterWorkingDays(fri, 2, cal), 'Asia/Shanghai')).toMatchObject({ day: '2027-06-15', time: '15:00' });
  });
});
