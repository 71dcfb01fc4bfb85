import { ConfigError, loadConfig } from './config.js';
import { CampaignError } from './campaign.js';
import { createLogger, type Logger } from './log.js';
import { StartError, startService, type ProcessRole } from './server.js';
import { prepareLocalMode } from './local/local-mode.js';
import { devAnonSecret } from './local/dev-secret.js';

/**
 * Entry: `npm start` runs web and workers in one process; `npm start -- web` / `npm start -- worker`
 * run one role; with no Lark credentials (or `npm run playground`) it starts local mode.
 */
async function main(): Promise<void> {
  const arg = process.argv[2] ?? 'all';
  if (!['all', 'web', 'worker', 'playground'].includes(arg)) {
    console.error(`usage: npm start [-- web | worker | playground] (got "${arg}")`);
    process.exit(2);
  }
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  if (config.developmentWithLark) {
    log.warn({ domain: config.lark!.domain }, 'ALLOW_DEVELOPMENT_WITH_LARK=1: development against a real Lark tenant '
      + '(ANON_SECRET may fall back to a file under DATA_DIR, /metrics may be open, Redis durability only warns)');
  }

  const local = !config.lark || arg === 'playground' ? await prepareLocalMode(config, log) : undefined;
  const role: ProcessRole = arg === 'web' || arg === 'worker' ? arg : 'all';
  const service = await startService({
    config: local?.config ?? config,
    lark: local?.lark ?? config.lark!,
    role: local ? 'all' : role,
    log,
    campaignPath: local?.campaignPath ?? config.campaignConfigPath!,
    anonSecret: local?.anonSecret ?? config.anonSecret ?? (await devSecret(config.dataDir, log)),
    extendRoutes: local?.extendRoutes,
    openDashboardOnLoopback: Boolean(local),
  }).catch(async (e: unknown) => {
    await local?.close();
    throw e;
  });
  if (config.clockStart !== undefined) {
    log.warn({ clockStart: new Date(config.clockStart).toISOString() }, 'CLOCK_START: the campaign clock is not the real one');
  }
  if (local) local.announce(service);
  else log.info({ role, port: service.port, mode: config.lark!.mode }, 'started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    local?.closeStreams();
    await service.close().catch((e) => log.error({ err: (e as Error).message }, 'error while closing'));
    await local?.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Development only (production requires ANON_SECRET): said at every start, never silent. */
async function devSecret(dataDir: string, log: Logger): Promise<string> {
  log.warn({ dataDir }, 'ANON_SECRET is not set: using the development key kept under DATA_DIR');
  return devAnonSecret(dataDir);
}

main().catch((e: unknown) => {
  // One clear line for what the operator must fix; a stack only for the unexpected.
  if (e instanceof ConfigError || e instanceof CampaignError || e instanceof StartError) console.error(`Cannot start: ${e.message}`);
  else console.error('Cannot start:', e);
  process.exit(1);
});
