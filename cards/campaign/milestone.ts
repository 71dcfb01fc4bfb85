import type { MilestoneState } from '../../src/domain/campaign/milestones.js';
import { isOverdueStep, type MilestoneStep } from '../../src/domain/campaign/reminders.js';
import { DONE_FORM, DONE_LINK_MAX, DONE_NOTE_MAX, type DoneFormError } from '../../src/domain/campaign/done-form.js';
import { dayText } from '../../src/messages/campaign.js';
import { msg, t, type Locale } from '../../src/messages/index.js';
import { button, card, clip, div, form, formButton, hr, input, noteText } from '../components.js';
import type { ButtonElement, Card, CardElement } from '../types.js';

const M = msg.campaign.milestone;

interface MilestoneView {
  id: string;
  name: string;
  date: string;
  phaseIndex: number;
  phaseName: string;
  deliverable?: string;
}

interface MilestoneCardView {
  milestone: MilestoneView;
  state: MilestoneState;
  ownerName?: string;
  /** The reminder step it is sent for: before and on the day it asks, overdue it states the facts. */
  step?: MilestoneStep;
  /** The office's record, once done: who (a name), which day, and the note or link. */
  done?: { byName: string; day: string; note?: string; link?: string };
  /** The 标记完成 button, on the cards admins get (checked again on the server). */
  doneButton?: boolean;
  locale?: Locale;
}

/** 标记完成 for a milestone (the reminder cards to admins; the 进度 dashboard puts it beside each open one). */
export function milestoneDoneButton(id: string, locale: Locale = 'zh'): ButtonElement {
  return button(t(M.markDone, locale), { a: 'ms.done', id }, { type: 'primary' });
}

function facts(m: MilestoneView, state: MilestoneState, ownerName: string | undefined, locale: Locale): CardElement[] {
  return [
    div(t(M.phase(m.phaseIndex, clip(m.phaseName, 50)), locale)),
    div(t(M.date(dayText(m.date)), locale)),
    ...(ownerName ? [div(t(M.owner(clip(ownerName, 50)), locale))] : []),
    ...(m.deliverable ? [div(t(M.deliverable(clip(m.deliverable, 200)), locale))] : []),
    div(t(M.stateLine(M.state[state]), locale)),
  ];
}

/**
 * A milestone (DESIGN §2.7): a reminder before and on its day ("请您于…前完成…"), an overdue notice after it
 * (facts, no blame), or its state once done. Names and texts come from the campaign file or an admin, shown
 * as plain text only.
 */
export function milestoneCard(v: MilestoneCardView): Card {
  const { milestone: m, state, locale = 'zh' } = v;
  const name = clip(m.name, 100);
  const overdue = v.step !== undefined && isOverdueStep(v.step);
  const lead: CardElement[] = v.step === undefined || state === 'done' ? []
    : overdue ? [div(t(M.overdue, locale))]
      : [div(t(v.step === 't0' ? M.askToday(name) : M.askBefore(dayText(m.date), name), locale))];
  const done: CardElement[] = v.done ? [
    hr(), div(t(M.doneBy(clip(v.done.byName, 50), dayText(v.done.day)), locale)),
    ...(v.done.note ? [div(t(M.doneNote(v.done.note), locale))] : []),
    ...(v.done.link ? [div(t(M.doneLink(v.done.link), locale))] : []),
  ] : [];
  const open = state !== 'done';
  const tail: CardElement[] = open && v.step !== undefined ? [hr(), noteText(t(overdue ? M.escalateNote : M.remindNote, locale))] : [];
  const action: CardElement[] = open && v.doneButton ? [milestoneDoneButton(m.id, locale)] : [];
  return card({
    title: t(M.title(name), locale),
    subtitle: t(M.subtitle(M.state[state], dayText(m.date)), locale),
    template: state === 'done' ? 'green' : overdue || state === 'overdue' ? 'red' : 'orange',
    elements: [...lead, ...facts(m, state, v.ownerName, locale), ...done, ...tail, ...action],
  });
}

/** 标记完成: a note or an https link (at least one), in place of the card clicked. */
export function milestoneDoneFormCard(v: { milestone: MilestoneView; error?: DoneFormError; locale?: Locale }): Card {
  const { milestone: m, locale = 'zh' } = v;
  const elements: CardElement[] = [div(t(M.date(dayText(m.date)), locale)), div(t(M.form.intro, locale))];
  if (v.error) elements.push(div(t(M.toast[v.error], locale), { text_color: 'red' }));
  elements.push(form('ms_done', [
    input({ name: DONE_FORM.note, label: t(M.form.note, locale), maxLength: DONE_NOTE_MAX, multiline: true, rows: 3 }),
    input({ name: DONE_FORM.link, label: t(M.form.link, locale), maxLength: DONE_LINK_MAX }),
    formButton(t(M.form.submit, locale), { a: 'ms.doneSave', id: m.id }, { name: 'ms_done_submit', width: 'fill' }),
  ]));
  return card({ title: t(M.form.title(clip(m.name, 100)), locale), template: 'blue', elements });
}
