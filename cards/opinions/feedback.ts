import { TEXT_MAX, type TargetOption } from '../../src/domain/opinions/opinion.js';
import { msg, t } from '../../src/messages/index.js';
import type { Opinion } from '../../src/store/opinions.js';
import { button, card, div, form, formButton, hr, input, noteText } from '../components.js';
import type { Card, CardElement } from '../types.js';

/**
 * Results fed back to the people they are about (DESIGN §2.10): 转交班子 for an opinion about the team and
 * 转常务主席反馈 for one about a single leader. No card here ever names or hints at the writer.
 */

const m = msg.triage;
const isAboutLeader = (target: string) => /^leader-\d+$/.test(target);

/** The triage card's two routing buttons, each offered only where it applies. */
export function feedbackElements(o: Opinion): CardElement[] {
  if (o.target === 'team') {
    return [noteText(t(m.toTeamNote)), button(t(m.toTeam), { a: 'tr.do', id: o.id, op: 'team' }, { size: 'small' })];
  }
  if (isAboutLeader(o.target) && !o.feedback) {
    return [noteText(t(m.toTopNote)), button(t(m.toTop), { a: 'tr.do', id: o.id, op: 'top' }, { size: 'small' })];
  }
  return [];
}

/**
 * What the top leader receives for 转常务主席反馈: the text, whom it is about, and a form to pass it on with an
 * optional note. `passedTo`: once passed, the card says so instead of the form.
 */
export function topFeedbackCard(
  v: { opinion: Opinion; targets: readonly TargetOption[]; about: string; passedTo?: string; meta: string },
): Card {
  const elements: CardElement[] = [noteText(t(m.topNote(v.about))), noteText(v.meta), div(v.opinion.text)];
  if (v.opinion.feedbackNote) elements.push(div(`${t(m.topNoteLabel)}${v.opinion.feedbackNote}`));
  if (v.passedTo) elements.push(hr(), div(t(m.topPassed(v.passedTo))));
  else {
    elements.push(form('fb_form', [
      input({ name: 'fb_note', label: t(m.topNoteField), multiline: true, rows: 3, maxLength: TEXT_MAX }),
      formButton(t(m.topForwardButton), { a: 'fb.pass', id: v.opinion.id }, { name: 'fb_submit', type: 'primary' }),
    ]));
  }
  return card({ title: t(m.topTitle), template: 'wathet', elements });
}
