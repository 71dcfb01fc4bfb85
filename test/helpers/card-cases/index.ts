import {
  button, card, chart, collapsible, columns, datePicker, div, form, formButton, hr, input, linkButton, md, multiSelect,
  noteText, resetButton, select, table,
} from '../../../cards/components.js';
import { helpCard } from '../../../cards/help.js';
import { unknownCommandCard } from '../../../cards/hint.js';
import { unreachableReportCard, type UnreachablePerson } from '../../../cards/notice.js';
import { opinionReportCard } from '../../../cards/opinions/report.js';
import { opinionFormCard, opinionReceiptCard, opinionStatusCard } from '../../../cards/opinions/opinion.js';
import { rolesCard } from '../../../cards/roles.js';
import { forwardedOpinionCard, triageItemCard, triageListCard } from '../../../cards/opinions/triage.js';
import { topFeedbackCard } from '../../../cards/opinions/feedback.js';
import type { Card } from '../../../cards/types.js';
import { welcomeCard } from '../../../cards/welcome.js';
import { EVALUATION_CASES } from './evaluations.js';
import { LEDGER_CASES } from './ledger.js';
import { LOOKBACK_CASES } from './lookback.js';
import { RULES_CASES } from './rules.js';
import { MATERIAL_CASES } from './materials.js';
import { MEETING_CASES } from './meetings.js';
import { TALK_CASES } from './talks.js';
import { STUDY_CASES } from './study.js';
import { BOARD_CASES } from './board.js';
import { CAMPAIGN_CASES } from './campaign.js';
import { OUTREACH_CASES } from './outreach.js';
import { commandsFor, type Role } from '../../../src/domain/commands.js';
import { targetOptions } from '../../../src/domain/opinions/opinion.js';
import type { OpinionReport } from '../../../src/reports/opinion-report.js';
import type { Opinion } from '../../../src/store/opinions.js';

/** Text a hostile user could type anywhere a card shows user text. */
export const HOSTILE = ['<script>alert(1)</script>', '<at id=all></at>', '[x](javascript:alert(1))',
  '**b** `c` ~~s~~ &amp; &#60;b&#62; \u202Eevil', 'line1\nline2\n\n\nline3', '长'.repeat(990)];
const H = HOSTILE.join(' ');
const hostile = (i: number) => HOSTILE[i % HOSTILE.length];

const targets = targetOptions([{ name: '王主席<script>', title: '常务主席' }, { name: '[x](javascript:alert(1))', title: '<at id=all></at>' }]);
const ROLE_SETS: Role[][] = [
  ['anyone'], ['member', 'anyone'], ['admin', 'anyone'], ['supervisor', 'leader', 'anyone'],
  ['admin', 'topLeader', 'leader', 'supervisor', 'member', 'anyone'],
];

function opinion(i: number, over: Partial<Opinion> = {}): Opinion {
  return {
    id: `op_${String(i).padStart(8, '0')}`, category: i % 2 ? 'formalism' : 'unknown-cat', target: i % 3 ? 'team' : 'leader-1',
    source: 'cadres', text: `${hostile(i)} ${H.slice(0, 200)}`, anonymous: i % 2 === 0, day: '2027-03-01', week: '2027-W09',
    status: i % 4 ? 'received' : 'adopted', tags: i % 2 ? ['重点', '<script>'] : [], forwardedTo: [], ...over,
  };
}

function report(total: number): OpinionReport {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({
    key: `k${i}`, label: i === 0 ? H.slice(0, 60) : `类${i}`, count: total ? (i * 7) % 11 : 0,
  }));
  return {
    total, handled: Math.floor(total / 2), merged: total ? 3 : 0,
    byCategory: rows(8), bySource: rows(8), byTarget: rows(20), byStatus: rows(6),
    categoryBySource: { rows: [], cols: [], cells: [] }, categoryByTarget: { rows: [], cols: [], cells: [] },
    weekly: total ? Array.from({ length: 40 }, (_, i) => ({ week: `2027-W${String(i + 1).padStart(2, '0')}`, count: i % 5 })) : [],
    topGroups: total ? Array.from({ length: 12 }, (_, i) => ({
      rootId: `r${i}`, text: hostile(i).slice(0, 80), size: 12 - i, category: '形式主义', status: 'received',
    })) : [],
  };
}

const people = (n: number): UnreachablePerson[] =>
  Array.from({ length: n }, (_, i) => ({
    openId: `ou_p${i}`, name: i % 2 ? hostile(i) : undefined, reason: 'outOfScope' as UnreachablePerson['reason'],
  }));

