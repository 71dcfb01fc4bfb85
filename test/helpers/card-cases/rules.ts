import { rulesListCard } from '../../../cards/rules/list.js';
import { ruleCard } from '../../../cards/rules/rule.js';
import { ruleFormCard } from '../../../cards/rules/form.js';
import type { Card } from '../../../cards/types.js';
import { msg } from '../../../src/messages/index.js';
import type { Rule, RuleAction } from '../../../src/domain/rules/rule.js';

/** View models for the rules register's cards: empty, full, long and hostile text everywhere a user can type. */

// The same hostile strings as card-cases.ts HOSTILE (imported from there this file would load before it).
const HOSTILE = ['<script>alert(1)</script>', '<at id=all></at>', '[x](javascript:alert(1))',
  '**b** `c` ~~s~~ &amp; &#60;b&#62; \u202Eevil', 'line1\nline2\n\n\nline3', '长'.repeat(990)];
const hostile = (i: number) => HOSTILE[i % HOSTILE.length]!;
const NOW = Date.UTC(2027, 6, 1, 2, 0);

function rule(i: number, over: Partial<Rule> = {}): Rule {
  return {
    id: `rule_${String(i).padStart(8, '0')}`, seq: i + 1, kind: (['make', 'revise', 'abolish'] as const)[i % 3]!,
    name: hostile(i).slice(0, 100), owner: 'ou_owner', due: '2027-07-20',
    items: Array.from({ length: 20 }, (_, k) => `item_${String(k).padStart(8, '0')}`),
    opinions: Array.from({ length: 20 }, (_, k) => `1a2b3c4d${String(k).padStart(4, '0')}`), material: 'material_x01',
    state: (['drafting', 'review', 'adopted', 'abolished'] as const)[i % 4]!,
    since: { drafting: NOW, review: NOW + 1, adopted: NOW + 2 }, issuedOn: i % 4 >= 2 ? '2027-07-01' : undefined,
    docNo: hostile(i + 1).slice(0, 60), link: 'https://example.feishu.cn/docx/<b>', gen: 1,
    createdAt: NOW, createdBy: 'ou_admin', updatedAt: NOW,
    history: Array.from({ length: 60 }, (_, k) => ({
      at: NOW + k, by: k % 2 ? 'system' : 'ou_owner', what: 'edit' as const, from: 'drafting' as const, to: 'review' as const,
      note: hostile(k).slice(0, 2000), gen: 1, step: 'd3',
    })),
    ...over,
  };
}
const names: Record<string, string> = { ou_owner: hostile(0) };
const ALL: RuleAction[] = ['view', 'edit', 'adopt', 'abolish'];
const opinions = Array.from({ length: 18 }, (_, k) => ({
  category: k % 2 ? msg.rules.kinds.make : { zh: hostile(k).slice(0, 40), en: hostile(k + 1).slice(0, 40) },
  day: `2027-06-${String(k + 1).padStart(2, '0')}`,
}));
const items = Array.from({ length: 60 }, (_, k) => ({ id: `item_${String(k).padStart(8, '0')}`, seq: k + 1, problem: hostile(k) }));
const people = Array.from({ length: 60 }, (_, k) =>
  ({ openId: `ou_p${k}`, name: hostile(k).slice(0, 40), title: hostile(k + 1).slice(0, 20) }));

export const RULES_CASES: Record<string, (() => Card)[]> = {
  rulesListCard: [
    () => rulesListCard({ rules: [], total: 0, page: 0, state: 'all', names: {}, readsAll: false, canCreate: false, canExport: false }),
    () => rulesListCard({
      rules: Array.from({ length: 12 }, (_, i) => ({ rule: rule(i), overdue: i % 2 === 0 })), total: 45, page: 1, state: 'overdue',
      names, readsAll: true, canCreate: true, canExport: true, readOnlyNote: true,
    }),
  ],
  ruleCard: [
    ...[0, 1, 2, 3, 5].map((i) => () => ruleCard({
      rule: rule(i), overdue: true, names, actions: ALL, timeZone: 'Asia/Shanghai', today: '2027-07-01', opinions,
      material: i === 1 ? 'returned' : 'accepted', materialId: 'material_x01',
      items: items.slice(0, 20), banner: msg.rules.banners.late3(msg.rules.states.review), showBack: true,
    })),
    () => ruleCard({
      rule: rule(4, { items: [], opinions: [], history: [], docNo: undefined, link: undefined, issuedOn: undefined }), overdue: false,
      names: {}, actions: ['view'], timeZone: 'Asia/Shanghai', material: 'missing', today: '2027-07-01', items: [], opinions: [],
    }),
  ],
  ruleFormCard: [
    () => ruleFormCard({ people: [], items: [], today: '2027-07-01' }),
    () => ruleFormCard({ rule: rule(1), people, items, today: '2027-07-01' }),
  ],
};
