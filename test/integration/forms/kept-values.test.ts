import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCard } from '../../../cards/validate.js';
import { TIMELINE_FORM } from '../../../src/domain/campaign/settings-form.js';
import { ROUND_FORM } from '../../../src/domain/evaluations/form.js';
import { OUTREACH_FORM } from '../../../src/domain/evaluations/outreach.js';
import { ACTION_FORM, ITEM_FORM } from '../../../src/domain/ledger/form.js';
import { SETTINGS_FORM } from '../../../src/domain/study/form.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * A failed validation never wipes the form: through signed callbacks, the answer's card carries every value
 * the person submitted, a red note under the wrong field, and a toast that says what to do; nothing is stored.
 */

const ADMIN = 'ou_admin_liu';
const OWNER = 'ou_member_01';
const LEADER = 'ou_leader_wang';
let bot: TestBot;
beforeAll(async () => { bot = await startTestBot(); });
afterAll(async () => { await bot?.stop(); });

type Node = Record<string, unknown>;
const str = (x: unknown) => JSON.stringify(x);
/** The body elements in order, containers flattened. */
function flat(elements: unknown[]): Node[] {
  return (elements as Node[]).flatMap((el) => [el,
    ...flat(Array.isArray(el.elements) ? el.elements : []),
    ...(Array.isArray(el.columns) ? (el.columns as Node[]).flatMap((c) => flat(c.elements as unknown[])) : [])]);
}
const fields = (answer: any): Node[] => flat(answer.card.data.body.elements);
const field = (answer: any, name: string): Node => {
  const f = fields(answer).find((el) => el.name === name);
  if (!f) throw new Error(`no field ${name} in ${str(answer.card?.data).slice(0, 300)}`);
  return f;
};
type Line = { tag?: string; text?: { content: string; text_color?: string; text_size?: string } };
const red = (el: Line | undefined, size: string) =>
  (el?.tag === 'div' && el.text?.text_color === 'red' && el.text.text_size === size ? el.text.content : undefined);
/** The red mark of the named field: its label line above turned red, or a small red note right under it. */
function noteAfter(answer: any, name: string): string | undefined {
  const all = fields(answer);
  const at = all.findIndex((el) => el.name === name);
  return red(all[at - 1] as Line, 'normal') ?? red(all[at + 1] as Line, 'notation');
}
/** Names of the fields followed by a red note. */
const FIELD = new Set(['input', 'select_static', 'multi_select_static', 'date_picker']);
const marked = (answer: any) =>
  fields(answer).flatMap((el) => (FIELD.has(String(el.tag)) && noteAfter(answer, String(el.name)) ? [el.name] : []));