/** View models for every card builder in cards/: normal, empty, long and hostile. */
export const BUILDER_CASES: Record<string, (() => Card)[]> = {
  helpCard: ROLE_SETS.flatMap((roles) => [
    () => helpCard({ roles, commands: commandsFor(roles), campaignName: H.slice(0, 300) }),
    () => helpCard({ roles, commands: commandsFor(roles), campaignName: 'Campaign', locale: 'en' }),
  ]),
  unknownCommandCard: [
    () => unknownCommandCard(), () => unknownCommandCard({ emptyMention: true }), () => unknownCommandCard({ locale: 'en' }),
  ],
  unreachableReportCard: [() => unreachableReportCard({ people: [] }), () => unreachableReportCard({ people: people(7) }),
    () => unreachableReportCard({ people: people(130), locale: 'en' })],
  welcomeCard: [
    () => welcomeCard({ campaignName: H, where: 'p2p' }), () => welcomeCard({ campaignName: '活动', where: 'group', locale: 'en' }),
  ],
  rolesCard: [
    () => rolesCard({ fileAdmins: [], runtimeAdmins: [], leaders: [], supervisors: [] }),
    () => rolesCard({
      fileAdmins: [{ openId: 'ou_a', name: hostile(0) }], runtimeAdmins: [{ openId: 'ou_b', name: hostile(2) }, { openId: 'ou_c' }],
      leaders: [
        { openId: 'ou_l', name: '王', title: hostile(1), fromFile: true },
        { openId: 'ou_m', name: hostile(3), title: hostile(5), fromFile: false },
      ],
      supervisors: [{ openId: 'ou_s', name: 'S', fromFile: true }], topLeader: { openId: 'ou_l', name: '王' },
    }),
    () => rolesCard({
      fileAdmins: [{ openId: 'ou_a' }], leaders: [], topLeader: { openId: 'ou_t' }, locale: 'en',
      runtimeAdmins: Array.from({ length: 12 }, (_, i) => ({ openId: `ou_r${i}`, name: hostile(i) })),
      supervisors: Array.from({ length: 10 }, (_, i) => ({ openId: `ou_s${i}`, name: hostile(i), fromFile: false })),
    }),
  ],
  opinionFormCard: [
    () => opinionFormCard({ targets, campaignName: H.slice(0, 100) }),
    () => opinionFormCard({
      targets, campaignName: 'c', values: { category: 'rules', target: 'leader-1', source: 'reps', text: H, anonymous: false },
    }),
    () => opinionFormCard({ targets: [], campaignName: 'c', values: { text: '长'.repeat(3000), category: 'no-such' } }),
  ],
  opinionReceiptCard: [
    () => opinionReceiptCard({ code: 'ABCD2345', anonymous: true }), () => opinionReceiptCard({ code: 'WXYZ6789', anonymous: false }),
  ],
  opinionStatusCard: [
    () => opinionStatusCard({ code: 'ABCD2345', status: 'received' }),
    () => opinionStatusCard({
      code: 'ABCD2345', status: 'adopted', reply: H, replyBy: 'leader', quickNote: hostile(0), ledgerStatus: hostile(2), shownInGroup: true,
    }),
    () => opinionStatusCard({ code: 'ABCD2345', status: 'no-such-status', reply: hostile(1), replyBy: 'office' }),
  ],
  triageListCard: [
    () => triageListCard({ items: [], page: 0, open: 0, total: 0, targets }),
    () => triageListCard({ items: Array.from({ length: 8 }, (_, i) => opinion(i)), page: 1, open: 30, total: 41, targets }),
  ],
  triageItemCard: [
    () => triageItemCard({
      opinion: opinion(0, { quickNote: hostile(0), reply: hostile(2), replyBy: 'leader', forwardedTo: ['ou_l', 'ou_gone'] }),
      targets, mergeCandidates: [{ id: 'op_00000009', text: H }], leaders: [{ openId: 'ou_l', name: hostile(0), title: hostile(1) }],
      groupSize: 3, page: 2,
    }),
    () => triageItemCard({
      opinion: opinion(1, { mergedInto: 'op_00000002' }), targets, mergeCandidates: [], leaders: [], groupSize: 1, page: 0,
    }),
    () => triageItemCard({ opinion: opinion(2), targets, mergeCandidates: [], leaders: [], groupSize: 1, page: 0 }),
    () => triageItemCard({ opinion: opinion(3, { target: 'team' }), targets, mergeCandidates: [], leaders: [], groupSize: 1, page: 0 }),
    () => triageItemCard({ opinion: opinion(4, { target: 'leader-1' }), targets, mergeCandidates: [], leaders: [], groupSize: 1, page: 0 }),
    () => triageItemCard({
      opinion: opinion(5, { target: 'leader-1', feedback: 'top' }), targets, mergeCandidates: [], leaders: [], groupSize: 1, page: 0,
    }),
    // An outreach page's opinion with the contact its writer left (issue #17): hostile text, at the page's 100 characters.
    () => triageItemCard({
      opinion: opinion(6, { visit: '某某公司（2027-03-02）', source: 'enterprise' }), targets, mergeCandidates: [], leaders: [],
      groupSize: 1, page: 0, contact: `${hostile(1)} 电话 138${'长'.repeat(70)}`,
    }),
  ],
  forwardedOpinionCard: [
    () => forwardedOpinionCard({ opinion: opinion(3), targets }),
    () => forwardedOpinionCard({ opinion: opinion(4), targets, replied: H }),
    () => forwardedOpinionCard({ opinion: opinion(5, { target: 'team' }), targets, via: 'team' }),
    () => forwardedOpinionCard({ opinion: opinion(6, { target: 'leader-1' }), targets, via: 'top', note: H }),
    () => forwardedOpinionCard({ opinion: opinion(7, { target: 'leader-1' }), targets, via: 'top', replied: H }),
  ],
  // 转常务主席反馈: the top leader's card, before and after passing it on.
  topFeedbackCard: [
    () => topFeedbackCard({ opinion: opinion(8, { target: 'leader-1' }), targets, about: hostile(1), meta: hostile(2) }),
    () => topFeedbackCard({
      opinion: opinion(9, { target: 'leader-1', feedback: 'passed', feedbackNote: H }), targets, about: hostile(0),
      meta: hostile(3), passedTo: hostile(0),
    }),
  ],
  opinionReportCard: [
    () => opinionReportCard(report(0), { campaignName: H.slice(0, 50), day: '2027-03-01' }),
    () => opinionReportCard(report(57), { campaignName: '活动', day: '2027-03-01' }),
    () => opinionReportCard(report(57), { campaignName: '活动', day: '2027-03-01', maxGroups: 3, maxWeeks: 4, maxTargets: 5 }),
  ],
  ...EVALUATION_CASES,
  ...LEDGER_CASES,
  ...LOOKBACK_CASES,
  ...RULES_CASES,
  ...MATERIAL_CASES,
  ...MEETING_CASES,
  ...TALK_CASES,
  ...STUDY_CASES,
  ...BOARD_CASES,
  ...CAMPAIGN_CASES,
  ...OUTREACH_CASES,
};

