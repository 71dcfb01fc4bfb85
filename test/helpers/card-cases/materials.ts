import { materialCard, type MaterialCan } from '../../../cards/materials/material.js';
import { materialListCard } from '../../../cards/materials/list.js';
import { materialFormCard } from '../../../cards/materials/form.js';
import { materialKindFormCard, materialKindsCard, type KindRow } from '../../../cards/materials/kinds.js';
import type { Card } from '../../../cards/types.js';
import { DEFAULT_KINDS, type KindKey } from '../../../src/domain/materials/kinds.js';
import type { Material } from '../../../src/domain/materials/material.js';
import { msg } from '../../../src/messages/index.js';

/** View models for the materials cards: empty, full, long and hostile text everywhere a user can type. */

// The same hostile strings as card-cases.ts HOSTILE (imported from there this file would load before it).
const HOSTILE = ['<script>alert(1)</script>', '<at id=all></at>', '[x](javascript:alert(1))',
  '**b** `c` ~~s~~ &amp; &#60;b&#62; \u202Eevil', 'line1\nline2\n\n\nline3', '长'.repeat(990)];
const hostile = (i: number) => HOSTILE[i % HOSTILE.length]!;
const NOW = Date.UTC(2027, 5, 1, 2, 0);
const long = '长'.repeat(1000);
const STATES = ['drafting', 'inReview', 'returned', 'accepted'] as const;

function material(i: number, over: Partial<Material> = {}): Material {
  const state = STATES[i % 4]!;
  const versions = state === 'drafting' ? [] : Array.from({ length: 30 }, (_, k) => ({
    n: k + 1, by: 'ou_author', at: NOW + k,
    source: k % 3 === 0 ? { type: 'link' as const, url: `https://x.feishu.cn/docx/${k}?q=<b>` }
      : k % 3 === 1 ? { type: 'text' as const, text: k % 2 ? long : hostile(k) }
        : { type: 'file' as const, fileKey: 'file_v2_x', fileName: hostile(k).slice(0, 200), messageId: 'om_1', size: 1000 },
  }));
  return {
    id: `mat_${String(i).padStart(8, '0')}`, kind: (['plan', 'selfCheck', 'rectifyPlan', 'meetingReport'] as KindKey[])[i % 4]!,
    title: i % 2 ? '长'.repeat(100) : hostile(i).slice(0, 100), authors: ['ou_author', 'ou_co'],
    chain: ['topLeader', 'supervisors', { person: 'ou_reviewer' }], due: '2027-06-10', state,
    ...(state === 'inReview' ? { at: 1, since: NOW } : {}), ...(state === 'returned' ? { returnedAt: 0 } : {}),
    passed: state === 'accepted' ? [30, 30, 30] : [29, 0, 0], reached: [0, 1], versions,
    history: Array.from({ length: 120 }, (_, k) => ({
      at: NOW + k, by: k % 2 ? 'system' : 'ou_reviewer', what: (['return', 'comment', 'remind', 'pass'] as const)[k % 4]!,
      n: k, step: k % 3, note: k % 3 ? long.slice(0, 500) : hostile(k), key: 'g0-d3',
    })),
    gen: 0, createdAt: NOW, createdBy: 'ou_admin', updatedAt: NOW, ...over,
  };
}

const names: Record<string, string> = { ou_author: hostile(0), ou_co: '张华', ou_reviewer: hostile(1) };
const kindNames = Object.fromEntries(DEFAULT_KINDS.map((k) => [k.key, k.name])) as Record<KindKey, string>;
const ALL: MaterialCan = { submit: true, review: true, comment: true, edit: true, draft: true };
const NONE: MaterialCan = { submit: false, review: false, comment: false, edit: false, draft: false };
const people = Array.from({ length: 120 }, (_, i) => ({ openId: `ou_p${i}`, name: i % 7 ? `人员${i}` : hostile(i) }));
const labels = ['主要负责同志', '督导组', hostile(2)];

