/**
 * The one catalog of user-facing text: Chinese first, English beside it. Cards and handlers take their
 * words from here. Entries are trusted text (they may go into markdown); the `fmt` helpers splice in
 * parameters such as names, which are NOT escaped: render their result as plain text
 * (cards/components `div`) or escape the parameters before putting them into markdown.
 */
import { campaignMsg, digestMsg, progressMsg } from './campaign.js';
import { coreMsg, fmt } from './core.js';
import { evaluationMsg } from './evaluations.js';
import { evaluationAdminMsg } from './evaluations-admin.js';
import { ledgerMsg } from './ledger.js';
import { lookbackMsg } from './lookback.js';
import { rulesMsg } from './rules.js';
import { materialsMsg } from './materials.js';
import { boardMsg } from './board.js';
import { opinionMsg, reportMsg, triageMsg } from './opinions.js';
import { studyMsg } from './study.js';
import { filesMsg } from './files.js';
import { meetingsMsg } from './meetings.js';
import { talksMsg } from './talks.js';
import { progressTalksMsg } from './progress-talks.js';
import { outreachPageMsg } from './outreach-page.js';
import { outreachMsg } from './outreach.js';

export { both, t, type Locale, type Msg } from './catalog.js';
export { fmt };

/** The whole catalog: one section per feature, the core's sections at the top level. */
export const msg = {
  opinion: opinionMsg,
  triage: triageMsg,
  evaluation: evaluationMsg,
  evaluationAdmin: evaluationAdminMsg,
  ledger: ledgerMsg,
  lookback: lookbackMsg,
  rules: rulesMsg,
  materials: materialsMsg,
  meetings: meetingsMsg,
  talks: talksMsg,
  study: studyMsg,
  board: boardMsg,
  files: filesMsg,
  campaign: campaignMsg,
  progress: progressMsg,
  digest: digestMsg,
  progressTalks: progressTalksMsg,
  outreach: outreachMsg,
  ...coreMsg,
  report: reportMsg,
  outreachPage: outreachPageMsg,
} as const;
