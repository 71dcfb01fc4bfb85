import { CATEGORIES, SOURCES, STATUSES, TEXT_MAX, label, type TargetOption } from '../../src/domain/opinions/opinion.js';
import { msg, t } from '../../src/messages/index.js';
import type { Opinion } from '../../src/store/opinions.js';
import {
  button, card, clip, columns, div, fieldLabel, form, formButton, hr, input, md, multiSelect, noteText, safeMd, select,
} from '../components.js';
import type { Card, CardElement } from '../types.js';
import { feedbackElements } from './feedback.js';

export const TRIAGE_PAGE_SIZE = 8;

/** Preset tags for sorting opinions (梳理归并). */
export const TRIAGE_TAGS = ['重点', '共性问题', '个性问题', '需调研', '已核实', '涉及制度', '涉及经费'] as const;

export const meta = (o: Opinion, targets: readonly TargetOption[]) =>
  [label(CATEGORIES, o.category), targets.find((x) => x.key === o.target)?.zh ?? o.target, label(SOURCES, o.source), o.day,
    ...(o.visit ? [`走访 ${o.visit}`] : [])].join(' · ');

/** The list of opinions waiting for triage, one page. Opinion text is plain text, clipped. */
export function triageListCard(
  v: { items: readonly Opinion[]; page: number; open: number; total: number; targets: readonly TargetOption[] },
): Card {
  const m = msg.triage;
  const elements: CardElement[] = [div(t(m.counts(v.open, v.total)))];
  if (v.items.length === 0) elements.push(noteText(t(m.empty)));
  for (const o of v.items) {
    elements.push(hr(), noteText(meta(o, v.targets)), columns([
      { elements: [div(clip(o.text.replace(/\s+/g, ' '), 80))], weight: 4 },
      { elements: [button(t(m.open), { a: 'tr.open', id: o.id, page: v.page }, { type: 'primary', size: 'small' })], weight: 1 },
    ]));
  }
  const nav: CardElement[] = [];
  if (v.page > 0) nav.push(button(t(m.prev), { a: 'tr.page', page: v.page - 1 }, { size: 'small' }));
  if ((v.page + 1) * TRIAGE_PAGE_SIZE < v.open) nav.push(button(t(m.next), { a: 'tr.page', page: v.page + 1 }, { size: 'small' }));
  if (nav.length) elements.push(hr(), columns(nav.map((b) => ({ elements: [b] }))));
  return card({ title: t(m.listTitle), template: 'orange', elements });
}

interface TriageItemView {
  opinion: Opinion;
  targets: readonly TargetOption[];
  /** Other opinions it may be merged into: [id, short text]. */
  mergeCandidates: readonly { id: string; text: string }[];
  /** Leaders it may be forwarded to. */
  leaders: readonly { openId: string; name: string; title?: string }[];
  groupSize: number;
  page: number;
  /** The contact an outreach page's writer chose to leave (stored apart from the opinion; shown to those who triage). */
  contact?: string;
}

