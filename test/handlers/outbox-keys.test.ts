import { describe, expect, it } from 'vitest';
import * as core from '../../handlers/outbox-keys.js';
import * as board from '../../handlers/board/outbox-keys.js';
import * as campaign from '../../handlers/campaign/outbox-keys.js';
import * as evaluations from '../../handlers/evaluations/outbox-keys.js';
import * as files from '../../handlers/files/outbox-keys.js';
import * as ledger from '../../handlers/ledger/outbox-keys.js';
import * as materials from '../../handlers/materials/outbox-keys.js';
import * as talks from '../../handlers/talks/outbox-keys.js';
import * as opinions from '../../handlers/opinions/outbox-keys.js';
import * as study from '../../handlers/study/outbox-keys.js';
import * as rules from '../../handlers/rules/outbox-keys.js';
import * as meetings from '../../handlers/meetings/outbox-keys.js';
import * as outreach from '../../handlers/outreach/outbox-keys.js';

/**
 * Every outbox key builder, pinned. A deployed outbox de-duplicates sends and finds the messages to
 * patch by these strings, so a change to one is a data migration, never a refactor: if a pin fails,
 * the change needs a plan for the messages already sent under the old key.
 */

const FEATURES = { core, opinions, evaluations, study, ledger, board, campaign, rules, materials, files, meetings, talks, outreach };
type Features = typeof FEATURES;
/** Per feature, per builder: [what it builds, the pinned string]. */
type Pins = { [F in keyof Features]: Record<keyof Features[F], [string, string][]> };

