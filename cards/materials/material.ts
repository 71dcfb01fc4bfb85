import { REVIEW_FORM, VERSION_FORM } from '../../src/domain/materials/form.js';
import { stepStates, type Material, type Version } from '../../src/domain/materials/material.js';
import { sizeLabel } from '../../src/domain/files/files.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import { button, card, clip, collapsible, div, fieldLabel, form, formButton, hr, input, noteText } from '../components.js';
import type { Card, CardElement, HeaderTemplate } from '../types.js';
import { shortDay, whenText } from './common.js';

const M = msg.materials;
const HISTORY_SHOWN = 40;
const VERSIONS_SHOWN = 20;

/** What the viewer may do on this card (decided by the handler on the server; only these forms and buttons are drawn). */
export interface MaterialCan {
  submit: boolean; review: boolean; comment: boolean; edit: boolean;
  /** 生成初稿: the bot's .docx draft (a 征求意见情况报告 not accepted yet; its authors and the office). */
  draft: boolean;
}

export interface MaterialView {
  material: Material;
  kindName: string;
  /** open_id → display name. */
  names: Readonly<Record<string, string>>;
  /** Each chain step's label: 主要负责同志, 督导组, or the person's name. */
  stepLabels: readonly string[];
  can: MaterialCan;
  timeZone: string;
  /** Why the card was sent (a notice, a reminder): shown first, as plain text. */
  banner?: Msg;
  /** A material of kind 制度: the rule of the register it drafts (rl.open re-checks who may read it). */
  rule?: { id: string; seq: number; name: string };
  showBack?: boolean;
}

const TEMPLATES: Record<Material['state'], HeaderTemplate> = { drafting: 'blue', inReview: 'orange', returned: 'red', accepted: 'green' };

/** A version as one line: the number, when, who, and the link, the file's name and size, or the text. */
export function versionLine(v: Version, names: Readonly<Record<string, string>>, tz: string): string {
  const s = v.source;
  const what = s.type === 'link' ? s.url : s.type === 'file' ? `${t(M.fields.file)}：${clip(s.fileName, 100)}（${sizeLabel(s.size)}）`
    : clip(s.text, 200);
  return `${t(M.versionShort(v.n))}｜${whenText(v.at, tz)}｜${names[v.by] ?? v.by}｜${what}`;
}

function chainLines(v: MaterialView): CardElement[] {
  const states = stepStates(v.material);
  return v.material.chain.map((_, i) => div(`${i + 1}. ${clip(v.stepLabels[i] ?? '', 40)}：${t(M.stepStates[states[i]!])}`));
}

function historyLines(v: MaterialView): CardElement[] {
  const { material: m, names, timeZone } = v;
  const who = (id: string) => (id === 'system' ? t(M.fields.system) : clip(names[id] ?? id, 20));
  const shown = m.history.slice(-HISTORY_SHOWN);
  return shown.map((h) => noteText([
    whenText(h.at, timeZone), who(h.by), t(M.history[h.what]), h.n ? t(M.versionShort(h.n)) : '',
    h.step !== undefined ? clip(v.stepLabels[h.step] ?? '', 20) : '', h.note ? clip(h.note.replace(/\s+/g, ' '), 80) : '',
  ].filter(Boolean).join(' ')));
}

function actionElements(v: MaterialView): CardElement[] {
  const { material: m, can } = v;
  const out: CardElement[] = [];
  const id = m.id;
  const n = m.versions.length;
  if (can.submit) {
    out.push(hr(), div(t(M.panels.submit)), form('mt_version', [
      fieldLabel(t(M.fields.link)),
      input({ name: VERSION_FORM.link, maxLength: 500 }),
      fieldLabel(t(M.fields.text)),
      input({ name: VERSION_FORM.text, multiline: true, rows: 4, maxLength: 1000 }),
      formButton(t(M.buttons.submitVersion), { a: 'mt.version', id, n: n + 1 }, { name: 'mt_version_go', type: 'primary_filled' }),
    ]), button(t(M.buttons.sendFile), { a: 'mt.file', id }));
  }
  if (can.draft) out.push(button(t(M.buttons.draft), { a: 'mt.draft', id }));
  if (can.review && m.at !== undefined) {
    const s = m.at;
    out.push(hr(), div(t(M.panels.review)), form('mt_review', [
      fieldLabel(`${t(M.fields.returnComment)}／${t(M.fields.passNote)}`),
      input({ name: REVIEW_FORM.returnComment, multiline: true, rows: 3, maxLength: 500 }),
      formButton(t(M.buttons.pass), { a: 'mt.pass', id, n, s }, { name: 'mt_pass_go', type: 'primary_filled' }),
      formButton(t(M.buttons.return), { a: 'mt.return', id, n, s }, { name: 'mt_return_go', type: 'danger' }),
    ]));
  }
  if (can.comment) {
    out.push(hr(), div(t(M.panels.comment)), form('mt_comment', [
      fieldLabel(t(M.fields.comment)),
      input({ name: REVIEW_FORM.comment, multiline: true, rows: 3, maxLength: 500 }),
      formButton(t(M.buttons.comment), { a: 'mt.comment', id }, { name: 'mt_comment_go', type: 'default' }),
    ]));
  }
  if (can.edit) out.push(button(t(M.buttons.edit), { a: 'mt.edit', id }));
  if (v.showBack) out.push(button(t(M.buttons.back), { a: 'mt.list' }));
  return out;
}

/** 获取文件: version `n`'s file forwarded to the clicker's chat (the handler checks that they may see the material). */
const getFileButton = (id: string, n: number, label: string) => button(label, { a: 'mt.getFile', id, n }, { size: 'small' });

/** A material: who writes it, the due day, the chain with each step's state, the versions, the history, and the viewer's actions. */
export function materialCard(v: MaterialView): Card {
  const { material: m, names } = v;
  const latest = m.versions.at(-1);
  const older = m.versions.slice(0, -1).slice(-VERSIONS_SHOWN).reverse();
  const waits = m.state === 'inReview' && m.at !== undefined ? [div(t(M.waitsFor(v.stepLabels[m.at] ?? '')))] : [];
  return card({
    title: t(M.cardTitle(v.kindName, m.title)),
    subtitle: t(M.subtitle(M.states[m.state], shortDay(m.due))),
    template: TEMPLATES[m.state],
    personal: true,
    elements: [
      ...(v.banner ? [div(t(v.banner)), hr()] : []),
      ...(v.rule ? [div(t(M.fields.rule(v.rule.seq, clip(v.rule.name, 60)))),
        button(t(M.buttons.openRule), { a: 'rl.open', id: v.rule.id }, { size: 'small' })] : []),
      div(`${t(M.fields.authors)}：${m.authors.map((a) => clip(names[a] ?? a, 20)).join('、')}`),
      div(`${t(M.fields.due)}：${t(shortDay(m.due))}`),
      ...waits,
      div(`${t(M.fields.latest)}：${latest ? versionLine(latest, names, v.timeZone) : t(M.fields.noVersion)}`),
      ...(latest?.source.type === 'file' ? [getFileButton(m.id, latest.n, t(M.buttons.getFile))] : []),
      ...(m.chain.length ? [div(t(M.fields.chain)), ...chainLines(v)] : []),
      ...(older.length ? [collapsible(t(M.fields.versions), older.flatMap((x) => [
        noteText(versionLine(x, names, v.timeZone)),
        ...(x.source.type === 'file' ? [getFileButton(m.id, x.n, t(M.buttons.getFileOf(x.n)))] : []),
      ]))] : []),
      collapsible(t(M.fields.history), historyLines(v)),
      ...actionElements(v),
    ],
  });
}
