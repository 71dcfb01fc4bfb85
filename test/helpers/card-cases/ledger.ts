import { ledgerItemCard, ledgerListCard, ledgerMovedCard } from '../../../cards/ledger/item.js';
import { ledgerDeadlinesCard, ledgerFormCard } from '../../../cards/ledger/form.js';
import type { Card } from '../../../cards/types.js';
import { msg } from '../../../src/messages/index.js';
import type { LedgerAction, LedgerItem } from '../../../src/domain/ledger/item.js';

/** View models for the ledger cards: empty, full, long and hostile text everywhere a user can type. */

// The same hostile strings as card-cases.ts HOSTILE (imported from there this file would load before it).
const HOSTILE = ['<script>alert(1)</script>', '<at id=all></at>', '[x](javascript:alert(1))',
  '**b** `c` ~~s~~ &amp; &#60;b&#62; \u202Eevil', 'line1\nline2\n\n\nline3', '长'.repeat(990)];
const H = HOSTILE.join(' ');
const hostile = (i: number) => HOSTILE[i % HOSTILE.length]!;
const NOW = Date.UTC(2027, 6, 1, 2, 0);
const long = '长'.repeat(1000);

function item(i: number, over: Partial<LedgerItem> = {}): LedgerItem {
  return {
    id: `item_${String(i).padStart(8, '0')}`, seq: i + 1, problem: i % 2 ? long : `${hostile(i)} 问题`,
    source: { kind: i % 3 ? 'self' : 'evaluation', ref: 'round_abcdefgh' },
    wind: 'formalism', goal: i % 2 ? long : hostile(i + 1), measures: i % 2 ? long : hostile(i + 2), owner: 'ou_owner', leader: 'ou_leader',
    coOwners: ['ou_co1', 'ou_co2'], deadline: '2027-07-20', milestones: [{ day: '2027-07-10', name: hostile(i) }],
    commitment: i % 2 ? long : hostile(i + 3),
    progress: Array.from({ length: 15 }, (_, k) => ({
      at: NOW + k, by: 'ou_owner', text: k % 2 ? long : hostile(k), link: 'https://x.test/<script>',
    })),
    evidence: Array.from({ length: 12 }, (_, k) => `https://example.com/doc/${k}?q=<b>`), summary: hostile(2), review: hostile(3),
    status: (['draft', 'active', 'review', 'closed'] as const)[i % 4]!, needsDeadline: false, linkedRounds: [],
    extension: { n: 3, day: '2027-08-01', reason: long.slice(0, 500), by: 'ou_owner', at: NOW },
    gen: 2, createdAt: NOW, createdBy: 'ou_admin', updatedAt: NOW,
    history: Array.from({ length: 60 }, (_, k) => ({
      at: NOW + k, by: k % 2 ? 'system' : 'ou_owner', what: 'reject' as const, from: 'review' as const, to: 'active' as const,
      note: k % 3 ? long : hostile(k), gen: 1, step: 'd3',
    })),
    ...over,
  };
}
const names: Record<string, string> = { ou_owner: hostile(0), ou_leader: hostile(1), ou_co1: '张华', ou_co2: hostile(5) };
const ALL: LedgerAction[] = [
  'view', 'edit', 'activate', 'setDeadline', 'reopen', 'progress', 'askExtension', 'submit', 'decideExtension', 'confirm', 'reject',
];
const people = Array.from({ length: 120 }, (_, i) => ({
  openId: `ou_p${i}`, name: i % 7 ? `人员${i}` : hostile(i), ...(i % 3 ? {} : { title: hostile(i + 1) }),
}));
const rounds = Array.from({ length: 35 }, (_, i) => ({
  id: `round_${String(i).padStart(8, '0')}`, title: i % 2 ? hostile(i) : `满意度测评${i}`,
}));

export const LEDGER_CASES: Record<string, (() => Card)[]> = {
  ledgerListCard: [
    () => ledgerListCard({ items: [], total: 0, page: 0, status: 'all', leaders: [], names: {}, mine: true, canCreate: false }),
    () => ledgerListCard({
      items: Array.from({ length: 10 }, (_, i) => ({ item: item(i), flag: i % 2 ? 'overdue' : undefined })),
      total: 35, page: 1, status: 'overdue',
      leader: 'ou_leader', leaders: people.slice(0, 60).map((p) => ({ openId: p.openId, name: p.name })), names, mine: false,
      canCreate: true, readOnlyNote: true, canExport: true, canLookback: true,
    }),
    () => ledgerListCard({
      items: [{ item: item(1), flag: 'needsDeadline' }], total: 1, page: 0, status: 'needsDeadline',
      leaders: [{ openId: 'ou_leader', name: H }], names, mine: false, canCreate: false,
    }),
  ],
  ledgerItemCard: [
    ...[0, 1, 2, 3].map((i) => () => ledgerItemCard({
      item: item(i), flag: 'overdue', names, actions: ALL, timeZone: 'Asia/Shanghai', banner: msg.ledger.banners.due,
      sourceLabel: H.slice(0, 100), showBack: true,
    })),
    () => ledgerItemCard({
      item: item(5, { progress: [], history: [], extension: undefined, coOwners: [], milestones: [], evidence: [] }),
      names: {}, actions: ['view'], timeZone: 'Asia/Shanghai',
    }),
  ],
  ledgerMovedCard: [
    () => ledgerMovedCard(item(0)),
    () => ledgerMovedCard(item(1)),
    () => ledgerMovedCard({ seq: 99999, problem: H }),
  ],
  ledgerFormCard: [
    () => ledgerFormCard({ people: [], rounds: [] }),
    () => ledgerFormCard({ item: item(1), people, rounds, errors: ['problem', 'owner', 'deadline', 'milestones', 'rounds'] }),
    () => ledgerFormCard({
      item: item(0, {
        source: { kind: 'opinion', ref: 'op_abcdefgh' }, owner: 'ou_p3', coOwners: ['ou_p4', 'ou_gone'], linkedRounds: ['round_00000001'],
      }),
      people, rounds,
    }),
  ],
  ledgerDeadlinesCard: [
    () => ledgerDeadlinesCard({ items: [item(1)], names }),
    () => ledgerDeadlinesCard({ items: Array.from({ length: 20 }, (_, i) => item(i)), names, reason: H }),
  ],
};
