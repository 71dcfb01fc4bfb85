import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { newEventId, signPush, type PushSecrets } from '../../src/local/lark-push.js';

export const TEST_SECRETS: PushSecrets = {
  encryptKey: 'test-encrypt-key-0123456789abcdef',
  verificationToken: 'rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV',
  appId: 'cli_a1b2c3d4e5f60001',
};

/** A fixture from test/fixtures/lark, with a fresh event_id unless told otherwise. */
export function fixture(name: string, opts: { eventId?: string; token?: string } = {}): any {
  const path = fileURLToPath(new URL(`../fixtures/lark/${name}.json`, import.meta.url));
  const body = JSON.parse(readFileSync(path, 'utf8'));
  if (body.header) {
    body.header.event_id = opts.eventId ?? newEventId();
    if (opts.token) body.header.token = opts.token;
  } else if (body.uuid) {
    body.uuid = opts.eventId ?? newEventId();
    if (opts.token) body.token = opts.token;
  }
  return body;
}

export { signPush };
