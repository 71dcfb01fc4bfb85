import { formatCode, label, STATUSES, TEXT_MAX, CATEGORIES, type TargetOption } from '../../domain/opinions/opinion.js';
import { CONTACT_MAX, PAGE_FIELD, type PageFormError, type PageQuestion, type PageValues } from '../../domain/outreach/page-form.js';
import { msg, t } from '../../messages/index.js';
import { esc, escLines, layout, lookupLink } from './html.js';

/** The public outreach page's HTML (issue #17): pure functions of what the route read. */

const P = msg.outreachPage;
const F = PAGE_FIELD;

export interface FormPageView {
  csrf: string;
  contact: string;
  day: string;
  targets: readonly TargetOption[];
  /** The attached round's questions when it takes ratings now; `closed` when it has ended. */
  ratings?: { title: string; questions: readonly PageQuestion[]; scale: readonly { key: string; label: string }[] } | 'closed';
  values?: PageValues;
  errors?: readonly PageFormError[];
}

const selected = (on: boolean) => (on ? ' selected' : '');
const checked = (on: boolean) => (on ? ' checked' : '');

function ratingsPart(r: FormPageView['ratings'], values: PageValues): string {
  if (!r) return '';
  const heading = `<section class="box"><h2>${esc(t(P.ratingsHeading))}</h2>`;
  if (r === 'closed') return `${heading}<p class="note">${esc(t(P.roundClosed))}</p></section>`;
  let subject = '';
  const rows = r.questions.map((q) => {
    const head = q.subject !== subject ? `<p class="subj">${esc(q.subject)}</p>` : '';
    subject = q.subject;
    const opts = r.scale.map((g) => `<label><input type="radio" name="${q.field}" value="${esc(g.key)}"`
      + `${checked(values.ratings?.[q.field] === g.key)}>${esc(g.label)}</label>`);
    return `${head}<fieldset><legend>${esc(q.dimension)}</legend><div class="opts">${opts.join('')}</div></fieldset>`;
  });
  return `${heading}<p class="note">${esc(r.title)}</p>`
    + `<p class="note">${esc(t(P.ratingsHint))}</p>${rows.join('')}</section>`;
}

function errorsPart(errors: readonly PageFormError[] | undefined): string {
  if (!errors?.length) return '';
  const items = errors.map((e) => `<li>${esc(t(P.errors[e]))}</li>`).join('');
  return `<div class="err" role="alert">${esc(t(P.errorsHeading))}<ul>${items}</ul></div>`;
}

/** The form: an opinion (category, about whom, text, an optional contact wish), the round's questions, CSRF and honeypot. */
export function formPage(v: FormPageView): string {
  const values = v.values ?? {};
  const target = values.target || v.targets[0]?.key;
  const categories = [`<option value="">${esc(t(P.categoryPick))}</option>`,
    ...CATEGORIES.map((c) => `<option value="${c.key}"${selected(values.category === c.key)}>${esc(c.zh)}</option>`)];
  const targets = v.targets.map((x) => `<option value="${esc(x.key)}"${selected(target === x.key)}>${esc(x.zh)}</option>`);
  const body = `<h1>${esc(t(P.title))}</h1><p class="note">${esc(t(P.visit(v.contact, v.day)))}</p>`
    + `<p>${esc(t(P.intro))}</p>${errorsPart(v.errors)}`
    + `<form method="post" data-once accept-charset="utf-8"><input type="hidden" name="${F.csrf}" value="${esc(v.csrf)}">`
    + `<div class="hp" aria-hidden="true"><label for="hp">${esc(t(P.honeypot))}</label>`
    + `<input type="text" id="hp" name="${F.honeypot}" tabindex="-1" autocomplete="off"></div>`
    + `<section class="box"><h2>${esc(t(P.opinionHeading))}</h2>`
    + `<label for="category">${esc(t(P.category))}</label><select id="category" name="${F.category}">${categories.join('')}</select>`
    + `<label for="target">${esc(t(P.target))}</label><select id="target" name="${F.target}">${targets.join('')}</select>`
    + `<label for="text">${esc(t(P.text))}</label><p class="note">${esc(t(P.textHint))}</p>`
    + `<textarea id="text" name="${F.text}" maxlength="${TEXT_MAX}" rows="7">${esc(values.text ?? '')}</textarea>`
    + `<p id="count" class="note" data-label="${esc(t(P.counter))}" aria-live="polite"></p>`
    + `<label class="check"><input type="checkbox" id="wish" name="${F.wish}" value="1"${checked(values.wish === true)}>`
    + `${esc(t(P.wish))}</label>`
    + `<div id="contact-box"><label for="contact">${esc(t(P.contact))}</label>`
    + `<input type="text" id="contact" name="${F.contact}" maxlength="${CONTACT_MAX}" autocomplete="off"`
    + ` value="${esc(values.contact ?? '')}">`
    + `<p class="note">${esc(t(P.contactNote))}</p></div></section>`
    + `${ratingsPart(v.ratings, values)}<button type="submit">${esc(t(P.submit))}</button></form>${lookupLink()}`;
  return layout(t(P.title), body, { script: true });
}

