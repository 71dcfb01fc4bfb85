import { commandsFor, type CommandKey, type Role } from '../src/domain/commands.js';
import type { CommandHandler } from './types.js';
import { onHelp } from './help/command.js';
import { onRoleCommand } from './roles/command.js';
import { onOpinion } from './opinions/submit.js';
import { onTriage } from './opinions/triage.js';
import { onReport } from './opinions/report.js';
import { onEvaluateLive } from './evaluations/live.js';
import { onStatusUsage } from './opinions/lookup.js';
import { onStudy, onStudySettings } from './study/command.js';
import { onLedger } from './ledger/list.js';
import { onRules } from './rules/list.js';
import { onMaterials } from './materials/list.js';
import { onMaterialsSettings } from './materials/kinds.js';
import { onMeeting } from './meetings/command.js';
import { onTalks } from './talks/list.js';
import { onProgress } from './campaign/progress.js';
import { onEndCampaign } from './campaign/end.js';
import { onProgressSettings } from './campaign/settings.js';
import { onOutreach } from './outreach/command.js';


/**
 * The command registry: what is listed here is built. A command whose feature is not built yet is
 * left out of help and gets the unknown-command hint (no placeholder cards).
 */
export const commandHandlers: Partial<Record<CommandKey, CommandHandler>> = {
  help: onHelp,
  opinion: onOpinion,
  // A typed 查询 is answered inline by the webhook (handlers/opinion-lookup.ts); listed for help.
  status: onStatusUsage,
  triage: onTriage,
  report: onReport,
  evaluate: onEvaluateLive,
  study: onStudy,
  studySettings: onStudySettings,
  ledger: onLedger,
  rules: onRules,
  materials: onMaterials,
  meeting: onMeeting,
  talks: onTalks,
  outreach: onOutreach,
  progress: onProgress,
  progressSettings: onProgressSettings,
  materialsSettings: onMaterialsSettings,
  endCampaign: onEndCampaign,
  settings: onRoleCommand,
  remove: onRoleCommand,
};

/** Built commands the caller's roles allow, in help order. */
export function availableCommands(roles: readonly Role[]): CommandKey[] {
  return commandsFor(roles).filter((k) => commandHandlers[k] !== undefined);
}
