import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../log.js';
import { openEnvelope, type InboundSecrets } from './open-envelope.js';
import type { BotEvent } from './schema.js';

/**
 * The long-connection edge (`LARK_MODE=ws`). WSClient hands every frame to
 * `eventDispatcher.invoke(envelope, { needCheck: false })` (sdk ws-client); we give it our own
 * `invoke`, so events take exactly the webhook's path after verification. Frames are
 * authenticated by the connection itself, so there is no signature; the token is still checked.
 */
export function createWsInvoker(
  secrets: InboundSecrets,
  dispatch: (event: BotEvent) => Promise<{ status: number; body: unknown }>,
  log: Logger,
) {
  return {
    async invoke(data: unknown): Promise<unknown> {
      const opened = openEnvelope(data, secrets, { authenticated: true });
      if (opened.kind === 'reject') {
        // Not acked: the SDK answers 500 and Lark re-pushes the frame (a wrong LARK_ENCRYPT_KEY can be fixed meanwhile).
        if (opened.code === 'undecryptable') throw new Error(`refused a long-connection frame: ${opened.reason}`);
        if (opened.code === 'token') {
          log.warn('refused a long-connection frame: verification token mismatch (check LARK_VERIFICATION_TOKEN)');
        } else {
          log.warn({ err: opened.reason }, 'refused a malformed long-connection frame');
        }
        return {};
      }
      if (opened.kind === 'challenge') return { challenge: opened.challenge };
      const answer = await dispatch(opened.event);
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
  const client = new lark.WSClient({
    appId: creds.appId, appSecret: creds.appSecret, domain, loggerLevel: lark.LoggerLevel.warn, autoReconnect: true,
  });
  void client.start({ eventDispatcher: invoker as unknown as lark.EventDispatcher });
  return { close: () => client.close({ force: true }) };
}
