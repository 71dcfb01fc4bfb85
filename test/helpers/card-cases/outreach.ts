import { linkCard } from '../../../cards/outreach/link.js';
import { linkListCard } from '../../../cards/outreach/list.js';
import { linkExtendCard, linkFormCard, linkRevokeCard } from '../../../cards/outreach/forms.js';
import type { LinkRow } from '../../../cards/outreach/common.js';
import type { Card } from '../../../cards/types.js';
import type { LinkState } from '../../../src/domain/outreach/link.js';

/** View models for the 走访链接 cards: none, a page of many, every state, hostile contact points and round titles. */

const HOSTILE = ['<script>alert(1)</script>', '<at id=all></at>', '[x](javascript:alert(1))',
  '**b** `c` ~~s~~ &amp; &#60;b&#62; \u202Eevil', 'line1\nline2\n\n\nline3', '长'.repeat(990)];
const hostile = (i: number) => HOSTILE[i % HOSTILE.length]!;
const NOW = Date.UTC(2027, 2, 3, 2, 0);
const TZ = 'Asia/Shanghai';
const STATES: LinkState[] = ['open', 'expired', 'revoked', 'full'];
const SOURCES = ['enterprise', 'retired', 'reps', 'models'] as const;

const row = (i: number): LinkRow => ({
  link: {
    id: `link${String(i).padStart(8, '0')}`, token: 'T'.repeat(43),
    contact: i % 3 ? `联系点${i}`.repeat(6).slice(0, 60) : hostile(i).slice(0, 60),
    source: SOURCES[i % 4] as 'enterprise', day: '2027-03-10', group: i % 2 ? 'cadres' : '_other', cap: 100_000, entries: i * 37,
    createdBy: 'ou_admin', createdAt: NOW - i * 3_600_000, validUntil: NOW + (i - 2) * 86_400_000,
    ...(i % 2 ? { roundId: 'round0001', leader: 'ou_leader' } : {}),
  },
  state: STATES[i % 4]!,
  groupName: i % 5 ? '机关干部' : hostile(i).slice(0, 50),
  ...(i % 2 ? { roundTitle: i % 3 ? '2027年度满意度测评'.repeat(6).slice(0, 100) : hostile(i).slice(0, 100) } : {}),
});
const rows = Array.from({ length: 30 }, (_, i) => row(i));
const options = (n: number, label: (i: number) => string) => Array.from({ length: n }, (_, i) => ({ value: `v${i}`, label: label(i) }));

export const OUTREACH_CASES: Record<string, (() => Card)[]> = {
  linkListCard: [
    () => linkListCard({ rows: [], leaderOnly: false, timeZone: TZ }),
    () => linkListCard({ rows: rows.slice(0, 3), leaderOnly: true, timeZone: TZ }),
    ...[0, 2, 99].map((page) => () => linkListCard({ rows, page, leaderOnly: false, timeZone: TZ })),
  ],
  linkFormCard: [
    () => linkFormCard({ rounds: [], groups: [] }),
    () => linkFormCard({ rounds: options(3, (i) => hostile(i)), groups: options(12, (i) => `组${i}`), leaders: options(20, hostile),
      errors: ['contact', 'until', 'cap', 'group'] }),
    () => linkFormCard({ rounds: options(150, (i) => `测评${i}`.repeat(20)), groups: options(2, hostile), leaders: [] }),
  ],
  linkExtendCard: rows.slice(0, 4).map((r) => () => linkExtendCard(r, TZ)),
  linkRevokeCard: rows.slice(0, 4).map((r) => () => linkRevokeCard(r, TZ)),
  linkCard: [
    () => linkCard(row(1), `https://union.example.cn/o/${'A'.repeat(43)}`, TZ),
    () => linkCard(row(0), `http://127.0.0.1:3000/o/${'A'.repeat(43)}`, TZ),
  ],
};