const PINS = {
  core: {
    replyKey: [[core.replyKey('evt_1'), 'reply-evt_1'], [core.replyKey('evt_1', 'v'), 'reply-evt_1-v']],
    replyDmKey: [[core.replyDmKey('evt_1'), 'reply-evt_1-dm'], [core.replyDmKey('evt_1', 'v'), 'reply-evt_1-v-dm']],
    replyNoteKey: [[core.replyNoteKey('evt_1'), 'reply-evt_1-note'], [core.replyNoteKey('evt_1', 'v'), 'reply-evt_1-v-note']],
    askAgainKey: [[core.askAgainKey('evt_1'), 'reply-evt_1-again']],
    cardReplyKey: [[core.cardReplyKey('evt_1'), 'card-evt_1']],
    welcomeKey: [[core.welcomeKey('evt_1'), 'welcome-evt_1']],
    elsewhereKey: [[core.elsewhereKey('evt_1'), 'elsewhere-evt_1']],
    elsewhereCardKey: [[core.elsewhereCardKey('evt_1'), 'elsewhere-evt_1-card']],
    exportKey: [[core.exportKey('evt_1'), 'export-evt_1']],
    lateAnswerKey: [[core.lateAnswerKey('evt_1'), 'late-answer:evt_1']],
    lateFailureKey: [[core.lateFailureKey('evt_1'), 'late-failure:evt_1']],
    repostKey: [[core.repostKey('reply-evt_1', 1), 'reply-evt_1#re1'], [core.repostKey('reply-evt_1', 2), 'reply-evt_1#re2']],
    unreachableReportKey: [
      [core.unreachableReportKey(new Set(['ou_gone', 'oc_left']), 'ou_admin'), 'outbox-report:QvxuchIzxVnATUFA:ou_admin'],
      [core.unreachableReportKey(['oc_left', 'ou_gone'], 'ou_admin'), 'outbox-report:QvxuchIzxVnATUFA:ou_admin'],
    ],
  },
  opinions: {
    opinionAnsweredKey: [[opinions.opinionAnsweredKey('o1', '已整改，谢谢。'), 'op-answered-o1-ec187749e275']],
    opinionForwardedKey: [[opinions.opinionForwardedKey('o1', 'ou_leader'), 'op-fwd-o1-ou_leader']],
    opinionToTeamKey: [[opinions.opinionToTeamKey('o1', 'ou_leader'), 'op-team-o1-ou_leader']],
    opinionToTopKey: [[opinions.opinionToTopKey('o1', 'ou_top'), 'op-top-o1-ou_top']],
    opinionPassedKey: [[opinions.opinionPassedKey('o1', 'ou_leader'), 'op-pass-o1-ou_leader']],
  },
  evaluations: {
    // The voter part is the `ballot-message` HMAC, never the register's (test/integration/evaluations/ballot-links.test.ts).
    ballotKey: [[evaluations.ballotKey('r1', 'm1', 0), 'ev-ballot-r1-m1'], [evaluations.ballotKey('r1', 'm1', 2), 'ev-ballot-r1-m1-r2']],
    chatBallotKey: [
      [evaluations.chatBallotKey('r1', 0), 'ev-ballot-r1-chat'],
      [evaluations.chatBallotKey('r1', 1), 'ev-ballot-r1-chat-r1'],
    ],
    ballotReminderKey: [[evaluations.ballotReminderKey('r1', 'm1', 'evt_1'), 'ev-remind-r1-m1-evt_1']],
    roundResultsKey: [[evaluations.roundResultsKey('r1', 'ou_a'), 'ev-results-r1-ou_a']],
  },
  study: {
    sessionCardKey: [[study.sessionCardKey('s1', 'r1', 'ou_a'), 'st-card-s1-r1-ou_a']],
    reflectionKey: [[study.reflectionKey('s1', 'ou_a'), 'st-refl-s1-ou_a']],
    reflectionResendKey: [[study.reflectionResendKey('s1', 2, 'ou_a'), 'st-refl-s1-re2-ou_a']],
    nudgeKey: [[study.nudgeKey('s1', 'ou_a'), 'st-nudge-s1-ou_a']],
    studyDigestKey: [[study.studyDigestKey('s1', 'ou_a'), 'st-digest-s1-ou_a']],
  },
  ledger: {
    stepKey: [[ledger.stepKey('i1', 3, 'k2', 'ou_a'), 'lg-i1-3-k2-ou_a']],
    assignedKey: [[ledger.assignedKey('i1', 3, 'ou_a'), 'lg-i1-assign-3-ou_a']],
    decisionKey: [
      [ledger.decisionKey('i1', 'ext', 2, 0, 'ou_a'), 'lg-i1-ext-2-ou_a'],
      [ledger.decisionKey('i1', 'review', 5, 1, 'ou_a'), 'lg-i1-review-h5-r1-ou_a'],
    ],
    ledgerNoticeKey: [
      [ledger.ledgerNoticeKey('i1', 'reopen', 4, 'ou_a'), 'lg-i1-reopen-h4-ou_a'],
      [ledger.ledgerNoticeKey('i1', 'closed', 6, 'ou_a'), 'lg-i1-closed-h6-ou_a'],
      [ledger.ledgerNoticeKey('i1', 'rejected', 7, 'ou_a'), 'lg-i1-rejected-h7-ou_a'],
    ],
    extensionDecidedKey: [[ledger.extensionDecidedKey('i1', 2, 'ou_a'), 'lg-i1-extd-2-ou_a']],
    reopenedKey: [[ledger.reopenedKey([{ id: 'i1', gen: 3 }, { id: 'i2', gen: 1 }], 'ou_admin'), 'lg-reopen-uz8R873_EjE5IKUJ-ou_admin']],
    lookbackPageKey: [
      [ledger.lookbackPageKey('lb1', 'ou_l', 0), 'lb-lb1-ou_l-p0'],
      [ledger.lookbackPageKey('lb1', 'ou_l', 1, 2), 'lb-lb1-ou_l-p1-g2'],
    ],
    lookbackDoneKey: [[ledger.lookbackDoneKey('lb1', 'ou_admin'), 'lb-lb1-done-ou_admin']],
  },
  rules: {
    ruleStepKey: [[rules.ruleStepKey('r1', 2, 'd3', 'ou_owner'), 'rl-r1-2-d3-ou_owner']],
    ruleAssignedKey: [[rules.ruleAssignedKey('r1', 'ou_owner'), 'rl-r1-assign-ou_owner']],
    ruleNoticeKey: [[rules.ruleNoticeKey('r1', 'adopt', 7, 'ou_admin'), 'rl-r1-adopt-h7-ou_admin']],
    ruleReadyKey: [[rules.ruleReadyKey('r1', 'ou_admin'), 'rl-r1-ready-ou_admin']],
  },
  board: {
    boardMessageKey: [[board.boardMessageKey(3, 12), 'board-3-p12']],
  },
  campaign: {
    phaseAnnouncedKey: [[campaign.phaseAnnouncedKey('criticism', '2027-05-01'), 'cp-phase-criticism-2027-05-01']],
    weeklyDigestKey: [[campaign.weeklyDigestKey('2027-W10', 'ou_leader_wang'), 'cp-digest-2027-W10-ou_leader_wang']],
    milestoneReminderKey: [[campaign.milestoneReminderKey('AbCdEf012345', 't-3', 'ou_a'), 'cp-ms-AbCdEf012345-t-3-ou_a']],
    unresolvedPeopleKey: [
      [campaign.unresolvedPeopleKey(['动员大会: ghost@x.cn', '测评: +8613800000009'], 'ou_admin'), 'cp-unresolved-ROiJAVPsYde6-ou_admin'],
      [campaign.unresolvedPeopleKey(['测评: +8613800000009', '动员大会: ghost@x.cn'], 'ou_admin'), 'cp-unresolved-ROiJAVPsYde6-ou_admin'],
    ],
    archiveFileKey: [[campaign.archiveFileKey('evt_1', 'ou_admin'), 'cp-archive-evt_1-ou_admin']],
    campaignEndNoticeKey: [[campaign.campaignEndNoticeKey('evt_1', 'ou_admin'), 'cp-end-evt_1-ou_admin']],
  },
  materials: {
    materialAssignedKey: [[materials.materialAssignedKey('m1', 1, 'ou_a'), 'mt-m1-assign-h1-ou_a']],
    materialReviewKey: [[materials.materialReviewKey('m1', 3, 1, 'ou_a'), 'mt-m1-v3-s1-ou_a']],
    materialReturnedKey: [[materials.materialReturnedKey('m1', 2, 'ou_a'), 'mt-m1-v2-ret-ou_a']],
    materialCommentKey: [[materials.materialCommentKey('m1', 7, 'ou_a'), 'mt-m1-c7-ou_a']],
    materialAcceptedKey: [[materials.materialAcceptedKey('m1', 'ou_a'), 'mt-m1-ok-ou_a']],
    materialReminderKey: [
      [materials.materialReminderKey('m1', 'g0-d3', 'ou_a'), 'mt-m1-r-g0-d3-ou_a'],
      [materials.materialReminderKey('m1', 'v2-s1-h4', 'ou_a'), 'mt-m1-r-v2-s1-h4-ou_a'],
    ],
    materialFileKey: [[materials.materialFileKey('m1', 2, 'ou_a'), 'mt-m1-v2-file-ou_a']],
    materialFileAskKey: [[materials.materialFileAskKey('m1', 3, 'evt_1'), 'mt-m1-v3-ask-evt_1']],
    materialFetchKey: [[materials.materialFetchKey('m1', 2, 'ou_a'), 'mt-m1-v2-get-ou_a']],
  },
  talks: {
    talkPlannedKey: [[talks.talkPlannedKey('t1', 'ou_a'), 'tk-t1-plan-ou_a']],
    talkHeldKey: [[talks.talkHeldKey('t1', 'ou_a'), 'tk-t1-held-ou_a']],
    talkMovedKey: [[talks.talkMovedKey('t1', 1, 'ou_a'), 'tk-t1-due-g1-ou_a'], [talks.talkMovedKey('t1', 3, 'ou_b'), 'tk-t1-due-g3-ou_b']],
    talkReminderKey: [
      [talks.talkReminderKey('t1', 'g0-d1', 'ou_a'), 'tk-t1-r-g0-d1-ou_a'],
      [talks.talkReminderKey('t1', 'g2-over', 'ou_b'), 'tk-t1-r-g2-over-ou_b'],
    ],
  },
  files: {
    fileAnswerKey: [
      [files.fileAnswerKey('evt_1', 'hint'), 'file-evt_1-hint'], [files.fileAnswerKey('evt_1', 'refused'), 'file-evt_1-refused'],
      [files.fileAnswerKey('evt_1', 'receipt'), 'file-evt_1-receipt'],
    ],
    opinionDraftKey: [[files.opinionDraftKey('evt_1', 'ou_admin'), 'file-draft-opinion-evt_1-ou_admin']],
  },
  meetings: {
    meetingInviteKey: [[meetings.meetingInviteKey('g1', 'ou_a'), 'mg-g1-invite-ou_a']],
    recordConfirmKey: [[meetings.recordConfirmKey('g1', 'ou_a', 123), 'mg-g1-rec-123-ou_a']],
    correctionKey: [[meetings.correctionKey('g1', 'ou_a', 123, 'ou_b'), 'mg-g1-corr-ou_a-123-ou_b']],
    meetingReminderKey: [[meetings.meetingReminderKey('g1', 't1', 'ou_a'), 'mg-g1-t1-ou_a']],
  },
  outreach: {
    linkCardKey: [[outreach.linkCardKey('l1', 'evt_1'), 'ol-l1-evt_1-card']],
    linkQrKey: [[outreach.linkQrKey('l1', 'evt_1'), 'ol-l1-evt_1-qr']],
    linkSheetKey: [[outreach.linkSheetKey('l1', 'evt_1'), 'ol-l1-evt_1-sheet']],
  },
} satisfies Pins;