export const MATERIAL_CASES: Record<string, (() => Card)[]> = {
  materialCard: [0, 1, 2, 3].flatMap((i) => [
    () => materialCard({ material: material(i), kindName: kindNames.plan, names, stepLabels: labels, can: ALL, timeZone: 'Asia/Shanghai',
      banner: msg.materials.notices.returned(hostile(i), 3, hostile(i + 1), long.slice(0, 500)), showBack: true }),
    () => materialCard({ material: material(i, { chain: [], passed: [], reached: [] }), kindName: kindNames.selfCheck, names,
      stepLabels: [], can: NONE, timeZone: 'Asia/Shanghai' }),
    // A material of kind 制度 names its rule (a hostile name, clipped).
    () => materialCard({ material: material(i, { kind: 'rule' }), kindName: kindNames.rule, names, stepLabels: labels, can: ALL,
      timeZone: 'Asia/Shanghai', rule: { id: `rule_${String(i).padStart(8, '0')}`, seq: i + 1, name: hostile(i).slice(0, 100) } }),
  ]),
  // A file version: the reviewer's card (the file forwarded beside it) and the author's receipt; 生成初稿 drawn.
  materialCardFile: [
    () => materialCard({ material: material(1, { kind: 'opinionReport' }), kindName: kindNames.opinionReport, names, stepLabels: labels,
      can: { ...NONE, review: true, draft: true }, timeZone: 'Asia/Shanghai',
      banner: msg.materials.notices.toReviewFile(kindNames.opinionReport, hostile(3).slice(0, 100), 30, hostile(5).slice(0, 200),
        '20.0 MB') }),
    () => materialCard({ material: material(2, { kind: 'opinionReport' }), kindName: kindNames.opinionReport, names, stepLabels: labels,
      can: { ...ALL, review: false }, timeZone: 'Asia/Shanghai', showBack: true,
      banner: msg.materials.notices.fileReceived(hostile(0).slice(0, 200), '1 KB', '长'.repeat(100), 30) }),
    // Every version a file with the longest name: 获取文件 beside the latest and each older one shown (a supervisor's view).
    () => materialCard({ material: material(3, { versions: material(3).versions.map((x) => ({ ...x, source: {
      type: 'file' as const, fileKey: 'file_v2_x', fileName: `${'长'.repeat(195)}.docx`, messageId: `om_${x.n}`, size: 20 * 1024 * 1024,
    } })) }), kindName: kindNames.plan, names, stepLabels: labels, can: NONE, timeZone: 'Asia/Shanghai' }),
  ],
  materialListCard: [
    () => materialListCard({ groups: [], kindNames, canCreate: false }),
    () => materialListCard({
      groups: [
        { key: 'mine', materials: Array.from({ length: 30 }, (_, i) => material(i)) },
        { key: 'toReview', materials: Array.from({ length: 3 }, (_, i) => material(i + 1)) },
        { key: 'all', materials: Array.from({ length: 40 }, (_, i) => material(i)) },
      ],
      kindNames, canCreate: true,
    }),
    // The second page of 全部材料 (and a page past the end, shown as the last).
    ...[1, 99].map((page) => () => materialListCard({
      groups: [
        { key: 'mine', materials: Array.from({ length: 12 }, (_, i) => material(i)) },
        { key: 'all', materials: Array.from({ length: 60 }, (_, i) => material(i)) },
      ],
      kindNames, canCreate: true, page,
    })),
  ],
  materialFormCard: [
    () => materialFormCard({ kinds: DEFAULT_KINDS.filter((k) => k.author === 'office'), people }),
    () => materialFormCard({ kinds: [], people, material: material(1, { authors: ['ou_p1', 'ou_p2'] }), kindName: hostile(3) }),
  ],
  materialKindsCard: [
    () => materialKindsCard({ kinds: kindRows(false) }),
    () => materialKindsCard({ kinds: kindRows(true) }),
  ],
  materialKindFormCard: [
    ...DEFAULT_KINDS.map((k) => () => materialKindFormCard({ kind: k, chain: 'top-sup', mode: 'none', milestones: [], moveCount: 0 })),
    () => materialKindFormCard({
      kind: { key: 'rectifyPlan', name: hostile(0) }, chain: 'sup', mode: 'milestone', milestone: 'ms_3', moveCount: 3,
      oldDue: '2027-07-10',
      milestones: Array.from({ length: 80 }, (_, i) => ({ id: `ms_${i}`, name: hostile(i), date: `2027-0${5 + (i % 4)}-1${i % 10}` })),
    }),
    () => materialKindFormCard({ kind: { key: 'selfCheck', name: long }, mode: 'day', day: '2027-06-10', milestones: [], moveCount: 2,
      oldDue: '2027-06-10' }),
  ],
};

/** The settings card's rows: every kind, hostile names when `hostileNames`, each due form. */
function kindRows(hostileNames: boolean): KindRow[] {
  const dues = [msg.materials.settings.due.none, msg.materials.settings.due.rule, msg.materials.settings.due.missing];
  return DEFAULT_KINDS.map((k, i) => ({
    key: k.key, name: hostileNames ? hostile(i) : k.name, author: k.author, chainLabel: i % 3 ? '主要负责同志 → 督导组' : '',
    due: dues[i % 3]!, edited: i % 2 === 0,
  }));
}
