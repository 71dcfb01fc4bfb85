import { roundAdminCard, roundsListCard, paperTallyCard } from '../../../cards/evaluations/admin.js';
import { electorateCard } from '../../../cards/evaluations/electorate.js';
import { byGroup } from '../../../src/domain/evaluations/electorate.js';
import { resultsCard } from '../../../cards/evaluations/results.js';
import { ownResultsCard } from '../../../cards/evaluations/own-results.js';
import { ballotCard, ballotMovedCard, formBallotCard, openRoundsCard, votedCard } from '../../../cards/evaluations/ballot.js';
import { stepBallotCard } from '../../../cards/evaluations/ballot-steps.js';
import { cellCount, stepPages } from '../../../src/domain/evaluations/ballot-steps.js';
import { outreachAdminCard } from '../../../cards/evaluations/outreach.js';
import { outreachRound } from '../../../src/domain/evaluations/outreach.js';
import type { Card } from '../../../cards/types.js';
import { channelSource, channelVerdicts, combineChannels } from '../../../src/domain/evaluations/channels.js';
import { linkChannel } from '../../../src/domain/outreach/link.js';
import { ballotPages } from '../../../src/domain/evaluations/ballot.js';
import { paperPages } from '../../../src/domain/evaluations/paper.js';
import { compareRounds, computeResults, satisfactionVerdict } from '../../../src/domain/evaluations/results.js';
import {
  counterField, defaultRound, subjectOptions, type Round, type RoundKind, type Tallies,
} from '../../../src/domain/evaluations/round.js';

/** View models for the evaluation cards (ballots, admin, results), hostile labels included. */

const leaders = [
  { openId: 'ou_l1', name: '王主席<script>', title: '常务主席' },
  { openId: 'ou_l2', name: '[x](javascript:alert(1))', title: '<at id=all></at>' },
  ...Array.from({ length: 8 }, (_, i) => ({ openId: `ou_lx${i}`, name: `副主席${i}`, title: '副主席' })),
];
const users = Array.from({ length: 40 }, (_, i) => `ou_u${i}`);
const campaign = {
  leaders,
  members: { users, chats: [] },
  raterGroups: [
    { key: 'team', name: '班子成员<script>', weight: 0.3, members: { users: users.slice(0, 10), chats: [] } },
    { key: 'cadres', name: '机关干部', weight: 0.7, members: { users: users.slice(10, 30), chats: [] } },
  ],
};
const NOW = Date.UTC(2027, 2, 1);

function round(kind: RoundKind, title: string, over: Partial<Round> = {}): Round {
  return {
    ...defaultRound(campaign, {
      id: `round_${kind}_${title.length}`.slice(0, 24).padEnd(8, 'x'), title, kind,
      closesAt: NOW + 86_400_000, createdBy: 'ou_admin', now: NOW,
    }),
    ...over,
  };
}

/** Deterministic ballots: `perGroup` voters in each group, grades spread by a simple formula. */
function tallies(r: Round, perGroup: Record<string, number>, seed = 0): Tallies {
  const counts: Record<string, number> = {};
  for (const [group, n] of Object.entries(perGroup)) {
    for (let v = 0; v < n; v++) {
      r.subjects.forEach((s, si) => r.dimensions.forEach((d, di) => {
        const grade = r.scale[(v + si + di + seed) % r.scale.length].key;
        const f = counterField(s.key, d.key, grade, group);
        counts[f] = (counts[f] ?? 0) + 1;
      }));
    }
  }
  return { counts, ballots: perGroup };
}

