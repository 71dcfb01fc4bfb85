import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueExport, EXPORT_QUEUE } from '../../jobs/export.js';
import type { ExportJob } from '../../src/reports/export-job.js';
import { deletePrefix, randomPrefix, testRedisUrl } from '../helpers/redis.js';

let redis: Redis;
const prefix = randomPrefix();

beforeAll(() => { redis = new Redis(testRedisUrl()); });
afterAll(async () => {
  redis.disconnect();
  await deletePrefix(testRedisUrl(), prefix);
});

describe('the export queue (producer side)', () => {
  it('enqueueExport: a re-delivered click and repeated clicks make one job', async () => {
    const queue = new Queue(EXPORT_QUEUE, { connection: redis, prefix: `${prefix}:{bull}` });
    try {
      const data: ExportJob = { kind: 'opinion-export', format: 'xlsx', requester: 'ou_admin_liu', requestId: 'r1' };
      await enqueueExport(queue, data);
      await enqueueExport(queue, data);
      await enqueueExport(queue, { ...data, requestId: 'r2' });
      await enqueueExport(queue, { ...data, format: 'csv', requestId: 'r3' });
      expect(await queue.getWaitingCount()).toBe(2);
      await expect(enqueueExport(queue, { ...data, requestId: 'bad:id' })).rejects.toThrow();
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