/** The answer to a taken submit: the receipt code when an opinion was stored, and how to use it. */
export function receiptPage(v: { code?: string; rated: boolean }): string {
  const parts = [`<h1>${esc(t(P.receiptTitle))}</h1><div class="box">`];
  if (v.code) {
    parts.push(`<p>${esc(t(P.receiptThanks))}</p><p>${esc(t(P.receiptCode))}</p>`,
      `<p class="code" id="receipt-code">${esc(formatCode(v.code))}</p>`,
      `<p>${esc(t(P.receiptHowTo))}</p><p class="note">${esc(t(P.receiptKeep))}</p>`);
  }
  if (v.rated) parts.push(`<p>${esc(t(P.ratedThanks))}</p>`);
  parts.push(`</div>${lookupLink()}`);
  return layout(t(P.receiptTitle), parts.join(''));
}

export interface LookupAnswer { code: string; status: string; reply?: string; replyBy?: 'office' | 'leader'; quickNote?: string }

/** The look-up form, and the answer to a code when there is one. */
export function lookupPage(v: { csrf: string; code?: string; error?: 'badCode' | 'notFound'; answer?: LookupAnswer }): string {
  const O = msg.opinion;
  const parts = [`<h1>${esc(t(P.lookupTitle))}</h1>`];
  if (v.error) parts.push(`<div class="err" role="alert">${esc(t(v.error === 'badCode' ? P.lookupBadCode : O.notFound))}</div>`);
  const a = v.answer;
  if (a) {
    parts.push(`<div class="box" id="answer"><p>${esc(t(O.receiptCodeLabel))}${esc(formatCode(a.code))}</p>`,
      `<p><strong>${esc(t(O.statusLabel))}${esc(label(STATUSES, a.status))}</strong></p>`);
    if (a.quickNote) parts.push(`<p>${esc(t(O.quickNoteLabel))}${escLines(a.quickNote)}</p>`);
    if (a.reply) parts.push(`<p>${esc(t(a.replyBy === 'leader' ? O.leaderReplyLabel : O.replyLabel))}${escLines(a.reply)}</p>`);
    else parts.push(`<p class="note">${esc(t(O.noReplyYet))}</p>`);
    parts.push('</div>');
  }
  parts.push(`<form method="post" action="/o/lookup" class="box" data-once accept-charset="utf-8">`,
    `<input type="hidden" name="${F.csrf}" value="${esc(v.csrf)}">`,
    `<label for="code">${esc(t(a ? P.lookupAnother : P.lookupCode))}</label>`,
    `<input type="text" id="code" name="${F.code}" maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false"`,
    ` value="${esc(a ? '' : (v.code ?? ''))}"><button type="submit">${esc(t(P.lookupSubmit))}</button></form>`);
  return layout(t(P.lookupTitle), parts.join(''), { script: true });
}