/** One card with every component of the subset, built with cards/components.ts (plus raw img and checker). */
export function kitchenSink(): Card {
  const values = [{ x: 'a', y: 3, s: 'one' }, { x: 'b', y: 5, s: 'one' }, { x: 'a', y: 2, s: 'two' }];
  return card({
    title: 'Kitchen sink', subtitle: 'every component', template: 'violet', summary: 'sink',
    elements: [
      md('**b** *i* ~~s~~ `c` [t](https://x.test)'), div('plain'), noteText('note'), hr(),
      { tag: 'img', img_key: 'img_v2_x', alt: { tag: 'plain_text', content: 'alt' } },
      chart({ type: 'bar', data: { values }, xField: ['x', 's'], yField: 'y', seriesField: 's' }),
      chart({ type: 'line', data: { values }, xField: 'x', yField: 'y', seriesField: 's' }, { aspect_ratio: '16:9' }),
      chart({ type: 'area', data: [{ id: 'd', values }], xField: 'x', yField: 'y' }),
      chart({ type: 'pie', data: { values }, categoryField: 'x', valueField: 'y', innerRadius: 0.5 }, { aspect_ratio: '1:1' }),
      table({
        columns: [{ key: 'a', label: 'A' }, { key: 'n', label: 'N', type: 'number' }],
        rows: Array.from({ length: 12 }, (_, i) => ({ a: `r${i}`, n: i })),
        pageSize: 5,
      }),
      collapsible('more', [div('inside'), columns([[div('l')], { elements: [button('r', { a: 'help' })], width: 'auto' }], 'flow')], true),
      form('f', [
        input({ name: 'one', placeholder: 'one', required: true }), input({ name: 'many', label: 'many', multiline: true }),
        select({ name: 'sel', options: [{ label: 'A', value: 'a' }], initial: 'a' }),
        multiSelect({ name: 'multi', options: [{ label: 'A', value: 'a' }, { label: 'B', value: 'b' }], selected: ['b'] }),
        datePicker({ name: 'day', initialDate: '2027-03-01' }),
        { tag: 'checker', name: 'agree', text: { tag: 'plain_text', content: 'agree' }, checked: true },
        formButton('Send', { a: 'op.submit' }, { name: 'send' }), resetButton('Reset', 'reset'),
      ]),
      { tag: 'checker', text: { tag: 'plain_text', content: 'standalone' }, behaviors: [{ type: 'callback', value: { a: 'help', v: 1 } }] },
      linkButton('Open', 'https://example.com/doc'),
      button('Danger', { a: 'roles.list' }, { type: 'danger', confirm: { title: 'Sure?', text: 'Really' } }),
    ],
  });
}
