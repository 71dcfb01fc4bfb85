import { NO_OWNER, TIMELINE_FORM } from '../../src/domain/campaign/settings-form.js';
import { DELIVERABLE_MAX, MILESTONE_NAME_MAX } from '../../src/domain/campaign/timeline.js';
import { dayText } from '../../src/messages/campaign.js';
import { msg, t, type Locale } from '../../src/messages/index.js';
import { button, card, clip, columns, datePicker, div, fieldLabel, form, formButton, hr, input, noteText, select } from '../components.js';
import type { Card, CardElement } from '../types.js';

const S = msg.campaign.settings;
/** People offered as owners (the select stays small; the known people are far fewer in practice). */
const MAX_PEOPLE = 100;

interface SettingsMilestone { id: string; name: string; date: string; ownerName?: string }
interface SettingsPhase { key: string; name: string; start: string; end: string; edited: boolean; milestones: SettingsMilestone[] }
interface Person { openId: string; name: string }

export interface TimelineSettingsView {
  campaignName: string;
  phases: SettingsPhase[];
  /** The people the bot knows: the owner select's options. */
  people: Person[];
  locale?: Locale;
}

function ownerSelect(name: string, people: readonly Person[], locale: Locale, initial?: string): CardElement[] {
  const shown = people.slice(0, MAX_PEOPLE);
  return [fieldLabel(t(S.owner, locale)), select({
    name, placeholder: t(S.owner, locale), ...(initial && shown.some((p) => p.openId === initial) ? { initial } : {}),
    options: [{ label: t(S.noOwner, locale), value: NO_OWNER }, ...shown.map((p) => ({ label: clip(p.name, 50), value: p.openId }))],
  })];
}

/** Lark counts every tagged object up to 200 (cards/validate.ts): what a phase and a milestone row take, and the rest. */
const PHASE_TAGS = 12;
const ROW_TAGS = 7;
const BUDGET = 180;
const MAX_PHASES = 10;

function phaseElements(p: SettingsPhase, i: number, locale: Locale): CardElement[] {
  return [
    div(t(S.phase(i, clip(p.name, 50), dayText(p.start), dayText(p.end), p.edited), locale)),
    form(`tl_phase_${i}`, [
      fieldLabel(t(S.start, locale)),
      datePicker({ name: TIMELINE_FORM.phaseStart(i), required: true, initialDate: p.start }),
      fieldLabel(t(S.end, locale)),
      datePicker({ name: TIMELINE_FORM.phaseEnd(i), required: true, initialDate: p.end }),
      formButton(t(S.savePhase, locale), { a: 'tl.phase', i, key: p.key }, { name: `tl_phase_save_${i}` }),
    ]),
  ];
}

const milestoneRow = (ms: SettingsMilestone, locale: Locale): CardElement => columns([
  { elements: [div(t(S.milestone(dayText(ms.date), clip(ms.name, MILESTONE_NAME_MAX), ms.ownerName && clip(ms.ownerName, 50)), locale))],
    weight: 4 },
  { elements: [button(t(S.edit, locale), { a: 'tl.edit', id: ms.id }, { size: 'small' })], weight: 1 },
]);

/**
 * 进度 设置 (admins): each phase's dates with a form to change them, its milestones each with 修改 (date, owner,
 * removal), and 新增时间节点. Within Lark's 200 elements: the rows past the budget are counted, not listed.
 */
export function timelineSettingsCard(v: TimelineSettingsView): Card {
  const locale = v.locale ?? 'zh';
  const phases = v.phases.slice(0, MAX_PHASES);
  let rows = Math.max(0, Math.floor((BUDGET - PHASE_TAGS * phases.length) / ROW_TAGS));
  let hidden = 0;
  const body = phases.flatMap((p, i): CardElement[] => {
    const shown = p.milestones.slice(0, rows);
    rows -= shown.length;
    hidden += p.milestones.length - shown.length;
    const none = p.milestones.length ? [] : [noteText(t(S.noMilestones, locale))];
    const list = shown.length ? shown.map((ms) => milestoneRow(ms, locale)) : none;
    return [...phaseElements(p, i, locale), ...list, hr()];
  });
  return card({
    title: t(S.title, locale), subtitle: t(S.subtitle(clip(v.campaignName, 60)), locale), template: 'blue',
    elements: [
      noteText(t(S.intro, locale)), hr(), ...body,
      ...(hidden ? [noteText(t(S.hidden(hidden), locale))] : []),
      button(t(S.addHeading, locale), { a: 'tl.new' }, { type: 'primary' }),
    ],
  });
}

/** 新增时间节点: name, date (its phase is the one holding it), an optional owner and deliverable. */
export function milestoneAddCard(v: { people: Person[]; locale?: Locale }): Card {
  const locale = v.locale ?? 'zh';
  return card({
    title: t(S.addHeading, locale), template: 'blue',
    elements: [
      form('tl_add', [
        input({ name: TIMELINE_FORM.addName, label: t(S.addName, locale), required: true, maxLength: MILESTONE_NAME_MAX }),
        div(t(S.addDate, locale)),
        datePicker({ name: TIMELINE_FORM.addDate, required: true }),
        ...ownerSelect(TIMELINE_FORM.addOwner, v.people, locale),
        input({ name: TIMELINE_FORM.addDeliverable, label: t(S.addDeliverable, locale), maxLength: DELIVERABLE_MAX }),
        formButton(t(S.add, locale), { a: 'tl.add' }, { name: 'tl_add_save' }),
      ]),
      button(t(S.back, locale), { a: 'tl.back' }),
    ],
  });
}

interface MilestoneEditView {
  milestone: SettingsMilestone & { owner?: string };
  people: Person[];
  locale?: Locale;
}

/** One milestone's date and owner, and its removal (confirmed), from the settings card's 修改. */
export function milestoneEditCard(v: MilestoneEditView): Card {
  const locale = v.locale ?? 'zh';
  const m = v.milestone;
  return card({
    title: t(S.editTitle(clip(m.name, MILESTONE_NAME_MAX)), locale), template: 'blue',
    elements: [
      form('tl_edit', [
        div(t(S.editDate, locale)),
        datePicker({ name: TIMELINE_FORM.editDate, required: true, initialDate: m.date }),
        ...ownerSelect(TIMELINE_FORM.editOwner, v.people, locale, m.owner),
        formButton(t(S.saveEdit, locale), { a: 'tl.editSave', id: m.id }, { name: 'tl_edit_save' }),
      ]),
      button(t(S.remove, locale), { a: 'tl.remove', id: m.id }, {
        type: 'danger', confirm: { title: t(S.remove, locale), text: t(S.removeConfirm(clip(m.name, 100)), locale) },
      }),
      button(t(S.back, locale), { a: 'tl.back' }),
    ],
  });
}
