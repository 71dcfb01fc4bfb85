import { talkListCard } from '../../../cards/talks/list.js';
import { talkMatrixCard, talkPlanCard } from '../../../cards/talks/plan.js';
import { talkCard, talkDoneCard, talkMoveCard, talkNoteCard } from '../../../cards/talks/talk.js';
import type { Card } from '../../../cards/types.js';
import { generatePlan, newTalk, type Talk } from '../../../src/domain/talks/talk.js';
import { msg } from '../../../src/messages/index.js';

/** View models for the 谈心谈话 cards: empty, full (15 leaders with each other and their members), hostile names. */

const HOSTILE = ['<script>alert(1)</script>', '<at id=all></at>', '[x](javascript:alert(1))',
  '**b** `c` ~~s~~ &amp; &#60;b&#62; \u202Eevil', 'line1\nline2\n\n\nline3', '长'.repeat(990)];
const hostile = (i: number) => HOSTILE[i % HOSTILE.length]!;
const NOW = Date.UTC(2027, 4, 3, 2, 0);
const TOP = 'ou_top';
const LEADERS = Array.from({ length: 14 }, (_, i) => `ou_l${i}`);
const MEMBERS = Array.from({ length: 60 }, (_, i) => `ou_m${i}`);
const names: Record<string, string> = Object.fromEntries([TOP, ...LEADERS, ...MEMBERS].map((id, i) => [id, i % 5 ? `人员${i}` : hostile(i)]));
const pairs = generatePlan({
  topLeader: TOP, leaders: LEADERS, due: '2027-06-30', existing: new Set(),
  membersOf: new Map([TOP, ...LEADERS].map((l, i) => [l, MEMBERS.slice(i * 4, i * 4 + 4)])),
});
const talks: Talk[] = pairs.map((p, i) => {
  const tk = newTalk(p, `talk_${String(i).padStart(8, '0')}`, { by: 'ou_admin', now: NOW });
  return i % 3 ? tk : { ...tk, state: 'done', done: { at: NOW, by: p.a, day: '2027-05-10', place: hostile(i).slice(0, 100) } };
});
const people = [TOP, ...LEADERS, ...MEMBERS].map((openId) => ({ openId, name: names[openId]! }));
const leaders = [TOP, ...LEADERS].map((openId) => ({ openId, name: names[openId]! }));
const counts = { done: talks.filter((t) => t.state === 'done').length, planned: talks.length };

export const TALK_CASES: Record<string, (() => Card)[]> = {
  talkListCard: [
    () => talkListCard({ viewer: 'ou_x', mine: [], names, counts: { done: 0, planned: 0 }, canPlan: false }),
    ...[0, 3, 99].map((page) => () => talkListCard({
      viewer: TOP, mine: talks.filter((t) => t.a === TOP || t.b === TOP), all: talks, names, counts, canPlan: true, page,
    })),
  ],
  talkCard: talks.slice(0, 4).flatMap((tk, i) => [
    () => talkCard({ talk: tk, names, viewer: tk.a, banner: msg.talks.notices.over(hostile(i), { zh: '5月20日（周四）', en: 'x' }),
      showBack: true }),
    () => talkCard({ talk: tk, names, viewer: 'ou_admin' }),
    () => talkCard({ talk: tk, names, viewer: 'ou_admin', reader: true, showBack: true }),
  ]),
  talkMoveCard: [
    () => talkMoveCard({ talk: talks[1]!, names, viewer: talks[1]!.b }),
    () => talkMoveCard({ talk: { ...talks[2]!, gen: 3 }, names, viewer: 'ou_admin' }),
  ],
  talkDoneCard: [() => talkDoneCard({ talk: talks[1]!, names, viewer: talks[1]!.a, today: '2027-05-20' })],
  talkNoteCard: [
    () => talkNoteCard({ talk: talks[1]!, names, viewer: talks[1]!.a, timeZone: 'Asia/Shanghai' }),
    () => talkNoteCard({
      talk: talks[2]!, names, viewer: talks[2]!.b, timeZone: 'Asia/Shanghai', note: { text: '长'.repeat(1000), at: NOW },
    }),
  ],
  talkPlanCard: [
    () => talkPlanCard({ pairs: [], names, leaders, people, page: 0 }),
    ...[0, 5, 999].map((page) => () =>
      talkPlanCard({ pairs, names, leaders, people, page })),
  ],
  talkMatrixCard: [
    () => talkMatrixCard({ leaders: [], talks: [], names, counts: { done: 0, planned: 0 } }),
    () => talkMatrixCard({ leaders, talks, names, counts }),
  ],
};
