import { localParts } from '../../src/domain/calendar.js';
import { ACTION_FORM } from '../../src/domain/ledger/form.js';
import { LIST_FILTERS, type LedgerAction, type LedgerItem, type ListFilter } from '../../src/domain/ledger/item.js';
import { msg, t, type Msg } from '../../src/messages/index.js';
import {
  button, card, clip, collapsible, columns, datePicker, div, fieldLabel, form, formButton, hr, input, noteText, select,
} from '../components.js';
import type { Card, CardElement, HeaderTemplate } from '../types.js';

/** Cards of the rectification ledger: the `整改` list with filters and paging, and one item with its history and actions. */

const L = msg.ledger;
export const LEDGER_PAGE_SIZE = 10;
/** Leaders in the list's filter: with a full page and the filters' labels the card stays within Lark's 200 components. */
const MAX_FILTER_LEADERS = 45;
// Shown on a card (the rest stays on the item): keeps the worst case under 30 KB.
const HISTORY_SHOWN = 20;
const PROGRESS_SHOWN = 5;
const DETAIL_CLIP = 400;
type Flag = 'dueSoon' | 'overdue' | 'needsDeadline';

const TEMPLATE: Record<LedgerItem['status'], HeaderTemplate> = { draft: 'grey', active: 'orange', review: 'blue', closed: 'green' };
const when = (ms: number, tz: string) => { const p = localParts(ms, tz); return `${p.day} ${p.time}`; };
const nameIn = (names: Readonly<Record<string, string>>) => (id: string) => names[id] ?? id;

/** One line of facts: status, flag, owner, leader, deadline. Names are plain text. */
function factsLine(item: LedgerItem, flag: Flag | undefined, names: Readonly<Record<string, string>>): string {
  const n = nameIn(names);
  return [t(L.statuses[item.status]), flag ? `【${t(L.flags[flag])}】` : undefined, `${t(L.fields.owner)}：${n(item.owner)}`,
    `${t(L.fields.leader)}：${n(item.leader)}`, `${t(L.fields.deadline)}：${item.deadline ?? '—'}`].filter(Boolean).join(' · ');
}

interface LedgerListView {
  items: readonly { item: LedgerItem; flag?: Flag }[];
  /** Items matching the filters (all pages). */
  total: number;
  page: number;
  status: ListFilter;
  leader?: string;
  /** Leaders offered in the filter: open_id → name. */
  leaders: readonly { openId: string; name: string }[];
  names: Readonly<Record<string, string>>;
  /** "My items" for owners; the whole ledger (with filters) for readers. */
  mine: boolean;
  canCreate: boolean;
  readOnlyNote?: boolean;
  /** Readers: 导出台账 and 回头看结果. */
  canExport?: boolean;
  /** Admins: start a 回头看. */
  canLookback?: boolean;
}

/** `整改`: one page of items (序号 order) with the status and leader filters. */
export function ledgerListCard(v: LedgerListView): Card {
  const elements: CardElement[] = [];
  if (!v.mine) {
    elements.push(form('lg_filter', [columns([
      [fieldLabel(t(L.list.statusFilter)), select({ name: 'lg_f_status', placeholder: t(L.list.statusFilter), initial: v.status,
        options: LIST_FILTERS.map((f) =>
          ({ label: t(f === 'all' || f === 'overdue' || f === 'needsDeadline' ? L.filters[f] : L.statuses[f]), value: f })) })],
      [fieldLabel(t(L.list.leaderFilter)), select({ name: 'lg_f_leader', placeholder: t(L.list.leaderFilter), initial: v.leader ?? 'all',
        options: [{ label: t(L.filters.allLeaders), value: 'all' },
          ...v.leaders.slice(0, MAX_FILTER_LEADERS).map((l) => ({ label: clip(l.name, 30), value: l.openId }))] })],
      {
        elements: [formButton(t(L.list.filter), { a: 'lg.filter' }, { name: 'lg_filter_go', type: 'primary', size: 'small' })],
        width: 'auto',
      },
    ], 'flow')]));
  }
  elements.push(noteText(t(L.list.counts(v.items.length, v.total))));
  if (!v.items.length) elements.push(div(t(L.list.empty)));
  for (const { item, flag } of v.items.slice(0, LEDGER_PAGE_SIZE)) {
    elements.push(hr(), columns([
      {
        elements: [div(`#${item.seq} ${clip(item.problem.replace(/\s+/g, ' '), 60)}`), noteText(factsLine(item, flag, v.names))],
        weight: 4,
      },
      { elements: [button(t(L.list.open), { a: 'lg.open', id: item.id }, { type: 'primary', size: 'small' })], weight: 1 },
    ]));
  }
  const filters = { status: v.status, ...(v.leader ? { leader: v.leader } : {}) };
  const nav: CardElement[] = [];
  if (v.page > 0) nav.push(button(t(L.list.prev), { a: 'lg.list', page: v.page - 1, ...filters }, { size: 'small' }));
  if ((v.page + 1) * LEDGER_PAGE_SIZE < v.total) {
    nav.push(button(t(L.list.next), { a: 'lg.list', page: v.page + 1, ...filters }, { size: 'small' }));
  }
  if (nav.length) elements.push(hr(), columns(nav.map((b) => [b])));
  if (v.canCreate) elements.push(hr(), button(t(L.list.create), { a: 'lg.new' }, { type: 'primary_filled' }));
  const tools: CardElement[] = [];
  if (v.canExport) tools.push(button(t(L.list.export), { a: 'lg.export' }, { size: 'small' }));
  if (v.canLookback) {
    tools.push(button(t(msg.lookback.start), { a: 'lb.start' },
      { size: 'small', confirm: { title: t(msg.lookback.start), text: t(msg.lookback.startConfirm) } }));
  }
  if (v.canExport) tools.push(button(t(msg.lookback.summaryButton), { a: 'lb.summary' }, { size: 'small' }));
  if (tools.length) elements.push(columns(tools.map((b) => [b]), 'flow'));
  if (v.readOnlyNote) elements.push(noteText(t(L.list.readOnly)));
  return card({ title: t(v.mine ? L.list.mine : L.list.title), template: 'orange', elements });
}

