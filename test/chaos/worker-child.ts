import { loadConfig } from '../../src/config.js';
import { clockFrom } from '../../src/clock.js';
import { createLogger } from '../../src/log.js';
import { startService } from '../../src/server.js';

/**
 * A worker process for the chaos tests (forked by harness.ts spawnWorker): startService with role worker on
 * the environment it was given, its campaign clock set by the parent (CHAOS_CLOCK, then `{ clock }` messages).
 * It reports `{ ready: true }` once its workers run; SIGTERM closes it, SIGKILL is the point.
 */
let clock = clockFrom(Number(process.env.CHAOS_CLOCK));
process.on('message', (m: { clock?: number }) => {
  if (typeof m.clock !== 'number') return;
  clock = clockFrom(m.clock);
  process.send?.({ clockSet: m.clock });
});
// The parent went away: do not outlive it.
process.on('disconnect', () => process.exit(1));

const config = loadConfig(process.env);
const log = createLogger('warn', process.stderr);
const service = await startService({
  config, lark: config.lark!, role: 'worker', log, campaignPath: config.campaignConfigPath!, anonSecret: config.anonSecret!,
  outboxLimits: JSON.parse(process.env.CHAOS_OUTBOX_LIMITS ?? '{}') as Record<string, number>, now: () => clock(),
});
process.send?.({ ready: true });
process.on('SIGTERM', () => {
  void service.close().finally(() => process.exit(0));
});
