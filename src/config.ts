// The one place the environment is interpreted. Anything wrong stops start-up with one line
// that names the variable, instead of a server that half-works.
import { isIP } from 'node:net';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const list = (value: string) => value.split(',').map((item) => item.trim()).filter(Boolean);

// Browsers send Origin as scheme://host[:port] in lower case, without a default port or a slash:
// "https://desk.example.org/" would never match, so it is refused rather than silently ignored.
const isOrigin = (value: string) => URL.canParse(value) && new URL(value).origin === value;

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const isProxyAddress = (value: string) => {
  if (PROXY_NAMES.includes(value)) return true;
  const [address, bits, extra] = value.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
};

/** The HTTP behaviour's variables (README: "HTTP behaviour"). */
function httpEnv() {
  const wholeNumber = (what: string, min: number, max: number) => {
    const message = `must be a whole number of ${what} from ${min} to ${max}`;
    return z.string().regex(/^\d{1,9}$/, message).transform(Number).refine((n) => n >= min && n <= max, message);
  };
  return {
    CORS_ORIGINS: z
      .string()
      .transform(list)
      .refine((origins) => origins.length > 0 && (origins.join() === '*' || origins.every(isOrigin)),
        'must be * or a comma-separated list of origins like https://desk.example.org (lower case, no path or trailing slash)')
      .default([]),
    CACHE_MAX_AGE_SECONDS: wholeNumber('seconds', 0, 86400).default(0),
    RATE_LIMIT_MAX: z
      .string()
      .regex(/^(off|\d{1,9})$/i, 'must be a whole number of requests, or 0 or off to switch rate limiting off')
      .transform((value) => (value.toLowerCase() === 'off' ? 0 : Number(value)))
      .default(3000),
    RATE_LIMIT_WINDOW_MS: wholeNumber('milliseconds', 1000, 86_400_000).default(60_000),
    TRUST_PROXY: z
      .string()
      // No hop counts: fastify 5 ignores them, since they cannot tell a proxy from a client that lies.
      .refine((value) => /^(true|false)$/.test(value) || (list(value).length > 0 && list(value).every(isProxyAddress)),
        'must be true, false, or a comma-separated list of proxy IPs/CIDRs (or loopback, linklocal, uniquelocal)')
      .transform((value): boolean | string[] => (value === 'true' ? true : value === 'false' ? false : list(value)))
      .default(false),
  };
}

const envSchema = z.object({
  DATABASE_URL: z.string().trim().min(1, 'must be a file path or ":memory:"').default('data/claimtrail.db'),
  HOST: z.string().trim().min(1, 'must be a host name or IP address').default('127.0.0.1'),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535')
    .transform(Number)
    .refine((port) => port <= 65535, 'must be a whole number from 0 to 65535')
    .default(3000),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ...httpEnv(),
  PUBLIC_URL: z.string().trim()
    .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol) && new URL(url).pathname === '/' && !url.endsWith('/'),
      'must be the origin clients reach the API at, like https://claims.example.org (no path, no trailing slash)')
    .optional(),
  RESPONSE_VALIDATION: z.enum(['on', 'off'], { error: 'must be on or off' }).default('off'),
  READ_ACCESS: z.enum(['public', 'key'], { error: 'must be public (anyone may read) or key (reads need a reader key)' })
    .default('public'),
  WRITE_RATE_LIMIT_MAX: z
    .string()
    .regex(/^(off|\d{1,9})$/i, 'must be a whole number of writes per window for each key, or 0 or off')
    .transform((value) => (value.toLowerCase() === 'off' ? 0 : Number(value)))
    .default(600),
  CHANGES_POLL_MS: z.string().regex(/^\d{2,5}$/, 'must be a whole number of milliseconds from 50 to 60000').transform(Number)
    .refine((ms) => ms >= 50 && ms <= 60_000, 'must be a whole number of milliseconds from 50 to 60000').default(500),
  CONFLICT_WINDOW_DAYS: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number of days from 0 to 3660')
    .transform(Number)
    .refine((days) => days <= 3660, 'must be a whole number of days from 0 to 3660')
    .default(31),
});

export interface Config {
  databaseUrl: string;
  host: string;
  port: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Origins a browser page may call the API from; [] sends no CORS headers, ['*'] allows any. */
  corsOrigins: string[];
  /** 0: every reuse is revalidated (Cache-Control: no-cache); N: responses may be reused for N seconds. */
  cacheMaxAgeSeconds: number;
  /** Requests per client IP per window; 0 switches rate limiting off. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Which proxies' X-Forwarded-For to believe: client IPs are what rate limits and logs key on. */
  trustProxy: boolean | string[];
  /** /v1/conflicts compares figures claimed at most this many days apart, unless a request says otherwise. */
  conflictWindowDays: number;
  /** Where clients reach the API, for absolute IRIs in JSON-LD; unset: IRIs are relative to the document. */
  publicUrl?: string;
  /** Check every response against its zod schema before sending (tests do; it costs ~10% of a list). */
  validateResponses: boolean;
  /** public: anyone may read; key: reads need a key (any role). Writes always need an editor key. */
  readAccess: 'public' | 'key';
  /** Writes per key per rate-limit window; 0 switches the write limit off. */
  writeRateLimitMax: number;
  /** How often /v1/changes/stream looks for new changes (it polls, so it sees other processes' writes too). */
  changesPollMs: number;
}

export class ConfigError extends Error {
  name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(given);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue.path[0]);
    throw new ConfigError(`invalid configuration: ${variable}=${JSON.stringify(env[variable])} ${issue.message}`);
  }
  const { CONFLICT_WINDOW_DAYS, READ_ACCESS, WRITE_RATE_LIMIT_MAX, CHANGES_POLL_MS, PUBLIC_URL, RESPONSE_VALIDATION } = result.data;
  const { DATABASE_URL, HOST, PORT, LOG_LEVEL } = result.data;
  const { CORS_ORIGINS, CACHE_MAX_AGE_SECONDS, RATE_LIMIT_MAX, RATE_LIMIT_WINDOW_MS, TRUST_PROXY } = result.data;
  return {
    databaseUrl: DATABASE_URL, host: HOST, port: PORT, logLevel: LOG_LEVEL,
    corsOrigins: CORS_ORIGINS, cacheMaxAgeSeconds: CACHE_MAX_AGE_SECONDS,
    rateLimitMax: RATE_LIMIT_MAX, rateLimitWindowMs: RATE_LIMIT_WINDOW_MS, trustProxy: TRUST_PROXY,
    conflictWindowDays: CONFLICT_WINDOW_DAYS, readAccess: READ_ACCESS, writeRateLimitMax: WRITE_RATE_LIMIT_MAX,
    changesPollMs: CHANGES_POLL_MS, ...(PUBLIC_URL ? { publicUrl: PUBLIC_URL } : {}),
    validateResponses: RESPONSE_VALIDATION === 'on',
  };
}

/** What the server runs with when nothing is set (tests build apps from these too). */
export const defaultConfig = (): Config => loadConfig({});
