// CORS for browser dashboards on other origins, only for the origins CORS_ORIGINS lists. With none
// listed the API sends no CORS headers at all, so browsers keep pages on other origins out.
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** Response headers a page's script may read: without this list a browser hides all but a few. */
export const EXPOSED_HEADERS = [
  'ETag', 'Link', 'X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After',
];

/** Request headers a dashboard sends beyond the always-allowed ones (openapi-fetch sets Content-Type even on GET). */
export const ALLOWED_HEADERS = ['Accept', 'Content-Type', 'If-None-Match', 'X-Request-Id'];

export async function registerCors(app: FastifyInstance, origins: string[]): Promise<void> {
  if (origins.length === 0) return;
  await app.register(cors, {
    // An array, even of one: the plugin would send a lone string to every caller, allowed or not.
    origin: origins.includes('*') ? '*' : origins,
    methods: ['GET', 'HEAD'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    // Browsers may skip the preflight for ten minutes (Chromium caps it at two hours anyway).
    maxAge: 600,
    // A bare OPTIONS (no Origin) gets the allowed methods instead of a text/plain 400.
    strictPreflight: false,
  });
}
