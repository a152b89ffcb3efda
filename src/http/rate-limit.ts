// Per-client-IP rate limiting: a guard against a runaway script or scraper, generous enough that a
// newsroom's dashboards behind one NAT address stay well under it. Counters live in this process's
// memory (one SQLite file means one process); a restart forgets them.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './problem.js';

export interface RateLimitOptions {
  /** Requests per client per window; 0 switches limiting off. */
  max: number;
  windowMs: number;
  /** Route paths never limited (with everything under them): monitoring and the docs. */
  exempt: string[];
}

export async function registerRateLimit(app: FastifyInstance, { max, windowMs, exempt }: RateLimitOptions): Promise<void> {
  const isExempt = (route: string | undefined) =>
    route !== undefined && exempt.some((path) => route === path || route.startsWith(`${path}/`));
  await app.register(rateLimit, {
    // With the per-address limit off, the plugin still serves the routes that set their own (writes, per key).
    global: max > 0,
    max,
    timeWindow: windowMs,
    // RateLimit-Limit / -Remaining / -Reset (seconds), the IETF draft's names, not X-RateLimit-*.
    enableDraftSpec: true,
    allowList: (request) => isExempt(request.routeOptions.url),
    // Thrown, so the app's one error handler renders the 429 as problem+json with the request id.
    errorResponseBuilder: (_request, context) => new AppError('rate_limited',
      `The limit is ${context.max} requests per ${windowMs / 1000} s from one address: retry in ${context.after}.`),
  });
}

/**
 * Route config for writes: limited per API key (the auth hook has identified it by then), so one
 * desk's batch job cannot starve another desk. 0 leaves writes unlimited.
 */
export function perKeyWriteLimit(max: number, windowMs: number) {
  if (max === 0) return {};
  return {
    rateLimit: {
      max,
      timeWindow: windowMs,
      hook: 'preHandler' as const,
      keyGenerator: (request: FastifyRequest) => `key:${request.principal?.name ?? request.ip}`,
      errorResponseBuilder: (_request: FastifyRequest, context: { max: number; after: string }) =>
        new AppError('rate_limited', `The limit is ${context.max} writes per ${windowMs / 1000} s for one key: retry in ${context.after}.`),
    },
  };
}
