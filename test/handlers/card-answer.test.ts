import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unknownCommandCard } from '../../cards/hint.js';
import { toast, withCard } from '../../handlers/card-answer.js';
import { cardHandlers, createCardAnswerer, type CardHandlers } from '../../handlers/index.js';
import { settleLateAnswer } from '../../handlers/late-answer.js';
import { lateAnswerKey, lateFailureKey } from '../../handlers/outbox-keys.js';
import { newEventId } from '../../src/local/lark-push.js';
import { msg, t } from '../../src/messages/index.js';
import { larkUuid } from '../../src/outbox.js';
import type { CardEvent, CardAnswer } from '../../src/pipeline.js';
import { startTestBot, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot(); });
afterAll(async () => { await bot?.stop(); });

const OPERATOR = 'ou_member_01';
const ctx = () => bot.service.deps.ctx;
const click = (eventId: string): CardEvent => ({ type: 'card_action', eventId, operatorOpenId: OPERATOR, value: { v: 1, a: 'help' } });

/** A promise the test settles by hand: the handler's work ends when the test says so, never after some time. */
function gate<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

/** event_ids the test handler ran for, one entry per run; each run waits for `work`. */
const runs: string[] = [];
let work = gate<CardAnswer>();
const slowHelp: CardHandlers['help'] = async (_a, event) => {
  runs.push(event.eventId);
  return work.promise;
};
const runsOf = (eventId: string) => runs.filter((id) => id === eventId).length;
/** What the fake Lark server received under an outbox key (Lark's uuid is derived from it). */
const sentUnder = (key: string) => bot.fake.messagesTo(OPERATOR).filter((m) => m.uuid === larkUuid(key));
const logsOf = (eventId: string, line: string) =>
  bot.logs.map((l) => JSON.parse(l) as { eventId?: string; msg?: string }).filter((l) => l.eventId === eventId && l.msg === line);

