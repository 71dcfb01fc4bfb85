import { describe, it, expect } from 'vitest';
import { Redis } from 'ioredis';
import { testRedisUrl } from '../helpers/redis.js';

describe('test harness', () => {
  it('reaches Redis', async () => {
    const r = new Redis(testRedisUrl());
    expect(await r.ping()).toBe('PONG');
    r.disconnect();
  });
});
