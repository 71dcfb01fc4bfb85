import { CATEGORIES, SOURCES, STATUSES, TEXT_MAX, formatCode, label, type TargetOption } from '../../src/domain/opinions/opinion.js';
import { msg, t } from '../../src/messages/index.js';
import { button, card, div, fieldLabel, form, formButton, hr, input, md, noteText, safeMd, select } from '../components.js';
import type { Card, CardElement } from '../types.js';

/** Values to refill the form with after a refused submit (never stored anywhere). */
export interface OpinionFormValues {
  category?: string;
  target?: string;
  source?: string;
  text?: string;
  anonymous?: boolean;
}

/** The 提意见 form: works on a phone, anonymous by default, one input of ≤ 1,000 characters. */
export function opinionFormCard(
  { targets, values = {}, campaignName }: { targets: readonly TargetOption[]; values?: OpinionFormValues; campaignName: string },
): Card {
  const m = msg.opinion;
  const fields: CardElement[] = [
    fieldLabel(t(m.category)),
    select({ name: 'category', placeholder: t(m.category), required: true, initial: values.category,
      options: CATEGORIES.map((c) => ({ label: c.zh, value: c.key })) }),
    fieldLabel(t(m.target)),
    select({ name: 'target', placeholder: t(m.target), required: true, initial: values.target,
      options: targets.map((x) => ({ label: x.zh, value: x.key })) }),
    fieldLabel(t(m.source)),
    select({ name: 'source', placeholder: t(m.source), required: true, initial: values.source,
      options: SOURCES.map((c) => ({ label: c.zh, value: c.key })) }),
    input({ name: 'text', label: t(m.text), placeholder: t(m.textPlaceholder), required: true, multiline: true, rows: 5,
      maxLength: TEXT_MAX, ...(values.text ? { defaultValue: [...values.text].slice(0, TEXT_MAX).join('') } : {}) }),
    fieldLabel(t(m.anonymousLabel)),
    select({ name: 'anonymous', placeholder: t(m.anonymousLabel), required: true,
      initial: values.anonymous === false ? 'named' : 'anonymous',
      options: [{ label: t(m.anonymousOn), value: 'anonymous' }, { label: t(m.anonymousOff), value: 'named' }] }),
    formButton(t(m.submit), { a: 'op.submit' }, { name: 'op_submit', type: 'primary_filled' }),
  ];
  return card({
    title: t(m.formTitle),
    subtitle: campaignName,
    template: 'turquoise',
    personal: true,
    elements: [div(t(m.intro)), noteText(t(m.anonymousMeans)), form('opinion_form', fields)],
  });
}

/** Replaces the form after a valid submit: the receipt code and how to use it. */
export function opinionReceiptCard({ code, anonymous }: { code: string; anonymous: boolean }): Card {
  const m = msg.opinion;
  return card({
    title: t(m.receiptTitle),
    template: 'green',
    personal: true,
    elements: [
      div(t(m.receiptCodeLabel)),
      // Our own code (alphabet A–Z, 2–9 and one dash): trusted, safe in markdown.
      md(`**${formatCode(code)}**`, { text_size: 'heading' }),
      div(`${t(m.receiptHowTo)}${formatCode(code)}`),
      noteText(anonymous ? t(m.receiptLostWarning) : t(m.receiptNamed)),
      hr(),
      button(t(m.another), { a: 'op.new' }),
    ],
  });
}

interface OpinionStatusView {
  code: string;
  status: string;
  reply?: string;
  replyBy?: 'office' | 'leader';
  quickNote?: string;
  ledgerStatus?: string;
  shownInGroup?: boolean;
}

/** The answer to `查询 <回执码>`: status and official reply, as plain text (never markdown). */
export function opinionStatusCard(v: OpinionStatusView): Card {
  const m = msg.opinion;
  const elements: CardElement[] = [
    div(`${t(m.receiptCodeLabel)}${formatCode(v.code)}`),
    md(safeMd`**${t(m.statusLabel)}${label(STATUSES, v.status)}**`),
  ];
  if (v.quickNote) elements.push(div(`${t(m.quickNoteLabel)}${v.quickNote}`));
  if (v.reply) elements.push(div(`${v.replyBy === 'leader' ? t(m.leaderReplyLabel) : t(m.replyLabel)}${v.reply}`));
  else elements.push(noteText(t(m.noReplyYet)));
  if (v.ledgerStatus) elements.push(div(`${t(m.ledgerStatusLabel)}${v.ledgerStatus}`));
  if (v.shownInGroup) elements.push(hr(), noteText(t(msg.dm.codeShownInGroup)));
  return card({ title: t(m.statusTitle), template: v.reply ? 'green' : 'blue', personal: true, elements });
}
