import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../log.js';
import { decrypt, safeEqual } from './verify.js';
import { EnvelopeError, parseBody, type BotEvent } from './schema.js';

/**
 * The long-connection edge (`LARK_MODE=ws`). WSClient hands every frame to
 * `eventDispatcher.invoke(envelope, { needCheck: false })` (sdk ws-client); we give it our own
 * `invoke`, so events take exactly the webhook's path after verification. Frames are
 * authenticated by the connection itself, so there is no signature; the token is still checked.
 */
export function createWsInvoker(
  secrets: { encryptKey: string; verificationToken: string },
  dispatch: (event: BotEvent) => Promise<{ status: number; body: unknown }>,
  log: Logger,
) {
  return {
    async invoke(data: unknown): Promise<unknown> {
      let body = data;
      const enc = (data as { encrypt?: unknown } | null)?.encrypt;
      if (typeof enc === 'string') body = JSON.parse(decrypt(enc, secrets.encryptKey));
      let parsed;
      try {
        parsed = parseBody(body);
      } catch (e) {
        if (e instanceof EnvelopeError) {
          log.warn({ err: e.message }, 'refused a malformed long-connection frame');
          return {};
        }
        throw e;
      }
      if (!safeEqual(parsed.token, secrets.verificationToken)) {
        log.warn('refused a long-connection frame: verification token mismatch (check LARK_VERIFICATION_TOKEN)');
        return {};
      }
      if (parsed.kind === 'challenge') return { challenge: parsed.challenge };
      const answer = await dispatch(parsed.event);
      // A non-200 makes Lark re-push, as over HTTP.
      if (answer.status !== 200) throw new Error(`event not accepted (${answer.status})`);
      // A falsy result is acked without data, which the client shows as an error for callbacks.
      return answer.body ?? {};
    },
  };
}

export function startWsClient(
  creds: { appId: string; appSecret: string; domain: string },
  invoker: ReturnType<typeof createWsInvoker>,
): { close: () => void } {
  const domain = creds.domain === 'feishu' ? lark.Domain.Feishu : creds.domain === 'lark' ? lark.Domain.Lark : creds.domain;
  const client = new lark.WSClient({ appId: creds.appId, appSecret: creds.appSecret, domain, loggerLevel: lark.LoggerLevel.warn, autoReconnect: true });
  void client.start({ eventDispatcher: invoker as unknown as lark.EventDispatcher });
  return { close: () => client.close({ force: true }) };
}
