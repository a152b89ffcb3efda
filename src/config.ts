// The one place the environment is interpreted. Anything wrong stops start-up with one line
// that names the variable, instead of a server that half-works.
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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
});

export interface Config {
  databaseUrl: string;
  host: string;
  port: number;
  logLevel: (typeof LOG_LEVELS)[number];
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
  const { DATABASE_URL, HOST, PORT, LOG_LEVEL } = result.data;
  return { databaseUrl: DATABASE_URL, host: HOST, port: PORT, logLevel: LOG_LEVEL };
}
