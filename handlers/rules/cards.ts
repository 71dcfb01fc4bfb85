import type { CardActionName } from '../../cards/actions.js';
import type { CardHandler } from '../types.js';
import { onRuleEdit, onRuleIssue, onRuleNew, onRuleSave } from './admin.js';
import { onRuleOpen, onRulesExport, onRulesFilter, onRulesList } from './list.js';

/** The register's card actions (`rl.*`), spread into the one registry in handlers/index.ts. */
export const rulesCardHandlers = {
  'rl.list': onRulesList,
  'rl.filter': onRulesFilter,
  'rl.open': onRuleOpen,
  'rl.new': onRuleNew,
  'rl.edit': onRuleEdit,
  'rl.save': onRuleSave,
  'rl.issue': onRuleIssue,
  'rl.export': onRulesExport,
} satisfies { [A in `rl.${string}` & CardActionName]: CardHandler<A> };
