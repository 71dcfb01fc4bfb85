import * as lark from '@larksuiteoapi/node-sdk';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import Koa from 'koa';

/**
 * The reference: a bot written the way the SDK README shows (EventDispatcher + adaptKoa, autoChallenge),
 * doing the same work as our web role minimally: the SDK checks the signature and decrypts, and the
 * handler queues the event in BullMQ with its event_id as the job id (the de-duplication), kept 8 h.
 * Run as a process of its own by the bench (PORT, REDIS_URL, REDIS_PREFIX, LARK_ENCRYPT_KEY, LARK_VERIFICATION_TOKEN).
 */
const env = process.env;
const connection = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const queue = new Queue('inbound', { connection, prefix: `${env.REDIS_PREFIX}:{bull}` });

const eventDispatcher = new lark.EventDispatcher({
  encryptKey: env.LARK_ENCRYPT_KEY, verificationToken: env.LARK_VERIFICATION_TOKEN,
}).register({
  'im.message.receive_v1': async (data) => {
    await queue.add('message', data, { jobId: data.event_id, removeOnComplete: { age: 8 * 3600 }, removeOnFail: { age: 8 * 3600 } });
  },
});

const server = new Koa();
server.use(async (ctx, next) => {
  if (ctx.method === 'GET' && ctx.path === '/healthz') ctx.body = { ok: true };
  else await next();
});
server.use(lark.adaptKoa('/webhook/event', eventDispatcher, { autoChallenge: true }));
server.listen(Number(env.PORT), '127.0.0.1');
