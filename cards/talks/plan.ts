import { PLAN_FORM } from '../../src/domain/talks/form.js';
import type { PlannedPair, Talk } from '../../src/domain/talks/talk.js';
import { msg, t } from '../../src/messages/index.js';
import { shortDay } from '../materials/common.js';
import {
  button, card, clip, columns, datePicker, div, fieldLabel, form, formButton, hr, noteText, select, table,
} from '../components.js';
import type { Card, CardElement } from '../types.js';
import { nameOf, pager, type Names } from './common.js';

const M = msg.talks;
/**
 * Lines of the plan per page (a line: 5 components, ~300 bytes); the due select lists the same page's lines. With the
 * add form's options (LEADER_OPTIONS + PEOPLE_OPTIONS) the card stays under Lark's 200 components.
 */
export const PLAN_PAGE = 8;
const LEADER_OPTIONS = 20;
const PEOPLE_OPTIONS = 60;

export interface PlanView {
  pairs: readonly PlannedPair[];
  names: Names;
  /** 添加: one side is a leader (the top leader first; at most 20 offered), the other anyone the bot knows (at most 60). */
  leaders: readonly { openId: string; name: string }[];
  people: readonly { openId: string; name: string }[];
  page: number;
}

/** The generated plan under review: remove a line, add a pair, move a due day; then save. */
export function talkPlanCard(v: PlanView): Card {
  const pages = Math.max(1, Math.ceil(v.pairs.length / PLAN_PAGE));
  const page = Math.min(Math.max(0, v.page), pages - 1);
  const start = page * PLAN_PAGE;
  const shown = v.pairs.slice(start, start + PLAN_PAGE);
  const label = (p: PlannedPair) => t(M.list.pairLine(nameOf(v.names, p.a), nameOf(v.names, p.b), M.kinds[p.kind], shortDay(p.due)));
  const elements: CardElement[] = [noteText(t(M.plan.intro)), div(t(v.pairs.length ? M.plan.count(v.pairs.length) : M.plan.empty))];
  shown.forEach((p, j) => elements.push(columns([
    { elements: [div(label(p))], weight: 4 },
    { elements: [button(t(M.buttons.drop), { a: 'tk.drop', i: start + j, page }, { size: 'small' })], width: 'auto' },
  ])));
  if (pages > 1) elements.push(pager(page, pages, (p) => ({ a: 'tk.planPage', page: p })));
  const option = (p: { openId: string; name: string }) => ({ value: p.openId, label: clip(p.name, 30) });
  elements.push(hr(), div(t(M.plan.addTitle)), form('tk_add_form', [
    fieldLabel(t(M.fields.a)), select({ name: PLAN_FORM.a, options: v.leaders.slice(0, LEADER_OPTIONS).map(option), required: true }),
    fieldLabel(t(M.fields.b)), select({ name: PLAN_FORM.b, options: v.people.slice(0, PEOPLE_OPTIONS).map(option), required: true }),
    fieldLabel(t(M.fields.due)), datePicker({ name: PLAN_FORM.addDue, required: true }),
    formButton(t(M.buttons.add), { a: 'tk.add' }, { name: 'tk_add_go', type: 'default' }),
  ]));
  if (shown.length) {
    elements.push(div(t(M.plan.dueTitle)), form('tk_due_form', [
      fieldLabel(t(M.fields.pair)),
      select({ name: PLAN_FORM.pair, required: true,
        options: shown.map((p, j) => ({ value: String(start + j), label: clip(label(p), 60) })) }),
      fieldLabel(t(M.fields.newDue)), datePicker({ name: PLAN_FORM.newDue, required: true }),
      formButton(t(M.buttons.setDue), { a: 'tk.due' }, { name: 'tk_due_go', type: 'default' }),
    ]));
  }
  elements.push(hr(), columns([
    ...(v.pairs.length ? [[button(t(M.buttons.save), { a: 'tk.save' }, { type: 'primary',
      confirm: { title: t(M.buttons.save), text: t(M.plan.count(v.pairs.length)) } })]] : []),
    [button(t(M.buttons.back), { a: 'tk.list' })],
  ], 'flow'));
  return card({ title: t(M.plan.title), template: 'orange', personal: true, elements });
}

export interface MatrixView {
  /** The top leader first, then the leaders: rows and columns. */
  leaders: readonly { openId: string; name: string }[];
  talks: readonly Talk[];
  names: Names;
  counts: { done: number; planned: number };
}

/** Who has talked with whom among the leaders (✓ held, ○ planned, — none), and each one's talks with members. */
export function talkMatrixCard(v: MatrixView): Card {
  const leaders = v.leaders.slice(0, 40);
  const state = new Map<string, 'done' | 'planned'>();
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  for (const tk of v.talks) state.set(key(tk.a, tk.b), tk.state);
  const ids = new Set(leaders.map((l) => l.openId));
  const cols = [{ key: 'who', label: t(M.matrix.person), width: '120px' },
    ...leaders.map((l, i) => ({ key: `c${i}`, label: clip(l.name, 6), width: '64px' })),
    { key: 'members', label: t(M.matrix.members), width: '100px' }];
  const rows = leaders.map((r) => {
    const row: Record<string, string> = { who: clip(r.name, 12) };
    leaders.forEach((c, i) => {
      const s = r.openId === c.openId ? undefined : state.get(key(r.openId, c.openId));
      row[`c${i}`] = r.openId === c.openId ? '' : s === 'done' ? '✓' : s === 'planned' ? '○' : '—';
    });
    const withMembers = v.talks.filter((tk) => (tk.a === r.openId && !ids.has(tk.b)) || (tk.b === r.openId && !ids.has(tk.a)));
    row.members = `${withMembers.filter((tk) => tk.state === 'done').length} / ${withMembers.length}`;
    return row;
  });
  return card({
    title: t(M.matrix.title), template: 'blue', personal: true,
    elements: [
      noteText(t(M.matrix.intro)), div(t(M.list.counts(v.counts.done, v.counts.planned))),
      table({ columns: cols, rows, pageSize: 10 }),
      button(t(M.buttons.back), { a: 'tk.list' }),
    ],
  });
}
