import { z } from 'zod';

/** Raised when the environment cannot start the service; the message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** `host:port,host:port…` (IPv6 in brackets), as a list. */
const hostPorts = z.string().transform((v, ctx) => {
  const out: HostPort[] = [];
  for (const part of v.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/.exec(part);
    const port = m ? Number(m[2]) : 0;
    if (!m || port < 1 || port > 65535) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not host:port (a list such as 10.0.0.1:7000,10.0.0.2:7000)` });
      return z.NEVER;
    }
    out.push({ host: m[1].replace(/^\[|\]$/g, ''), port });
  }
  if (out.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'no host:port in the list (a list such as 10.0.0.1:7000,10.0.0.2:7000)' });
    return z.NEVER;
  }
  return out;
});

const origin = z.string().regex(/^https?:\/\/[^/\s]+$/, 'an http(s) origin such as http://127.0.0.1:4010');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Default: all interfaces with a Lark tenant. Local mode always listens on loopback (the playground has no login). */
  HOST: z.string().min(1).optional(),
  /** Default 127.0.0.1:6379, except in local mode: unset, it starts a private redis-server under DATA_DIR. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL').optional(),
  /** Redis Cluster: some of its nodes (`host:port,host:port…`); the rest are discovered. Wins over REDIS_URL. */
  REDIS_CLUSTER_NODES: hostPorts.optional(),
  /** Redis Sentinel: the sentinels (`host:port,…`) and the name of the master they watch (REDIS_SENTINEL_NAME). */
  REDIS_SENTINELS: hostPorts.optional(),
  REDIS_SENTINEL_NAME: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'the master name the sentinels know (letters, digits, . _ -)').optional(),
  /** Password of the data nodes of a cluster or a Sentinel deployment (REDIS_URL carries its own in its userinfo). */
  REDIS_PASSWORD: z.string().min(1).optional(),
  /** Password of the sentinels themselves, when they ask for one. */
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  /** Prefix of every Redis key this service writes (tests use a random one per file). */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '1–32 letters, digits, _ or -').default('mlb'),
  /** Managed Redis that hides CONFIG: skip the AOF / noeviction start check (you vouch for it). */
  REDIS_SKIP_CONFIG_CHECK: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
  LARK_APP_ID: z.string().min(1).optional(),
  LARK_APP_SECRET: z.string().min(1).optional(),
  LARK_ENCRYPT_KEY: z.string().min(1).optional(),
  LARK_VERIFICATION_TOKEN: z.string().min(1).optional(),
  LARK_DOMAIN: z.union([z.enum(['feishu', 'lark']), origin]).default('feishu'),
  LARK_MODE: z.enum(['webhook', 'ws']).default('webhook'),
  CAMPAIGN_CONFIG: z.string().min(1).optional(),
  ANON_SECRET: z.string().min(32, 'at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Anti-spam: opinions one person may give a day, and receipt look-ups a day. */
  OPINIONS_PER_DAY: z.coerce.number().int().min(1).max(1000).default(10),
  LOOKUPS_PER_DAY: z.coerce.number().int().min(1).max(1000).default(30),
  /** Where local mode keeps its Redis data and development secret. */
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * Where people outside the tenant reach the outreach page (`<PUBLIC_URL>/o/<token>`): the https origin of the
   * reverse proxy in front of the web role. Default: http://<HOST or 127.0.0.1>:<PORT> (development only).
   */
  PUBLIC_URL: z.string().regex(/^https?:\/\/[^\s?#]+$/, 'an http(s) URL such as https://union.example.cn').optional(),
  /** Behind a reverse proxy: 1 takes the client address from X-Forwarded-For (the proxy's last hop), else the socket's. */
  TRUST_PROXY: z.enum(['0', '1']).default('0').transform((v) => v === '1'),
  /** Development and tests only: the campaign clock starts at this instant (ISO 8601 with an offset) instead of now. */
  CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  /** A real Lark tenant outside production: refused unless this says so (logged at every start). */
  ALLOW_DEVELOPMENT_WITH_LARK: z.enum(['0', '1']).default('0').transform((v) => v === '1'),
});

type Env = z.infer<typeof envSchema>;

export interface HostPort {
  host: string;
  port: number;
}

/**
 * Where Redis is (DESIGN §5): one node (REDIS_URL), a Cluster (REDIS_CLUSTER_NODES, which wins over REDIS_URL) or
 * a master found through Sentinel (REDIS_SENTINELS and REDIS_SENTINEL_NAME).
 */
export type RedisTarget =
  | { mode: 'single'; url: string }
  | { mode: 'cluster'; nodes: HostPort[]; password: string | undefined }
  | { mode: 'sentinel'; sentinels: HostPort[]; name: string; password: string | undefined; sentinelPassword: string | undefined };

export interface LarkCredentials {
  appId: string;
  appSecret: string;
  encryptKey: string;
  verificationToken: string;
  /** `feishu`, `lark` or an http(s) origin (a local fake). */
  domain: string;
  mode: 'webhook' | 'ws';
}

export interface Config {
  env: Env['NODE_ENV'];
  production: boolean;
  port: number;
  host: string;
  /** The single node's URL (REDIS_URL or its default); with a cluster or Sentinel, see `redis`. */
  redisUrl: string;
  /** The Redis deployment every connection goes to (src/store/redis.ts createRedis). */
  redis: RedisTarget;
  /** Whether REDIS_URL was set (local mode then uses it, under `<prefix>-local`; else its own redis-server). */
  redisUrlSet: boolean;
  redisPrefix: string;
  redisSkipConfigCheck: boolean;
  /** Undefined when no Lark credentials are configured: the run command then starts local mode. */
  lark: LarkCredentials | undefined;
  campaignConfigPath: string | undefined;
  anonSecret: string | undefined;
  metricsToken: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  dataDir: string;
  opinionsPerDay: number;
  lookupsPerDay: number;
  /** The outreach page's origin and path prefix, without a trailing slash. */
  publicUrl: string;
  /** Whether X-Forwarded-For is believed for the client address (TRUST_PROXY=1). */
  trustProxy: boolean;
  /** Start of the campaign clock (ms), when CLOCK_START pins it; undefined: the real clock. */
  clockStart: number | undefined;
  /** A real Lark tenant outside production, allowed by ALLOW_DEVELOPMENT_WITH_LARK=1 (main.ts warns at every start). */
  developmentWithLark: boolean;
  /** The environment of the child processes we start (local mode's redis-server): ours without libfaketime. */
  childEnv: Readonly<Record<string, string | undefined>>;
}

const larkVars = ['LARK_APP_ID', 'LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN'] as const;

/** Reads the environment once. Throws ConfigError with one line naming the variable at fault. */
export function loadConfig(raw: Record<string, string | undefined>): Config {
  // Empty strings in .env files mean "not set".
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`${name}: ${issue.message}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';

  const present = larkVars.filter((k) => env[k] !== undefined);
  let lark: LarkCredentials | undefined;
  if (present.length > 0) {
    const missing = larkVars.filter((k) => env[k] === undefined);
    if (missing.length > 0) {
      throw new ConfigError(
        `${missing[0]}: required when ${present.join(', ')} ${present.length > 1 ? 'are' : 'is'} set ` +
          '(set all four Lark variables, or none for local mode)',
      );
    }
    lark = {
      appId: env.LARK_APP_ID!,
      appSecret: env.LARK_APP_SECRET!,
      encryptKey: env.LARK_ENCRYPT_KEY!,
      verificationToken: env.LARK_VERIFICATION_TOKEN!,
      domain: env.LARK_DOMAIN,
      mode: env.LARK_MODE,
    };
  }
  if (production) {
    if (!lark) throw new ConfigError('LARK_APP_ID: required in production (local mode is for development only)');
    if (!env.ANON_SECRET) throw new ConfigError('ANON_SECRET: required in production (e.g. `openssl rand -hex 32`)');
    if (!env.METRICS_TOKEN) throw new ConfigError('METRICS_TOKEN: required in production (protects /metrics and the queue dashboard)');
    if (!env.CAMPAIGN_CONFIG) throw new ConfigError('CAMPAIGN_CONFIG: required in production (path of the campaign JSON)');
    if (env.CLOCK_START) throw new ConfigError('CLOCK_START: not allowed in production (the campaign runs on the real clock)');
  }
  if (production && env.PUBLIC_URL && !env.PUBLIC_URL.startsWith('https://')) {
    throw new ConfigError('PUBLIC_URL: must be https:// in production (a reverse proxy with TLS in front of the web role)');
  }
  if (lark && !env.CAMPAIGN_CONFIG) {
    throw new ConfigError('CAMPAIGN_CONFIG: required when Lark credentials are set (path of the campaign JSON)');
  }
  const developmentWithLark = !production && lark !== undefined && isRealTenant(lark.domain);
  if (developmentWithLark && !env.ALLOW_DEVELOPMENT_WITH_LARK) {
    throw new ConfigError(
      `NODE_ENV: real Lark credentials (LARK_DOMAIN=${lark!.domain}) need NODE_ENV=production; ` +
        'set ALLOW_DEVELOPMENT_WITH_LARK=1 to run development against a real tenant on purpose',
    );
  }

  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  return Object.freeze({
    env: env.NODE_ENV,
    production,
    port: env.PORT,
    host: env.HOST ?? (lark ? '0.0.0.0' : '127.0.0.1'),
    redisUrl,
    redis: redisTargetOf(env, redisUrl),
    redisUrlSet: env.REDIS_URL !== undefined,
    redisPrefix: env.REDIS_PREFIX,
    redisSkipConfigCheck: env.REDIS_SKIP_CONFIG_CHECK,
    lark,
    campaignConfigPath: env.CAMPAIGN_CONFIG,
    anonSecret: env.ANON_SECRET,
    metricsToken: env.METRICS_TOKEN,
    logLevel: env.LOG_LEVEL,
    dataDir: env.DATA_DIR,
    opinionsPerDay: env.OPINIONS_PER_DAY,
    lookupsPerDay: env.LOOKUPS_PER_DAY,
    publicUrl: (env.PUBLIC_URL ?? `http://${localHost(env.HOST ?? (lark ? '0.0.0.0' : '127.0.0.1'))}:${env.PORT}`).replace(/\/+$/, ''),
    trustProxy: env.TRUST_PROXY,
    clockStart: env.CLOCK_START ? Date.parse(env.CLOCK_START) : undefined,
    developmentWithLark,
    childEnv: Object.freeze(childProcessEnv(raw)),
  });
}

/** REDIS_CLUSTER_NODES, else REDIS_SENTINELS (with its name), else REDIS_URL. */
function redisTargetOf(env: Env, url: string): RedisTarget {
  if (env.REDIS_CLUSTER_NODES && env.REDIS_SENTINELS) {
    throw new ConfigError('REDIS_SENTINELS: set either REDIS_CLUSTER_NODES (a cluster) or REDIS_SENTINELS (Sentinel), not both');
  }
  if (env.REDIS_SENTINEL_NAME && !env.REDIS_SENTINELS) {
    throw new ConfigError('REDIS_SENTINELS: required when REDIS_SENTINEL_NAME is set (the sentinels, host:port,…)');
  }
  if (env.REDIS_SENTINEL_PASSWORD && !env.REDIS_SENTINELS) {
    throw new ConfigError('REDIS_SENTINELS: required when REDIS_SENTINEL_PASSWORD is set (the sentinels, host:port,…)');
  }
  if (env.REDIS_CLUSTER_NODES) return { mode: 'cluster', nodes: env.REDIS_CLUSTER_NODES, password: env.REDIS_PASSWORD };
  if (env.REDIS_SENTINELS) {
    if (!env.REDIS_SENTINEL_NAME) {
      throw new ConfigError('REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the master name the sentinels watch, e.g. mymaster)');
    }
    return {
      mode: 'sentinel', sentinels: env.REDIS_SENTINELS, name: env.REDIS_SENTINEL_NAME,
      password: env.REDIS_PASSWORD, sentinelPassword: env.REDIS_SENTINEL_PASSWORD,
    };
  }
  if (env.REDIS_PASSWORD) {
    throw new ConfigError(
      'REDIS_PASSWORD: for a cluster or Sentinel only; put a single node\'s password in REDIS_URL (redis://:pass@host:6379)');
  }
  return { mode: 'single', url };
}

/**
 * The environment of a child process (a redis-server): `env` without libfaketime. `npm run test:any-day` moves the
 * clock of the whole test run through LD_PRELOAD, and redis-server's allocator cannot start under it ("recursive
 * calls to clock_gettime"). Redis keeps the real time; campaign time is ours, injected, never Redis's.
 */
export function childProcessEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out = { ...env };
  const preload = (out.LD_PRELOAD ?? '').split(/[:\s]+/).filter((lib) => lib && !/faketime/i.test(lib));
  if (preload.length) out.LD_PRELOAD = preload.join(':');
  else delete out.LD_PRELOAD;
  for (const k of Object.keys(out)) if (k.startsWith('FAKETIME')) delete out[k];
  return out;
}

/**
 * Whether a Lark domain reaches a real tenant: `feishu`, `lark` or any origin off this machine. An
 * origin on loopback is a local fake Lark server (tests, benches, local mode).
 */
export function isRealTenant(domain: string): boolean {
  if (domain === 'feishu' || domain === 'lark') return true;
  const host = new URL(domain).hostname;
  return !(host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host));
}

/** A listening host as a URL host: all interfaces → loopback, IPv6 in brackets. */
function localHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
