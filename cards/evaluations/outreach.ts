import { NO_CHAT, OUTREACH_FORM, type OutreachFormError } from '../../src/domain/evaluations/outreach.js';
import { K_DEFAULT } from '../../src/domain/evaluations/round.js';
import { SOURCES } from '../../src/domain/opinions/opinion.js';
import { msg, t } from '../../src/messages/index.js';
import { button, card, div, datePicker, form, formButton, input, noteText, select } from '../components.js';
import type { Card, CardElement } from '../types.js';
import type { FieldError } from '../form-values.js';

/** The admin's form for an outreach round (走进职工 visit): contact point, source group, date, delivery. */

const E = msg.evaluation;
const O = E.outreach;

interface OutreachAdminInput {
  /** Chats the campaign knows (chat_id → shown as is; names are not fetched). */
  chats: readonly string[];
  errors?: readonly (OutreachFormError | 'members')[];
  campaignName?: string;
}

export function outreachAdminCard(v: OutreachAdminInput): Card {
  const fields: CardElement[] = [
    input({ name: OUTREACH_FORM.contact, label: t(O.contact), required: true, maxLength: 60 }),
    div(t(O.source)),
    select({ name: OUTREACH_FORM.source, placeholder: t(O.source), required: true,
      options: SOURCES.map((s) => ({ label: s.zh, value: s.key })) }),
    div(t(O.day)),
    datePicker({ name: OUTREACH_FORM.day, placeholder: t(O.day), required: true }),
    div(t(O.closes)),
    datePicker({ name: OUTREACH_FORM.closes, placeholder: t(O.closes), required: true }),
    div(t(O.delivery)),
    select({ name: OUTREACH_FORM.delivery, placeholder: t(O.delivery), required: true, initial: 'dm',
      options: [{ label: t(O.deliveryDm), value: 'dm' }, { label: t(O.deliveryChat), value: 'chat' }] }),
    div(t(O.chat)),
    select({ name: OUTREACH_FORM.chat, placeholder: t(O.chat), initial: NO_CHAT,
      options: [{ label: '—', value: NO_CHAT }, ...v.chats.slice(0, 50).map((c) => ({ label: c, value: c }))] }),
    input({ name: OUTREACH_FORM.chatTyped, label: t(O.chatTyped), maxLength: 80 }),
    input({ name: OUTREACH_FORM.k, label: t(E.admin.k), defaultValue: String(K_DEFAULT), maxLength: 4 }),
    formButton(t(O.create), { a: 'ev.outreachCreate' }, { name: 'or_create', width: 'fill' }),
  ];
  const elements: CardElement[] = [];
  if (v.errors?.length) elements.push(...v.errors.map((e) => div(t(O.invalid[e]), { text_color: 'red' })));
  elements.push(form('or_new', fields), noteText(t(O.note)), button(t(E.list.back), { a: 'ev.list' }, { type: 'text' }));
  return card({ title: t(O.title), ...(v.campaignName ? { subtitle: v.campaignName } : {}), template: 'indigo', elements });
}

const OUTREACH_FIELD: Record<OutreachFormError | 'members', string> = {
  contact: OUTREACH_FORM.contact, source: OUTREACH_FORM.source, day: OUTREACH_FORM.day, closes: OUTREACH_FORM.closes,
  delivery: OUTREACH_FORM.delivery, chat: OUTREACH_FORM.chatTyped, k: OUTREACH_FORM.k, members: OUTREACH_FORM.chatTyped,
};

/** Each outreach-form error marked at its field (cards/form-values.ts). */
export function outreachFieldErrors(errors: readonly (OutreachFormError | 'members')[]): FieldError[] {
  return errors.map((e) => ({ field: OUTREACH_FIELD[e], text: t(O.invalid[e]) }));
}
