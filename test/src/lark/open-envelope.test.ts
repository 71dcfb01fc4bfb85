import { describe, expect, it } from 'vitest';
import { openEnvelope } from '../../../src/lark/open-envelope.js';
import { cardActionEvent, envelope, messageEvent, signPush, urlVerification } from '../../../src/local/lark-push.js';
import { TEST_SECRETS } from '../../helpers/lark-push.js';

const S = TEST_SECRETS;
const open = (body: unknown, authenticated = true) => openEnvelope(body, S, { authenticated });
/** The `{"encrypt": …}` body Lark sends with an Encrypt Key set. */
const encrypted = (plain: unknown, secrets = S): unknown => JSON.parse(signPush(plain, secrets).body);
const hello = () => messageEvent({ senderOpenId: 'ou_member_01', chatId: 'oc_p2p', chatType: 'p2p', text: '帮助' });

describe('openEnvelope', () => {
  it('opens a plaintext event into a BotEvent', () => {
    const r = open(envelope('im.message.receive_v1', hello(), S, 'evt-plain-1'));
    const event = expect.objectContaining({ type: 'message', eventId: 'evt-plain-1', text: '帮助', chatType: 'p2p' });
    expect(r).toEqual({ kind: 'event', event });
  });

  it('decrypts an encrypted event first', () => {
    const card = cardActionEvent({ operatorOpenId: 'ou_member_01', value: { v: 1, a: 'help' } });
    const r = open(encrypted(envelope('card.action.trigger', card, S, 'evt-enc-1')));
    const event = { type: 'card_action', eventId: 'evt-enc-1', operatorOpenId: 'ou_member_01', value: { a: 'help' } };
    expect(r).toMatchObject({ kind: 'event', event });
  });

  it('answers the challenge, plain or encrypted, whether or not the transport authenticated it', () => {
    expect(open(urlVerification('c-1', S), false)).toEqual({ kind: 'challenge', challenge: 'c-1' });
    expect(open(encrypted(urlVerification('c-2', S)), false)).toEqual({ kind: 'challenge', challenge: 'c-2' });
  });

  it('refuses a verification token mismatch with 401, for events and challenges alike', () => {
    const wrong = { ...S, verificationToken: 'WRONG' };
    const event = envelope('im.message.receive_v1', hello(), wrong);
    for (const body of [event, encrypted(event), urlVerification('c', wrong)]) {
      expect(open(body)).toEqual({ kind: 'reject', status: 401, code: 'token', reason: 'verification token mismatch' });
    }
  });

  it('refuses a bad envelope with 400 and says which field', () => {
    const r = open({ schema: '2.0', event: {} });
    expect(r).toMatchObject({ kind: 'reject', status: 400, code: 'envelope' });
    expect(r.kind === 'reject' && r.reason).toMatch(/^envelope: header/);
    const noChat = envelope('im.message.receive_v1', { ...hello(), message: { ...(hello().message as object), chat_id: undefined } }, S);
    expect(open(noChat)).toMatchObject({ kind: 'reject', status: 400, code: 'envelope' });
    expect(open(null)).toMatchObject({ kind: 'reject', status: 400, code: 'envelope' });
    expect(open({ encrypt: 42 })).toMatchObject({ kind: 'reject', status: 400, code: 'bad_encrypt' });
  });

  it('refuses a body that does not decrypt: 401 unless the transport authenticated the sender, then 400', () => {
    const other = encrypted(envelope('im.message.receive_v1', hello(), S), { ...S, encryptKey: 'another-key' });
    expect(open(other, false)).toMatchObject({ kind: 'reject', status: 401, code: 'undecryptable' });
    expect(open(other, true)).toMatchObject({ kind: 'reject', status: 400, code: 'undecryptable' });
  });
});
