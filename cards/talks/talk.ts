import { DONE_FORM, MOVE_FORM, NOTE_FORM } from '../../src/domain/talks/form.js';
import { NOTE_MAX, PLACE_MAX, type Talk } from '../../src/domain/talks/talk.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import { shortDay, whenText } from '../materials/common.js';
import { button, card, columns, datePicker, div, fieldLabel, form, formButton, hr, input, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';
import { nameOf, type Names } from './common.js';

const M = msg.talks;

export interface TalkView {
  talk: Talk;
  names: Names;
  /** Who looks: a party sees "与某某" and their buttons; a reader of all sees both names. */
  viewer: string;
  banner?: Msg;
  showBack?: boolean;
  /** The top leader or the office looking: may reschedule a planned talk (a party always may). */
  reader?: boolean;
}

function header(v: Pick<TalkView, 'talk' | 'names' | 'viewer'>) {
  const tk = v.talk;
  const party = tk.a === v.viewer || tk.b === v.viewer;
  const title = party ? M.card.title(nameOf(v.names, tk.a === v.viewer ? tk.b : tk.a))
    : M.card.titlePair(nameOf(v.names, tk.a), nameOf(v.names, tk.b));
  return { title: t(title), subtitle: t(M.card.subtitle(M.states[tk.state], shortDay(tk.due))) };
}

/** A talk: who, when due, held or not ("held on day at place" and nothing more); a party's buttons. No note, ever. */
export function talkCard(v: TalkView): Card {
  const tk = v.talk;
  const party = tk.a === v.viewer || tk.b === v.viewer;
  const elements: CardElement[] = [];
  if (v.banner) elements.push(div(t(v.banner)), hr());
  elements.push(div(`${t(M.kinds[tk.kind])}`));
  if (tk.done) elements.push(div(t(M.card.doneOn(shortDay(tk.done.day), tk.done.place, nameOf(v.names, tk.done.by)))));
  const buttons: CardElement[][] = [];
  if (party && tk.state === 'planned') buttons.push([button(t(M.buttons.done), { a: 'tk.doneForm', id: tk.id }, { type: 'primary' })]);
  if ((party || v.reader) && tk.state === 'planned') buttons.push([button(t(M.buttons.move), { a: 'tk.moveForm', id: tk.id })]);
  if (party) buttons.push([button(t(M.buttons.note), { a: 'tk.note', id: tk.id })]);
  if (v.showBack) buttons.push([button(t(M.buttons.back), { a: 'tk.list' })]);
  if (buttons.length) elements.push(columns(buttons, 'flow'));
  return card({ ...header(v), template: tk.state === 'done' ? 'green' : 'blue', personal: true, elements });
}

/** 登记已谈: the day (not after today) and the place. */
export function talkDoneCard(v: Pick<TalkView, 'talk' | 'names' | 'viewer'> & { today: string }): Card {
  return card({
    ...header(v), template: 'blue', personal: true,
    elements: [
      form('tk_done_form', [
        fieldLabel(t(M.fields.day)),
        datePicker({ name: DONE_FORM.day, required: true, initialDate: v.today }),
        input({ name: DONE_FORM.place, label: t(M.fields.place), maxLength: PLACE_MAX, required: true }),
        formButton(t(M.buttons.saveDone), { a: 'tk.done', id: v.talk.id }, { name: 'tk_done_go' }),
      ]),
      button(t(M.buttons.back), { a: 'tk.open', id: v.talk.id }),
    ],
  });
}

/** 调整时间: a planned talk's new due day (not before today); the picker starts on the current one. */
export function talkMoveCard(v: Pick<TalkView, 'talk' | 'names' | 'viewer'>): Card {
  return card({
    ...header(v), template: 'blue', personal: true,
    elements: [
      noteText(t(M.card.moveIntro(shortDay(v.talk.due)))),
      form('tk_move_form', [
        fieldLabel(t(M.fields.moveDue)),
        datePicker({ name: MOVE_FORM.due, required: true, initialDate: v.talk.due }),
        formButton(t(M.buttons.saveMove), { a: 'tk.move', id: v.talk.id }, { name: 'tk_move_go' }),
      ]),
      button(t(M.buttons.back), { a: 'tk.open', id: v.talk.id }),
    ],
  });
}

/**
 * A party's own note: only ever the inline answer to its writer's click, never sent through the outbox (so the text
 * is in no queued message), never another person's.
 */
export function talkNoteCard(
  v: Pick<TalkView, 'talk' | 'names' | 'viewer'> & { note?: { text: string; at: number }; timeZone: string },
): Card {
  return card({
    ...header(v), template: 'grey', personal: true,
    elements: [
      noteText(t(M.card.noteIntro)),
      noteText(v.note ? t(M.card.noteSaved(whenText(v.note.at, v.timeZone))) : t(M.card.noNote)),
      form('tk_note_form', [
        input({ name: NOTE_FORM.text, label: t(M.fields.note), maxLength: NOTE_MAX, multiline: true, rows: 6,
          ...(v.note ? { defaultValue: v.note.text } : {}) }),
        formButton(t(M.buttons.saveNote), { a: 'tk.noteSave', id: v.talk.id }, { name: 'tk_note_go' }),
      ]),
      button(t(M.buttons.back), { a: 'tk.open', id: v.talk.id }),
    ],
  });
}
