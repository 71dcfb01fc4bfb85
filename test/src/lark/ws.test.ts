import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.js';
import type { BotEvent } from '../../../src/lark/schema.js';
import { createWsInvoker } from '../../../src/lark/ws.js';
import { envelope, messageEvent, signPush, urlVerification } from '../../../src/local/lark-push.js';
import { TEST_SECRETS } from '../../helpers/lark-push.js';

const S = TEST_SECRETS;
const hello = () => messageEvent({ senderOpenId: 'ou_member_01', chatId: 'oc_p2p', chatType: 'p2p', text: '帮助' });

function setup(answer: { status: number; body: unknown } = { status: 200, body: {} }) {
  const dispatched: BotEvent[] = [];
  const logs: { msg: string; err?: string }[] = [];
  const sink = new Writable({
    write(chunk, _e, cb) { logs.push(...chunk.toString().split('\n').filter(Boolean).map((l: string) => JSON.parse(l))); cb(); },
  });
  const invoker = createWsInvoker(S, async (e) => { dispatched.push(e); return answer; }, createLogger('warn', sink));
  return { invoker, dispatched, logs };
}

describe('createWsInvoker', () => {
  it('dispatches a plaintext or encrypted frame and returns the pipeline answer', async () => {
    const answer = { toast: { type: 'success', content: 'ok' } };
    const { invoker, dispatched } = setup({ status: 200, body: answer });
    expect(await invoker.invoke(envelope('im.message.receive_v1', hello(), S, 'evt-ws-1'))).toEqual(answer);
    await invoker.invoke(JSON.parse(signPush(envelope('im.message.receive_v1', hello(), S, 'evt-ws-2'), S).body));
    expect(dispatched.map((e) => e.eventId)).toEqual(['evt-ws-1', 'evt-ws-2']);
  });

  it('answers a challenge', async () => {
    expect(await setup().invoker.invoke(urlVerification('c-ws', S))).toEqual({ challenge: 'c-ws' });
  });

  it('acks a wrong token or a malformed frame with {} and a warning, dispatching nothing', async () => {
    const { invoker, dispatched, logs } = setup();
    expect(await invoker.invoke(envelope('im.message.receive_v1', hello(), { ...S, verificationToken: 'WRONG' }))).toEqual({});
    expect(await invoker.invoke({ schema: '2.0', event: {} })).toEqual({});
    expect(dispatched).toEqual([]);
    expect(logs.map((l) => l.msg)).toEqual([
      'refused a long-connection frame: verification token mismatch (check LARK_VERIFICATION_TOKEN)',
      'refused a malformed long-connection frame',
    ]);
    expect(logs[1].err).toMatch(/^envelope: header/);
  });

  it('does not ack a frame that does not decrypt, nor an event the pipeline refused, so Lark re-pushes them', async () => {
    const other = JSON.parse(signPush(envelope('im.message.receive_v1', hello(), S), { ...S, encryptKey: 'another-key' }).body);
    const { invoker, dispatched } = setup({ status: 503, body: { error: 'temporarily unavailable' } });
    await expect(invoker.invoke(other)).rejects.toThrow(/LARK_ENCRYPT_KEY/);
    expect(dispatched).toEqual([]);
    await expect(invoker.invoke(envelope('im.message.receive_v1', hello(), S))).rejects.toThrow('event not accepted (503)');
  });
});
