import { OVERRIDE_FORM, OVERRIDE_REASON_MAX, type EndReason, type OverrideError } from '../../src/domain/campaign/end.js';
import { dayText } from '../../src/messages/campaign.js';
import { msg, t, type Locale, type Msg } from '../../src/messages/index.js';
import { button, card, clip, div, form, formButton, hr, input, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';

const E = msg.campaign.end;

/** Reasons listed on the card; the rest are counted (the ledger and 进度 name them all). */
const MAX_REASONS = 30;

function reasonText(r: EndReason): Msg {
  switch (r.kind) {
    case 'notOver': return E.reasons.notOver(dayText(r.until));
    case 'ledger': return E.reasons.ledger(r.seq, clip(r.problem, 60), E.ledgerStatuses[r.status]);
    case 'milestone': return E.reasons.milestone(clip(r.name, 60), dayText(r.date));
    case 'satisfaction': return E.reasons[r.verdict](clip(r.title, 60));
  }
}

interface EndGatesView {
  reasons: readonly EndReason[];
  /** The top leader's form, when the only reasons are ones the override may pass (never the date). */
  override?: boolean;
  error?: OverrideError;
  locale?: Locale;
}

/**
 * 结束活动 (DESIGN §2.7): with every gate passed, the confirmation ("将结束活动并生成归档文件发送给活动办");
 * otherwise the reasons, one line each, and for the top leader the form to end it anyway with a written reason.
 * Problems and names are shown as plain text only.
 */
export function endGatesCard(v: EndGatesView): Card {
  const { locale = 'zh' } = v;
  if (v.reasons.length === 0) {
    return card({
      title: t(E.title, locale), template: 'orange',
      elements: [div(t(E.readyIntro, locale)), button(t(E.confirm, locale), { a: 'ce.end' }, {
        type: 'danger', confirm: { title: t(E.confirmTitle, locale), text: t(E.confirmText, locale) },
      })],
    });
  }
  const shown = v.reasons.slice(0, MAX_REASONS);
  const elements: CardElement[] = [
    div(t(E.refusedIntro(v.reasons.length), locale)),
    ...shown.map((r, i) => div(`${i + 1}. ${t(reasonText(r), locale)}`)),
    ...(v.reasons.length > shown.length ? [noteText(t(E.more(v.reasons.length - shown.length), locale))] : []),
    hr(), noteText(t(E.refusedNote, locale)),
  ];
  if (v.override) {
    elements.push(hr(), div(t(E.overrideIntro, locale)));
    if (v.error) elements.push(div(t(E.toast[v.error], locale), { text_color: 'red' }));
    elements.push(form('ce_override', [
      input({ name: OVERRIDE_FORM.reason, label: t(E.overrideLabel, locale), maxLength: OVERRIDE_REASON_MAX, multiline: true, rows: 3 }),
      formButton(t(E.override, locale), { a: 'ce.override' }, {
        name: 'ce_override_submit', type: 'danger', width: 'fill',
        confirm: { title: t(E.confirmTitle, locale), text: t(E.confirmText, locale) },
      }),
    ]));
  }
  return card({ title: t(E.refusedTitle, locale), template: 'red', elements });
}

interface EndedView {
  byName: string;
  /** Campaign-zone days: the end, the first day the purge may run, the purge. */
  day: string;
  override?: string;
  purgeFrom: string;
  purged?: { byName: string; day: string };
  /** The 清除活动数据 button (admins; the server checks the date again). */
  purgeButton?: boolean;
  locale?: Locale;
}

/** The campaign after its end: who ended it and when, the override's reason, and the purge (offered, or done). */
export function campaignEndedCard(v: EndedView): Card {
  const { locale = 'zh' } = v;
  const elements: CardElement[] = [
    div(t(E.endedBy(clip(v.byName, 50), dayText(v.day)), locale)),
    ...(v.override ? [div(t(E.overrideLine(v.override), locale))] : []),
    div(t(E.archiveNote, locale)),
    hr(),
    div(t(v.purged ? E.purgedLine(clip(v.purged.byName, 50), dayText(v.purged.day)) : E.purgeFrom(dayText(v.purgeFrom)), locale)),
    ...(!v.purged && v.purgeButton ? [button(t(E.purge, locale), { a: 'ce.purge' }, { type: 'danger' })] : []),
  ];
  return card({ title: t(E.endedTitle, locale), template: v.purged ? 'grey' : 'green', elements });
}

/** The purge's confirmation: what will be deleted, what remains, and that it cannot be undone. */
export function purgeConfirmCard(v: { locale?: Locale } = {}): Card {
  const { locale = 'zh' } = v;
  return card({
    title: t(E.purgeTitle, locale), template: 'red',
    elements: [div(t(E.purgeWhat, locale)), button(t(E.purgeConfirm, locale), { a: 'ce.purgeConfirm' }, {
      type: 'danger', confirm: { title: t(E.purgeTitle, locale), text: t(E.purgeConfirmText, locale) },
    })],
  });
}