const hostileTitle = '测评<script>alert(1)</script> [x](javascript:alert(1)) <at id=all></at>';
const dem = round('democratic', hostileTitle);
const sat = round('satisfaction', '满意度测评');
const small = round('democratic', '小范围', { subjects: dem.subjects.slice(0, 2) });
const demResults = computeResults(dem, tallies(dem, { team: 8, cadres: 15, _other: 2 }));
const demBaseline = computeResults(dem, tallies(dem, { team: 6, cadres: 12, _other: 6 }, 1));
const satResults = computeResults(sat, tallies(sat, { team: 5, cadres: 20 }));
const emptyResults = computeResults(small, tallies(small, { team: 2 }));
const visit = {
  contact: '<at id=all></at> 某某公司[x](javascript:alert(1))', source: 'enterprise' as const,
  day: '2027-03-01', closesAt: NOW + 86_400_000, k: 5,
};
const outreachDm = outreachRound({ ...visit, id: 'round_outreach_dm', electorate: users, createdBy: 'ou_admin', now: NOW });
const outreachChat = outreachRound({
  ...visit, id: 'round_outreach_chat', chatId: 'oc_contact_point', electorate: users.slice(0, 6), createdBy: 'ou_admin', now: NOW,
});
const satLinks = Array.from({ length: 24 }, (_, i) => ({
  id: `link${String(i).padStart(8, '0')}`, contact: i === 0 ? visit.contact : `${'某某街道'.repeat(10)}${i}`, day: '2027-09-10',
}));
const satChannels = combineChannels(sat, [
  { channel: 'lark', tallies: tallies(sat, { team: 5, cadres: 20 }) },
  ...satLinks.map((l, i) => ({ channel: linkChannel(l.id), tallies: tallies(sat, { cadres: i % 3 ? 6 : 2 }, i) })),
  { channel: 'paper', tallies: tallies(sat, { cadres: 30 }, 1) },
]);
const satVerdicts = channelVerdicts(sat, satChannels, { overall: 0.9, perItem: 0.8 });
const satChannelLines = satChannels.channels.map((c, i) => ({
  source: channelSource(c.channel, satLinks), ballots: c.ballots, verdict: satVerdicts.channels[i].verdict,
}));
const outreachResults = computeResults(outreachChat, tallies(outreachChat, { _other: 6 }));
const sourceResults = computeResults(outreachChat, tallies(outreachChat, { _other: 14 }, 2));