const features = Object.keys(FEATURES) as (keyof Features)[];
const builtBy = (f: keyof Features) => Object.values<[string, string][]>(PINS[f]).flat();
/** The prefix a key starts with, up to its first `-` or `:` (`ev`, `st`, `reply`, `outbox`, …). */
const prefixOf = (key: string) => /^[^-:]+/.exec(key)![0];

describe('outbox keys', () => {
  it.each(features)('%s: every builder is pinned', (f) => {
    expect(Object.keys(FEATURES[f]).sort()).toEqual(Object.keys(PINS[f]).sort());
  });

  it.each(features)('%s: every key is the deployed string', (f) => {
    for (const [name, pins] of Object.entries<[string, string][]>(PINS[f])) {
      for (const [built, pinned] of pins) expect(built, name).toBe(pinned);
    }
  });

  it('no two features share a prefix', () => {
    const owner = new Map<string, string>();
    for (const f of features) {
      for (const [key] of builtBy(f)) {
        const p = prefixOf(key);
        expect(owner.get(p) ?? f, `prefix "${p}-" of ${key}`).toBe(f);
        owner.set(p, f);
      }
    }
    // `ev-` is the evaluations' alone; the answer to an event is `reply-`.
    expect(owner.get('ev')).toBe('evaluations');
    expect(owner.get('reply')).toBe('core');
  });
});
