import { CAP_DEFAULT } from '../../src/domain/outreach/link.js';
import { EXTEND_FORM, LINK_FORM, NO_LEADER, NO_ROUND, type LinkFormError } from '../../src/domain/outreach/form.js';
import { DEFAULT_GROUP } from '../../src/domain/evaluations/round.js';
import { SOURCES } from '../../src/domain/opinions/opinion.js';
import { msg, t } from '../../src/messages/index.js';
import { button, card, clip, datePicker, div, fieldLabel, form, formButton, input, noteText, select } from '../components.js';
import type { FieldError } from '../form-values.js';
import type { Card, CardElement } from '../types.js';
import { linkDetails, linkTitle, type LinkRow } from './common.js';

const M = msg.outreach;

interface Option { value: string; label: string }

export interface LinkFormView {
  /** Rounds a link may take (outreach or satisfaction, draft or open, not paper). */
  rounds: readonly Option[];
  /** The rater groups of the campaign file; 其他 (DEFAULT_GROUP) is added here. */
  groups: readonly Option[];
  /** Leaders an admin may name; undefined for a leader creating their own visit's link. */
  leaders?: readonly Option[];
  errors?: readonly LinkFormError[];
}

const options = (list: readonly Option[]) => list.slice(0, 100).map((o) => ({ value: o.value, label: clip(o.label, 60) }));

/** 新建走访链接: whom, source group, day, valid until, the round attached, the rater group, the cap, the leader. */
export function linkFormCard(v: LinkFormView): Card {
  const fields: CardElement[] = [
    input({ name: LINK_FORM.contact, label: t(M.form.contact), required: true, maxLength: 60 }),
    fieldLabel(t(M.form.source)),
    select({ name: LINK_FORM.source, placeholder: t(M.form.source), required: true,
      options: SOURCES.map((s) => ({ label: s.zh, value: s.key })) }),
    fieldLabel(t(M.form.day)),
    datePicker({ name: LINK_FORM.day, placeholder: t(M.form.day), required: true }),
    fieldLabel(t(M.form.until)),
    datePicker({ name: LINK_FORM.until, placeholder: t(M.form.until), required: true }),
    fieldLabel(t(M.form.round)),
    select({ name: LINK_FORM.round, initial: NO_ROUND, options: [{ label: t(M.form.noRound), value: NO_ROUND }, ...options(v.rounds)] }),
    fieldLabel(t(M.form.group)),
    select({ name: LINK_FORM.group, initial: DEFAULT_GROUP,
      options: [...options(v.groups), { label: t(M.form.otherGroup), value: DEFAULT_GROUP }] }),
    input({ name: LINK_FORM.cap, label: t(M.form.cap), defaultValue: String(CAP_DEFAULT), maxLength: 6 }),
  ];
  if (v.leaders) {
    fields.push(fieldLabel(t(M.form.leader)), select({ name: LINK_FORM.leader, initial: NO_LEADER,
      options: [{ label: t(M.form.noLeader), value: NO_LEADER }, ...options(v.leaders)] }));
  } else {
    fields.push(noteText(t(M.form.leaderSelf)));
  }
  fields.push(formButton(t(M.buttons.create), { a: 'ol.create' }, { name: 'ol_create_go', width: 'fill' }));
  return card({
    title: t(M.form.title), template: 'turquoise', personal: true,
    elements: [form('ol_new_form', fields), noteText(t(M.form.note)), button(t(M.buttons.back), { a: 'ol.list' }, { type: 'text' })],
  });
}

const FIELD: Record<LinkFormError, string> = {
  contact: LINK_FORM.contact, source: LINK_FORM.source, day: LINK_FORM.day, until: LINK_FORM.until, round: LINK_FORM.round,
  group: LINK_FORM.group, cap: LINK_FORM.cap, leader: LINK_FORM.leader,
};

/** Each form error marked at its field (cards/form-values.ts). */
export function linkFieldErrors(errors: readonly LinkFormError[]): FieldError[] {
  return errors.map((e) => ({ field: FIELD[e], text: t(M.invalid[e]) }));
}

/** 延期: the link as it is, and a new last day. */
export function linkExtendCard(r: LinkRow, timeZone: string): Card {
  return card({
    title: t(M.extend.title(r.link.contact)), template: 'turquoise', personal: true,
    elements: [
      div(linkTitle(r)), linkDetails(r, timeZone),
      form('ol_extend_form', [
        fieldLabel(t(M.extend.until)),
        datePicker({ name: EXTEND_FORM.until, required: true }),
        formButton(t(M.buttons.save), { a: 'ol.extend', id: r.link.id }, { name: 'ol_extend_go' }),
      ]),
      button(t(M.buttons.back), { a: 'ol.list' }, { type: 'text' }),
    ],
  });
}

/** 撤销: what will happen, then 确认撤销 (for good). */
export function linkRevokeCard(r: LinkRow, timeZone: string): Card {
  return card({
    title: t(M.revoke.title(r.link.contact)), template: 'red', personal: true,
    elements: [
      div(linkTitle(r)), linkDetails(r, timeZone), div(t(M.revoke.warn), { text_color: 'red' }),
      button(t(M.buttons.revokeConfirm), { a: 'ol.revoke', id: r.link.id }, { type: 'danger' }),
      button(t(M.buttons.back), { a: 'ol.list' }, { type: 'text' }),
    ],
  });
}