export const EVALUATION_CASES: Record<string, (() => Card)[]> = {
  ballotCard: [() => ballotCard(dem), () => ballotCard(outreachDm, 0, ''), () => ballotCard(outreachChat, 0, '')],
  formBallotCard: [
    ...ballotPages(dem).map((_, page) => () => formBallotCard(dem, page, '1'.repeat(page * 5))),
    () => formBallotCard(sat, 0, '', { timeZone: 'UTC', error: { zh: '请选择每一项', en: 'Choose every item' } }),
  ],
  stepBallotCard: [
    // Every page of a round with hostile names, half chosen (a mix of grades and "-"), then fully chosen.
    ...stepPages(dem).map((_, page) => () => stepBallotCard(dem, page, '0123-'.repeat(cellCount(dem)).slice(0, cellCount(dem)))),
    ...stepPages(dem).map((_, page) => () => stepBallotCard(dem, page, '2'.repeat(cellCount(dem)))),
    () => stepBallotCard(sat, 0, '-'.repeat(cellCount(sat)), { timeZone: 'UTC', error: { zh: '请选择每一项', en: 'Choose every item' } }),
    () => stepBallotCard(outreachDm, stepPages(outreachDm).length - 1, '1'.repeat(cellCount(outreachDm))),
  ],
  votedCard: [() => votedCard(dem), () => votedCard(sat), () => votedCard(outreachDm, { receiptCode: 'ABCD-EFGH' })],
  outreachAdminCard: [
    () => outreachAdminCard({ chats: [] }),
    () => outreachAdminCard({
      chats: ['oc_a', 'oc_b<script>'], errors: ['contact', 'source', 'day', 'closes', 'chat', 'k', 'members'], campaignName: hostileTitle,
    }),
  ],
  ballotMovedCard: [() => ballotMovedCard(dem), () => ballotMovedCard({ title: '<at id=all></at> [x](https://evil)' })],
  openRoundsCard: [() => openRoundsCard([]), () => openRoundsCard([dem, sat, ...Array.from({ length: 12 }, () => small)]),
    () => openRoundsCard([], { ownResults: [dem, sat, ...Array.from({ length: 12 }, () => small)] }),
    () => openRoundsCard([sat], { ownResults: [dem] })],
  // 我的测评结果: a leader with hostile names; weighted groups, a suppressed group, nothing shown at all.
  ownResultsCard: [
    () => ownResultsCard(dem, demResults, dem.subjects[1].key),
    () => ownResultsCard(dem, computeResults(dem, tallies(dem, { team: 3, cadres: 15, _other: 2 })), dem.subjects[2].key),
    () => ownResultsCard(sat, satResults, sat.subjects[1].key),
    () => ownResultsCard(small, emptyResults, small.subjects[1].key),
  ],
  roundAdminCard: [
    () => roundAdminCard({ subjects: subjectOptions(campaign), baselines: [] }),
    () => roundAdminCard({
      subjects: subjectOptions(campaign), baselines: [dem, sat], errors: ['title', 'closes', 'subjects', 'k'], campaignName: hostileTitle,
    }),
  ],
  roundsListCard: [
    () => roundsListCard([], {}),
    () => roundsListCard([
      dem, { ...sat, status: 'open' }, { ...small, status: 'closed' }, { ...dem, paper: true, status: 'open' },
      ...Array.from({ length: 8 }, () => small),
    ], { [dem.id]: { voted: 3, electorate: 40 }, [sat.id]: { voted: 0, electorate: 40 } }),
    () => roundsListCard([dem], { [dem.id]: { voted: 0, electorate: 12 } },
      { groups: { [dem.id]: [{ name: '班子成员', n: 4 }, { name: hostileTitle, n: 8 }] } }),
  ],
  electorateCard: [
    () => electorateCard({ round: dem, groups: byGroup({ ou_a: 'team', ou_b: '_other' }, dem.groups), nameOf: (x) => x, page: 0,
      people: [{ openId: 'ou_a', name: hostileTitle }], fromMembers: false }),
    () => electorateCard({
      round: { ...dem, status: 'open' }, nameOf: () => hostileTitle, page: 1, people: [], fromMembers: true,
      groups: byGroup(Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`ou_${i}`, dem.groups[0].key])), dem.groups),
    }),
  ],
  paperTallyCard: [
    ...paperPages(dem).map((_, page) => () => paperTallyCard(dem, page)),
    () => paperTallyCard(small, 0, { mismatch: true, bad: [{ cell: { index: 0 }, group: 'team' }, { cell: { index: 1 }, group: 'nope' }] }),
    // Third-party paper tallies of an electronic satisfaction round (its channel `paper`).
    ...paperPages(sat).map((_, page) => () => paperTallyCard(sat, page, { channel: true })),
    () => paperTallyCard(sat, 0, { channel: true, mismatch: true, bad: [{ cell: { index: 0 }, group: 'cadres' }] }),
  ],
  resultsCard: [
    () => resultsCard(dem, demResults),
    () => resultsCard(dem, demResults, { hints: [{ kind: 'more', group: dem.groups[0].key, need: 2 },
      { kind: 'tooFew', group: 'x', people: 2, k: 5 }, { kind: 'complementary', group: 'y', waitingFor: [dem.groups[0].key] },
      { kind: 'total', need: 1 }] }),
    () => resultsCard(dem, demResults, { comparison: compareRounds(demResults, demBaseline), baselineTitle: hostileTitle }),
    () => resultsCard(sat, satResults, { verdict: satisfactionVerdict(satResults, { overall: 0.9, perItem: 0.8 }) }),
    () => resultsCard(small, emptyResults, { verdict: satisfactionVerdict(emptyResults, { overall: 0.9, perItem: 0.8 }) }),
    () => resultsCard(outreachChat, outreachResults, { bySource: { source: 'enterprise', visits: 3, results: sourceResults } }),
    // A satisfaction round over its channels: members in Lark, many outreach links (hostile visit names), paper tallies.
    () => resultsCard(sat, satChannels.results, { verdict: satVerdicts.overall, channels: satChannelLines }),
    () => resultsCard(sat, satChannels.results, { channels: satChannelLines.map(({ source, ballots }) => ({ source, ballots })) }),
  ],
};
