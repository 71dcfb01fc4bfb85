import { fmt, msg, t, type Locale } from '../src/messages/index.js';
import { card, clip, div, noteText, table } from './components.js';
import type { Card, CardElement } from './types.js';

const OPEN_ID = /^ou_[A-Za-z0-9_-]{1,64}$/;

/**
 * The short group note when a personal request (提意见, 查询, a ballot) is answered by direct message.
 * A text message; with `openId` it @-mentions the asker (Lark text syntax `<at user_id="…"></at>`).
 */
export function dmNoticeText({ openId, locale = 'zh' }: { openId?: string; locale?: Locale } = {}): string {
  const at = openId && OPEN_ID.test(openId) ? `<at user_id="${openId}"></at> ` : '';
  return at + t(msg.dm.sentByDm, locale);
}

type UnreachableReason = keyof typeof msg.unreachable.reasons;
export interface UnreachablePerson { openId?: string; chatId?: string; name?: string; reason: UnreachableReason }

/** Rows shown; the table's JSON counts against the 30 KB card limit. */
const MAX_UNREACHABLE_ROWS = 100;

/** For the admins: who a card could not reach (230013 out of scope, left the company, …). */
export function unreachableReportCard({ people, locale = 'zh' }: { people: readonly UnreachablePerson[]; locale?: Locale }): Card {
  const shown = people.slice(0, MAX_UNREACHABLE_ROWS);
  const elements: CardElement[] = [
    div(t(fmt.unreachableCount(people.length), locale)),
    noteText(t(msg.unreachable.note, locale)),
  ];
  if (shown.length > 0) {
    elements.push(table({
      columns: [
        { key: 'person', label: t(msg.unreachable.colName, locale) },
        { key: 'reason', label: t(msg.unreachable.colReason, locale) },
      ],
      rows: shown.map((p) => ({
        person: clip(p.name || p.openId || p.chatId || t(msg.unreachable.unknownPerson, locale), 40),
        reason: t(msg.unreachable.reasons[p.reason], locale),
      })),
    }));
  }
  if (people.length > shown.length) elements.push(noteText(t(fmt.moreNotShown(people.length - shown.length), locale)));
  return card({ title: t(msg.unreachable.title, locale), template: 'orange', elements });
}