describe('card callbacks that run past their answer deadline', () => {
  // The handler waits for a gate the test holds, so it is late whatever the deadline; 20 ms keeps the test short.
  const answer = createCardAnswerer({ handlers: { ...cardHandlers, help: slowHelp }, deadlineMs: 20 });

  it('are answered "being handled", keep the claim while the work goes on, and send the result once by message', async () => {
    work = gate<CardAnswer>();
    const eventId = newEventId();
    expect(await answer(click(eventId), ctx())).toEqual(toast('info', msg.late.working));

    // Lark re-pushes the same event_id while the work goes on: a duplicate, nothing runs twice.
    expect(await answer(click(eventId), ctx())).toEqual({});
    expect(runsOf(eventId)).toBe(1);

    const card = unknownCommandCard();
    const late = withCard(toast('success', msg.dm.sentByDm), card);
    work.resolve(late);
    await bot.until(async () => (await ctx().outbox.messageId(lateAnswerKey(eventId))) !== undefined, 10_000, 'the late answer');
    await bot.idle();
    const sent = sentUnder(lateAnswerKey(eventId));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.msgType).toBe('interactive');
    expect(sent[0]!.content).toEqual(card);

    // The claim outlives the work; the continuation run again (a retry) sends nothing twice.
    expect(await answer(click(eventId), ctx())).toEqual({});
    await settleLateAnswer(Promise.resolve(late), click(eventId), 'help', ctx());
    await bot.idle();
    expect(sentUnder(lateAnswerKey(eventId))).toHaveLength(1);
    expect(runsOf(eventId)).toBe(1);
  });

  it('a late anonymous answer (a ballot page, a receipt) is sent directly, never queued next to the person', async () => {
    const eventId = newEventId();
    const page = withCard({}, unknownCommandCard());
    const tap = { ...click(eventId), value: { v: 1, a: 'ev.step', s: '0123-'.repeat(5) } };
    await settleLateAnswer(Promise.resolve(page), tap, 'ev.step', ctx());
    await bot.idle();
    expect(sentUnder(lateAnswerKey(eventId)).map((m) => m.msgType)).toEqual(['interactive']);
    // Not through the outbox: no record, so no job or key ever held the answer beside the person.
    expect(await ctx().outbox.messageId(lateAnswerKey(eventId))).toBeUndefined();
  });

  it('a late answer showing a talk\'s private note (tk.note, tk.noteSave) is sent directly too, never queued', async () => {
    for (const a of ['tk.note', 'tk.noteSave'] as const) {
      const eventId = newEventId();
      const tap = { ...click(eventId), value: { v: 1, a, id: 'talk_0000001' } };
      await settleLateAnswer(Promise.resolve(withCard({}, unknownCommandCard())), tap, a, ctx());
      await bot.idle();
      expect(sentUnder(lateAnswerKey(eventId)).map((m) => m.msgType)).toEqual(['interactive']);
      expect(await ctx().outbox.messageId(lateAnswerKey(eventId))).toBeUndefined();
    }
  });

  it('when that direct send fails, a text without the content goes through the outbox', async () => {
    const eventId = newEventId();
    const receipt = withCard(toast('success', msg.dm.sentByDm), unknownCommandCard());
    bot.fake.fail('im.message.create', { status: 502 });
    await settleLateAnswer(Promise.resolve(receipt), { ...click(eventId), value: { v: 1, a: 'op.submit' } }, 'op.submit', ctx());
    await bot.until(async () => (await ctx().outbox.messageId(lateAnswerKey(eventId))) !== undefined, 10_000, 'the notice');
    expect(sentUnder(lateAnswerKey(eventId)).map((m) => m.content)).toEqual([{ text: t(msg.late.notDelivered) }]);
  });

  it('send the toast text when the late answer has no card', async () => {
    work = gate<CardAnswer>();
    const eventId = newEventId();
    expect(await answer(click(eventId), ctx())).toEqual(toast('info', msg.late.working));
    work.resolve(toast('warning', msg.errors.noPermissionFor));
    await bot.until(async () => (await ctx().outbox.messageId(lateAnswerKey(eventId))) !== undefined, 10_000, 'the late answer');
    const [sent] = sentUnder(lateAnswerKey(eventId));
    expect(sent!.msgType).toBe('text');
    expect(sent!.content).toEqual({ text: t(msg.errors.noPermissionFor) });
  });

  it('release the claim when the late work fails, log it once and tell the operator to try again', async () => {
    work = gate<CardAnswer>();
    const eventId = newEventId();
    expect(await answer(click(eventId), ctx())).toEqual(toast('info', msg.late.working));
    work.reject(new Error('Lark read failed'));
    await bot.until(async () => (await ctx().outbox.messageId(lateFailureKey(eventId))) !== undefined, 10_000, 'the failure notice');
    await bot.idle();

    expect(sentUnder(lateFailureKey(eventId)).map((m) => m.content)).toEqual([{ text: t(msg.late.failed) }]);
    expect(sentUnder(lateAnswerKey(eventId))).toHaveLength(0);
    expect(logsOf(eventId, 'card action failed after its answer deadline')).toHaveLength(1);

    // The claim is gone, so a re-push runs the action again (answered in time now).
    work = gate<CardAnswer>();
    work.resolve(toast('success', msg.dm.sentByDm));
    expect(await answer(click(eventId), ctx())).toEqual(toast('success', msg.dm.sentByDm));
    expect(runsOf(eventId)).toBe(2);
  });
});

describe('card callbacks that fail or answer before their deadline', () => {
  const failing: CardHandlers['help'] = async () => { throw new Error('store failed'); };
  const answer = createCardAnswerer({ handlers: { ...cardHandlers, help: failing }, deadlineMs: 60_000 });

  it('a failure in time releases the claim and answers "try again", as before', async () => {
    const eventId = newEventId();
    expect(await answer(click(eventId), ctx())).toEqual(toast('error', msg.errors.tryAgain));
    expect(await ctx().store.kv.claimCardEvent(eventId)).toBe(true);
    expect(await ctx().outbox.messageId(lateFailureKey(eventId))).toBeUndefined();
    expect(logsOf(eventId, 'card action failed')).toHaveLength(1);
  });

  it('an answer in time is the callback answer, and no message follows', async () => {
    const quick: CardHandlers['help'] = async () => toast('success', msg.dm.sentByDm);
    const inTime = createCardAnswerer({ handlers: { ...cardHandlers, help: quick }, deadlineMs: 60_000 });
    const eventId = newEventId();
    expect(await inTime(click(eventId), ctx())).toEqual(toast('success', msg.dm.sentByDm));
    await bot.idle();
    expect(await ctx().outbox.messageId(lateAnswerKey(eventId))).toBeUndefined();
  });
});
