import type { CardActionName } from '../../cards/actions.js';
import { onLedgerActivate, onLedgerDeadline, onLedgerEdit, onLedgerNew, onLedgerReopen, onLedgerSave } from './admin.js';
import { onLedgerConfirm, onLedgerExtDecide, onLedgerExtend, onLedgerProgress, onLedgerReject, onLedgerSubmit } from './owner.js';
import { onLedgerExport, onLedgerFilter, onLedgerList, onLedgerOpen } from './list.js';
import { onLookbackHolds, onLookbackReopen, onLookbackStart, onLookbackSummary } from './lookback.js';
import type { CardHandler } from '../types.js';

/** The ledger's card actions (`lg.*`, and `lb.*` of its 回头看), spread into the one registry in handlers/index.ts. */
export const ledgerCardHandlers = {
  'lg.list': onLedgerList,
  'lg.filter': onLedgerFilter,
  'lg.open': onLedgerOpen,
  'lg.new': onLedgerNew,
  'lg.edit': onLedgerEdit,
  'lg.save': onLedgerSave,
  'lg.activate': onLedgerActivate,
  'lg.deadline': onLedgerDeadline,
  'lg.reopen': onLedgerReopen,
  'lg.progress': onLedgerProgress,
  'lg.extend': onLedgerExtend,
  'lg.submit': onLedgerSubmit,
  'lg.extDecide': onLedgerExtDecide,
  'lg.confirm': onLedgerConfirm,
  'lg.reject': onLedgerReject,
  'lg.export': onLedgerExport,
  'lb.start': onLookbackStart,
  'lb.holds': onLookbackHolds,
  'lb.reopen': onLookbackReopen,
  'lb.summary': onLookbackSummary,
} satisfies { [A in (`lg.${string}` | `lb.${string}`) & CardActionName]?: CardHandler<A> };