interface LedgerItemView {
  item: LedgerItem;
  flag?: Flag;
  names: Readonly<Record<string, string>>;
  /** What this viewer may do (src/domain/ledger.ts `may`): only those forms and buttons are drawn. */
  actions: readonly LedgerAction[];
  timeZone: string;
  /** Why the card was sent (a nudge, a request to decide); trusted catalog text. */
  banner?: Msg;
  /** Labels of linked records (the source opinion's text is NOT shown: only its status). */
  sourceLabel?: string;
  showBack?: boolean;
}

function details(item: LedgerItem, names: Readonly<Record<string, string>>, sourceLabel?: string): CardElement[] {
  const n = nameIn(names);
  const F = L.fields;
  const line = (label: Msg, value: string) => div(`${t(label)}：${value || t(F.none)}`);
  return [
    line(F.source, `${t(L.sources[item.source.kind])}${sourceLabel ? `（${sourceLabel}）` : ''}`),
    line(F.wind, t(L.winds[item.wind])),
    line(F.goal, clip(item.goal, DETAIL_CLIP)), line(F.measures, clip(item.measures, DETAIL_CLIP)),
    line(F.commitment, clip(item.commitment, DETAIL_CLIP)),
    line(F.coOwners, item.coOwners.map(n).join('、')),
    line(F.milestonesShort, item.milestones.map((m) => `${m.day} ${m.name}`).join('；')),
    line(F.evidence, item.evidence.slice(-5).join('  ')),
    ...(item.summary ? [line(F.summary, clip(item.summary, DETAIL_CLIP))] : []),
    ...(item.review ? [line(F.review, item.review)] : []),
  ];
}

function historyLines(item: LedgerItem, names: Readonly<Record<string, string>>, tz: string): CardElement[] {
  const n = (id: string) => (id === 'system' ? '系统' : nameIn(names)(id));
  const shown = item.history.slice(-HISTORY_SHOWN);
  const lines = shown.map((h) => noteText([when(h.at, tz), n(h.by), t(L.history[h.what]),
    h.from && h.to ? `${t(L.statuses[h.from])} → ${t(L.statuses[h.to])}` : '', h.step ? `${h.step}` : '',
    h.note ? clip(h.note.replace(/\s+/g, ' '), 60) : ''].filter(Boolean).join(' ')));
  if (item.history.length > shown.length) lines.unshift(noteText(t(L.item.moreHistory(item.history.length - shown.length))));
  return lines;
}

