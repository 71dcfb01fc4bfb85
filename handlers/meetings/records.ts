import { parseRecordForm, RECORD_FORM } from '../../src/domain/meetings/form.js';
import type { Meeting } from '../../src/domain/meetings/meeting.js';
import { linkMeasure, putRecord } from '../../src/domain/meetings/transitions.js';
import { newItem } from '../../src/domain/ledger/transitions.js';
import { newItemId } from '../../src/domain/ledger/item.js';
import { msg, t } from '../../src/messages/index.js';
import { recordCard } from '../../cards/meetings/meeting.js';
import type { Card } from '../../cards/types.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { knownPeople } from '../people.js';
import type { CardHandler } from '../types.js';
import { forAdmin, refusal, sendMeetingCards } from './common.js';
import { recordConfirmKey } from './outbox-keys.js';

/**
 * The office records each attendee's self-criticism points, the criticism they received and the measures raised
 * (≤ 1,000 characters a field); the attendee is sent the record to confirm. Each measure becomes a draft ledger item
 * in one tap, its source the meeting and the person (the item card names both).
 */

const G = msg.meetings;

async function recordCardFor(m: Meeting, subject: string, ctx: HandlerCtx): Promise<Card> {
  const people = await knownPeople(ctx);
  const ids = Object.values(m.records[subject]?.items ?? {});
  const items = await Promise.all(ids.map((id) => ctx.store.ledger.get(id)));
  return recordCard({
    meeting: m, subject, names: { ...people.names, [subject]: people.nameOf(subject) }, editable: m.state !== 'planned',
    itemSeqs: Object.fromEntries(items.flatMap((i) => (i ? [[i.id, i.seq]] : []))),
  });
}

export const onRecordOpen: CardHandler<'mg.record'> = async (a, event, ctx) => {
  const r = await forAdmin(a.id, event.operatorOpenId, ctx);
  if ('answer' in r) return r.answer;
  if (!r.meeting.attendees.includes(a.u)) return toast('warning', G.toast.notAttendee);
  if (r.meeting.state === 'planned') return toast('warning', G.toast.notStarted);
  return withCard({}, await recordCardFor(r.meeting, a.u, ctx));
};

export const onRecordSave: CardHandler<'mg.recordSave'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const r = await forAdmin(a.id, actor, ctx);
  if ('answer' in r) return r.answer;
  if (!r.meeting.attendees.includes(a.u)) return toast('warning', G.toast.notAttendee);
  if (r.meeting.state === 'planned') return toast('warning', G.toast.notStarted);
  const p = parseRecordForm(event.formValue ?? {});
  if (!p.ok) {
    const m = G.form.errors[p.error];
    return formRefused(m, await recordCardFor(r.meeting, a.u, ctx), event.formValue, p.fields.map((field) => ({ field, text: t(m) })));
  }
  const now = ctx.now();
  const u = await ctx.store.meetings.update(a.id, (m) => putRecord(m, a.u, p.value, { by: actor, now }), {
    at: now, actor, action: 'meeting.record', detail: { id: a.id, subject: a.u, measures: p.value.measures.length },
  });
  if (!u.ok) {
    if (u.reason === 'already') {
      return formRefused(G.toast.measuresKept, await recordCardFor(r.meeting, a.u, ctx), event.formValue,
        [{ field: RECORD_FORM.measures, text: t(G.toast.measuresKept) }]);
    }
    return refusal(u);
  }
  // Logged without the text: records are named, but logs never carry what people said.
  ctx.log.info({ meeting: a.id, measures: p.value.measures.length }, 'meeting: record saved');
  await sendMeetingCards(u.meeting, [a.u], (x) => recordConfirmKey(a.id, x, now), G.notices.confirm(u.meeting.title), ctx);
  return withCard(toast('success', G.toast.recordSaved), await recordCardFor(u.meeting, a.u, ctx));
};

/** 措施转为整改事项: a draft ledger item (no reminders, not public) whose source is the meeting and the person; once per measure. */
export const onMeasure: CardHandler<'mg.measure'> = async (a, event, ctx) => {
  const actor = event.operatorOpenId;
  const r = await forAdmin(a.id, actor, ctx);
  if ('answer' in r) return r.answer;
  const rec = r.meeting.records[a.u];
  const text = rec?.measures[a.i];
  if (!rec || text === undefined) return toast('warning', G.toast.noMeasure);
  if (rec.items[String(a.i)]) return withCard(toast('warning', G.toast.already), await recordCardFor(r.meeting, a.u, ctx));
  // Two quick taps are two callbacks: the second waits out the first rather than making a second item.
  if (!(await ctx.store.kv.claimOnce(`mg2lg-${a.id}-${a.u}-${a.i}`, 30))) return toast('warning', G.toast.already);
  const b = { by: actor, now: ctx.now() };
  // The person owns it; the responsible leader is that person when a leader, else the top leader (the office completes the form).
  const leaders = (await knownPeople(ctx)).leaders.map((l) => l.openId);
  const leader = leaders.includes(a.u) ? a.u : ctx.campaign.topLeader;
  const draft = newItem({
    problem: text, source: { kind: 'meeting', ref: a.id, person: a.u }, wind: 'other', goal: '', measures: text, owner: a.u, leader,
    coOwners: [], milestones: [], commitment: '', linkedRounds: [],
  }, newItemId(), b);
  const item = await ctx.store.ledger.create(draft, {
    at: b.now, actor, action: 'ledger.create', detail: { source: 'meeting', meeting: a.id, person: a.u, measure: a.i },
  });
  const u = await ctx.store.meetings.update(a.id, (m) => linkMeasure(m, a.u, a.i, item.id, b), {
    at: b.now, actor, action: 'meeting.measure', detail: { id: a.id, subject: a.u, measure: a.i, item: item.id },
  });
  if (!u.ok) return refusal(u);
  return withCard(toast('success', G.toast.measureDone(item.seq)), await recordCardFor(u.meeting, a.u, ctx));
};