describe('a failed validation keeps what was typed and marks the wrong field', () => {
  it('学习 设置 with a bad link keeps the topic, place and extra-session time; only the materials are marked', async () => {
    const typed = {
      [SETTINGS_FORM.target]: 'oneoff', [SETTINGS_FORM.day]: '2027-03-20 +0800', [SETTINGS_FORM.time]: '14:30',
      [SETTINGS_FORM.topic]: '学习党章第二章', [SETTINGS_FORM.place]: '五楼会议室', [SETTINGS_FORM.materials]: 'http://insecure.example/x',
    };
    const a = await bot.click(ADMIN, { a: 'st.save' }, typed);
    expect(a.toast.type).toBe('warning');
    expect(a.toast.content).toContain('已填的内容都保留着');
    expect(validateCard(a.card.data)).toEqual([]);
    expect(field(a, SETTINGS_FORM.target).initial_option).toBe('oneoff');
    expect(field(a, SETTINGS_FORM.day).initial_date).toBe('2027-03-20');
    expect(field(a, SETTINGS_FORM.time).default_value).toBe('14:30');
    expect(field(a, SETTINGS_FORM.topic).default_value).toBe('学习党章第二章');
    expect(field(a, SETTINGS_FORM.place).default_value).toBe('五楼会议室');
    expect(field(a, SETTINGS_FORM.materials).default_value).toBe('http://insecure.example/x');
    expect(noteAfter(a, SETTINGS_FORM.materials)).toContain('https');
    expect(marked(a)).toEqual([SETTINGS_FORM.materials]);
    const day = Date.parse('2027-03-20T00:00:00+08:00');
    expect(await bot.service.deps.ctx.store.study.sessionsBetween(day, day + 86_400_000)).toEqual([]);
  });

  it('整改事项 with a past deadline keeps the problem, the people and the wind; the deadline is marked', async () => {
    const typed = {
      [ITEM_FORM.problem]: '会议过多过长', [ITEM_FORM.source]: 'self', [ITEM_FORM.wind]: 'bureaucratism',
      [ITEM_FORM.goal]: '会议减少三成', [ITEM_FORM.owner]: OWNER, [ITEM_FORM.leader]: LEADER, [ITEM_FORM.deadline]: '2020-01-01 +0800',
    };
    const a = await bot.click(ADMIN, { a: 'lg.save' }, typed);
    expect(a.toast.type).toBe('warning');
    expect(validateCard(a.card.data)).toEqual([]);
    expect(field(a, ITEM_FORM.problem).default_value).toBe('会议过多过长');
    expect(field(a, ITEM_FORM.goal).default_value).toBe('会议减少三成');
    expect(field(a, ITEM_FORM.wind).initial_option).toBe('bureaucratism');
    expect(field(a, ITEM_FORM.owner).initial_option).toBe(OWNER);
    expect(field(a, ITEM_FORM.leader).initial_option).toBe(LEADER);
    expect(field(a, ITEM_FORM.deadline).initial_date).toBe('2020-01-01');
    expect(marked(a)).toEqual([ITEM_FORM.deadline]);
    expect(await bot.service.deps.ctx.store.ledger.list()).toEqual([]);
  });

  it('提交进展 with a bad link keeps the progress text on the item card and marks the link', async () => {
    const item = {
      [ITEM_FORM.problem]: '文件层层转发', [ITEM_FORM.source]: 'self', [ITEM_FORM.wind]: 'formalism',
      [ITEM_FORM.owner]: OWNER, [ITEM_FORM.leader]: LEADER, [ITEM_FORM.deadline]: '2027-04-30 +0800',
    };
    expect((await bot.click(ADMIN, { a: 'lg.save' }, item)).toast.type).toBe('success');
    const id = (await bot.service.deps.ctx.store.ledger.list())[0]!.id;
    expect((await bot.click(ADMIN, { a: 'lg.activate', id })).toast.type).toBe('success');
    const before = await bot.service.deps.ctx.store.ledger.get(id);
    const typed = { [ACTION_FORM.progressText]: '已精简转发环节', [ACTION_FORM.progressLink]: 'ftp://example.com/x' };
    const a = await bot.click(OWNER, { a: 'lg.progress', id }, typed);
    expect(a.toast.type).toBe('warning');
    expect(validateCard(a.card.data)).toEqual([]);
    expect(field(a, ACTION_FORM.progressText).default_value).toBe('已精简转发环节');
    expect(field(a, ACTION_FORM.progressLink).default_value).toBe('ftp://example.com/x');
    expect(marked(a)).toEqual([ACTION_FORM.progressLink]);
    expect(await bot.service.deps.ctx.store.ledger.get(id)).toEqual(before);
  });

  it('进度 设置: a new milestone with an unknown owner keeps its name and date; the owner is marked', async () => {
    const before = await bot.service.deps.ctx.store.timeline.get();
    const typed = {
      [TIMELINE_FORM.addName]: '基层调研座谈', [TIMELINE_FORM.addDate]: '2027-03-20 +0800', [TIMELINE_FORM.addOwner]: 'ou_nobody',
    };
    const a = await bot.click(ADMIN, { a: 'tl.add' }, typed);
    expect(a.toast.type).toBe('warning');
    expect(validateCard(a.card.data)).toEqual([]);
    expect(field(a, TIMELINE_FORM.addName).default_value).toBe('基层调研座谈');
    expect(field(a, TIMELINE_FORM.addDate).initial_date).toBe('2027-03-20');
    expect(marked(a)).toEqual([TIMELINE_FORM.addOwner]);
    expect(await bot.service.deps.ctx.store.timeline.get()).toEqual(before);
  });

  it('意见处理: forwarding to someone who is not a leader comes back with the forward field marked; nothing changes', async () => {
    const op = await bot.click(OWNER, { a: 'op.submit' }, {
      category: 'formalism', target: 'team', source: 'cadres', text: '文件层层转发，基层疲于应付。', anonymous: 'anonymous',
    });
    expect(op.toast.type, str(op)).toBe('success');
    const [id] = (await bot.service.deps.ctx.store.opinions.openPage(0, 1)).ids;
    const before = await bot.service.deps.ctx.store.opinions.get(id!);
    const a = await bot.click(ADMIN, { a: 'tr.do', id, op: 'forward' }, { forward_to: OWNER });
    expect(a.toast.type).toBe('warning');
    expect(validateCard(a.card.data)).toEqual([]);
    expect(marked(a)).toEqual(['forward_to']);
    expect(await bot.service.deps.ctx.store.opinions.get(id!)).toEqual(before);
  });

  it('a new evaluation round with a bad k keeps its title and closing day', async () => {
    const typed = {
      [ROUND_FORM.title]: '第一次民主测评', [ROUND_FORM.kind]: 'democratic', [ROUND_FORM.mode]: 'electronic',
      [ROUND_FORM.closes]: '2027-03-20 +0800', [ROUND_FORM.k]: '1',
    };
    const a = await bot.click(ADMIN, { a: 'ev.create' }, typed);
    expect(a.toast.type).toBe('warning');
    expect(field(a, ROUND_FORM.title).default_value).toBe('第一次民主测评');
    expect(field(a, ROUND_FORM.closes).initial_date).toBe('2027-03-20');
    expect(field(a, ROUND_FORM.k).default_value).toBe('1');
    expect(await bot.service.deps.ctx.store.evaluations.list()).toEqual([]);
  });

  it('an outreach round with a bad chat id keeps the contact point and marks the chat field', async () => {
    const typed = {
      [OUTREACH_FORM.contact]: '城东社区工会', [OUTREACH_FORM.source]: 'township', [OUTREACH_FORM.day]: '2027-03-10 +0800',
      [OUTREACH_FORM.closes]: '2027-03-20 +0800', [OUTREACH_FORM.delivery]: 'chat', [OUTREACH_FORM.chatTyped]: 'not a chat',
    };
    const a = await bot.click(ADMIN, { a: 'ev.outreachCreate' }, typed);
    expect(a.toast.type).toBe('warning');
    expect(validateCard(a.card.data)).toEqual([]);
    expect(field(a, OUTREACH_FORM.contact).default_value).toBe('城东社区工会');
    expect(field(a, OUTREACH_FORM.delivery).initial_option).toBe('chat');
    expect(field(a, OUTREACH_FORM.chatTyped).default_value).toBe('not a chat');
    expect(marked(a)).toEqual([OUTREACH_FORM.chatTyped]);
    expect(await bot.service.deps.ctx.store.evaluations.list()).toEqual([]);
  });
});
