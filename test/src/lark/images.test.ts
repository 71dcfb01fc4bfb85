import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLarkServer, type FakeLark } from '../../../src/local/fake-lark-server.js';
import { createLarkApi } from '../../../src/lark/client.js';
import { LarkApiError } from '../../../src/lark/errors.js';

/** Image messages at the edge: im.v1.image.create (multipart) and an `image` body, real SDK against the fake Lark server. */

let fake: FakeLark | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start() {
  fake = await startFakeLarkServer({ appId: 'cli_test', appSecret: 'secret' });
  return { fake, api: createLarkApi({ appId: 'cli_test', appSecret: 'secret', domain: fake.url }) };
}

describe('image messages', () => {
  it('uploads an image for messages and sends it by its image_key; the fake keeps the bytes', async () => {
    const { fake, api } = await start();
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(500, 3)]);
    const { imageKey } = await api.uploadImage(bytes);
    expect(imageKey).toMatch(/^img_v3_/);
    expect(fake.requestsTo('im.image.create')[0]).toMatchObject({ status: 200 });
    expect(fake.state.files.get(imageKey)!.data.equals(bytes)).toBe(true);
    const { messageId } = await api.send({ openId: 'ou_a' }, { type: 'image', imageKey }, 'img-uuid-1');
    const m = fake.messages.find((x) => x.messageId === messageId)!;
    expect(m).toMatchObject({ msgType: 'image', content: { image_key: imageKey } });
  });

  it('refuses an empty image and an image_key the fake never issued, as Lark does', async () => {
    const { api } = await start();
    const empty = await api.uploadImage(Buffer.alloc(0)).then(() => undefined, (e: unknown) => e);
    expect(empty).toBeInstanceOf(LarkApiError);
    const unknown = await api.send({ openId: 'ou_a' }, { type: 'image', imageKey: 'img_v3_nope' }).then(() => undefined, (e: unknown) => e);
    expect((unknown as LarkApiError).code).toBe(230001);
  });
});