function actionForms(item: LedgerItem, actions: readonly LedgerAction[]): CardElement[] {
  const A = L.actions;
  const F = ACTION_FORM;
  const has = (a: LedgerAction) => actions.includes(a);
  const out: CardElement[] = [];
  const id = item.id;
  if (has('progress')) {
    out.push(form('lg_progress', [
      input({ name: F.progressText, label: t(A.progressText), required: true, multiline: true, rows: 3, maxLength: 1000 }),
      input({ name: F.progressLink, label: t(A.progressLink), maxLength: 500 }),
      formButton(t(A.progress), { a: 'lg.progress', id }, { name: 'lg_progress_go', type: 'primary' }),
    ]));
  }
  if (has('askExtension')) {
    out.push(form('lg_extend', [
      fieldLabel(t(A.extendDay)),
      datePicker({ name: F.extendDay, placeholder: t(A.extendDay), required: true }),
      input({ name: F.extendReason, label: t(A.extendReason), required: true, maxLength: 500 }),
      formButton(t(A.extend), { a: 'lg.extend', id }, { name: 'lg_extend_go', type: 'default' }),
    ]));
  }
  if (has('submit')) {
    out.push(form('lg_submit', [
      input({ name: F.summary, label: t(A.submitSummary), multiline: true, rows: 2, maxLength: 1000 }),
      formButton(t(A.submit), { a: 'lg.submit', id }, { name: 'lg_submit_go', type: 'default' }),
    ]));
  }
  if (has('decideExtension') && item.extension) {
    const x = item.extension;
    out.push(div(`${t(L.item.extensionPending(x.day))}｜${clip(x.reason, 200)}`), columns([
      [button(t(A.approve), { a: 'lg.extDecide', id, n: x.n, ok: true }, { type: 'primary', width: 'fill' })],
      [button(t(A.refuse), { a: 'lg.extDecide', id, n: x.n, ok: false }, { width: 'fill' })],
    ]));
  }
  if (has('confirm')) {
    out.push(form('lg_confirm', [
      input({ name: F.review, label: t(A.confirmNote), maxLength: 500 }),
      formButton(t(A.confirm), { a: 'lg.confirm', id }, { name: 'lg_confirm_go', type: 'primary' }),
    ]));
  }
  if (has('reject')) {
    out.push(form('lg_reject', [
      input({ name: F.rejectReason, label: t(A.rejectReason), required: true, maxLength: 500 }),
      formButton(t(A.reject), { a: 'lg.reject', id }, { name: 'lg_reject_go', type: 'danger' }),
    ]));
  }
  if (has('setDeadline')) {
    out.push(form('lg_deadline', [
      fieldLabel(t(L.fields.deadline)),
      datePicker({ name: F.deadlineDay, placeholder: t(A.deadline), required: true,
        ...(item.deadline ? { initialDate: item.deadline } : {}) }),
      input({ name: F.deadlineNote, label: t(A.deadlineNote), maxLength: 500 }),
      formButton(t(A.deadline), { a: 'lg.deadline', id }, { name: 'lg_deadline_go', type: item.deadline ? 'default' : 'primary_filled' }),
    ]));
  }
  const buttons: CardElement[] = [];
  if (has('edit')) buttons.push(button(t(A.edit), { a: 'lg.edit', id }, { width: 'fill' }));
  if (has('activate')) {
    buttons.push(button(t(A.activate), { a: 'lg.activate', id },
      { type: item.deadline ? 'primary' : 'default', width: 'fill', confirm: { title: t(A.activate), text: t(A.activateConfirm) } }));
  }
  if (buttons.length) out.push(columns(buttons.map((b) => [b]), 'flow'));
  if (has('reopen')) {
    out.push(form('lg_reopen', [
      input({ name: F.reopenReason, label: t(A.reopenReason), required: true, maxLength: 500 }),
      formButton(t(A.reopen), { a: 'lg.reopen', id }, { name: 'lg_reopen_go', type: 'danger' }),
    ]));
  }
  return out;
}

/** One item: facts, problem, details, progress and history (folded), and the viewer's actions. */
export function ledgerItemCard(v: LedgerItemView): Card {
  const { item } = v;
  const elements: CardElement[] = [];
  if (v.banner) elements.push(div(t(v.banner), { text_color: v.flag === 'overdue' ? 'red' : 'default' }));
  elements.push(noteText(factsLine(item, v.flag, v.names)), div(item.problem));
  elements.push(collapsible(t(L.fields.details), details(item, v.names, v.sourceLabel)));
  if (item.progress.length) {
    const n = nameIn(v.names);
    elements.push(collapsible(`${t(L.fields.progress)}（${item.progress.length}）`, item.progress.slice(-PROGRESS_SHOWN).map((p) =>
      div(`${when(p.at, v.timeZone)} ${n(p.by)}：${clip(p.text, 150)}${p.link ? `  ${clip(p.link, 100)}` : ''}`))));
  }
  elements.push(collapsible(`${t(L.fields.history)}（${item.history.length}）`, historyLines(item, v.names, v.timeZone)));
  const forms = actionForms(item, v.actions);
  if (forms.length) elements.push(hr(), ...forms);
  else if (!v.actions.includes('edit')) elements.push(noteText(t(L.item.readOnly)));
  if (v.showBack) elements.push(hr(), button(t(L.list.back), { a: 'lg.list', page: 0 }, { size: 'small' }));
  return card({
    title: `${t(L.item.title(item.seq))} ${clip(item.problem.replace(/\s+/g, ' '), 40)}`,
    template: TEMPLATE[item.status],
    elements,
  });
}

/** What an owner's or decider's older card of the item becomes once a fresh one was sent (Lark's 14-day limit). */
export function ledgerMovedCard(item: Pick<LedgerItem, 'seq' | 'problem'>): Card {
  return card({
    title: `${t(L.item.title(item.seq))} ${clip(item.problem.replace(/\s+/g, ' '), 40)}`,
    template: 'grey',
    elements: [div(t(L.item.moved))],
  });
}