/** One opinion with every triage action; each action is its own small form (field names card-unique). */
export function triageItemCard(v: TriageItemView): Card {
  const m = msg.triage;
  const o = v.opinion;
  const elements: CardElement[] = [
    noteText(`${meta(o, v.targets)} · ${o.anonymous ? t(m.anonymous) : t(m.named)}`),
    md(safeMd`**${t(msg.opinion.statusLabel)}${label(STATUSES, o.status)}**`),
    div(o.text),
  ];
  if (v.contact) elements.push(div(`${t(msg.outreachPage.triageContact)}${v.contact}`));
  if (o.tags.length) elements.push(noteText(`${t(m.tagsField)}：${o.tags.join('、')}`));
  if (v.groupSize > 1) elements.push(noteText(t(m.groupSize(v.groupSize))));
  if (o.quickNote) elements.push(div(`${t(msg.opinion.quickNoteLabel)}${o.quickNote}`));
  if (o.reply) elements.push(div(`${o.replyBy === 'leader' ? t(msg.opinion.leaderReplyLabel) : t(msg.opinion.replyLabel)}${o.reply}`));
  if (o.feedback === 'top') elements.push(noteText(t(m.viaTop)));
  if (o.forwardedTo.length) {
    elements.push(noteText(
      `${t(m.forwarded)}：${o.forwardedTo.map((id) => v.leaders.find((l) => l.openId === id)?.name ?? id).join('、')}`));
  }

  if (o.mergedInto) {
    elements.push(hr(), noteText(t(m.mergedNote)));
  } else {
    elements.push(
      hr(),
      form('tr_reply', [
        input({ name: 'reply_text', label: t(m.replyField), required: true, multiline: true, rows: 3, maxLength: TEXT_MAX }),
        formButton(t(m.replyButton), { a: 'tr.do', id: o.id, op: 'reply' }, { name: 'tr_reply_submit', type: 'primary_filled' }),
      ]),
      form('tr_quick', [
        input({ name: 'quick_text', label: t(m.quickField), required: true, maxLength: TEXT_MAX }),
        formButton(t(m.quickButton), { a: 'tr.do', id: o.id, op: 'quick' }, { name: 'tr_quick_submit', type: 'default' }),
      ]),
      form('tr_tags', [
        fieldLabel(t(m.tagsField)),
        multiSelect({ name: 'tags', placeholder: t(m.tagsField),
          selected: o.tags.filter((x) => (TRIAGE_TAGS as readonly string[]).includes(x)),
          options: TRIAGE_TAGS.map((x) => ({ label: x, value: x })) }),
        formButton(t(m.tagsButton), { a: 'tr.do', id: o.id, op: 'tags' }, { name: 'tr_tags_submit', type: 'default' }),
      ]),
    );
    if (v.mergeCandidates.length) {
      elements.push(form('tr_merge', [
        fieldLabel(t(m.mergeField)),
        select({ name: 'merge_into', placeholder: t(m.mergeField), required: true,
          options: v.mergeCandidates.map((c) => ({ label: clip(c.text.replace(/\s+/g, ' '), 40), value: c.id })) }),
        formButton(t(m.mergeButton), { a: 'tr.do', id: o.id, op: 'merge' }, { name: 'tr_merge_submit', type: 'default' }),
      ]));
    }
    if (v.leaders.length) {
      elements.push(form('tr_forward', [
        fieldLabel(t(m.forwardField)),
        select({ name: 'forward_to', placeholder: t(m.forwardField), required: true,
          options: v.leaders.map((l) => ({ label: l.title ? `${l.name}（${l.title}）` : l.name, value: l.openId })) }),
        formButton(t(m.forwardButton), { a: 'tr.do', id: o.id, op: 'forward' }, { name: 'tr_forward_submit', type: 'default' }),
      ]));
    }
    elements.push(...feedbackElements(o));
    elements.push(columns([
      { elements: [button(t(m.adopt), { a: 'tr.do', id: o.id, op: 'adopt' }, { size: 'small' })] },
      { elements: [button(t(m.close), { a: 'tr.do', id: o.id, op: 'close' }, { size: 'small' })] },
      ...(o.ledgerItem ? [] : [{
        elements: [button(t(msg.ledger.actions.toLedger), { a: 'tr.do', id: o.id, op: 'ledger' }, { size: 'small' as const })],
      }]),
    ]));
  }
  elements.push(hr(), button(t(m.backToList), { a: 'tr.page', page: v.page }, { size: 'small' }));
  return card({ title: t(m.itemTitle), template: 'orange', elements });
}

/**
 * What a leader receives: the text, never the submitter, and a reply form. `via`: how it reached them (the office
 * alone, the whole team, or the top leader with their note: 转常务主席反馈).
 */
export function forwardedOpinionCard(
  v: { opinion: Opinion; targets: readonly TargetOption[]; replied?: string; via?: 'office' | 'team' | 'top'; note?: string },
): Card {
  const m = msg.triage;
  const intro = v.via === 'team' ? m.teamNote : v.via === 'top' ? m.personalNote : m.forwardedNote;
  const elements: CardElement[] = [noteText(t(intro)), noteText(meta(v.opinion, v.targets)), div(v.opinion.text)];
  if (v.note) elements.push(div(`${t(m.topNoteLabel)}${v.note}`));
  if (v.replied) elements.push(hr(), div(`${t(msg.opinion.leaderReplyLabel)}${v.replied}`));
  else {
    elements.push(form('lr_form', [
      input({ name: 'leader_reply', label: t(m.leaderReplyField), required: true, multiline: true, rows: 3, maxLength: TEXT_MAX }),
      formButton(t(m.replyButton), { a: 'lr.reply', id: v.opinion.id }, { name: 'lr_submit', type: 'primary' }),
    ]));
  }
  const title = v.via === 'team' ? m.teamTitle : v.via === 'top' ? m.personalTitle : m.forwardedTitle;
  return card({ title: t(title), template: 'wathet', elements });
}
