// Conditional GETs and Cache-Control. The data changes only when the corpus is reloaded or edited,
// and the server cannot know in advance when that will be, so by default every response is
// `no-cache`: a client or proxy may keep it but must ask again before reusing it, and that question
// (If-None-Match with the ETag) costs one round trip and an empty 304 instead of the body. A deployment
// that can live with slightly stale answers sets CACHE_MAX_AGE_SECONDS to skip even that round trip.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { versionTag } from '../editing/versioning.js';
import { revisionTags } from './revision.js';

export interface CachingOptions {
  db: Db;
  maxAgeSeconds: number;
  /** Route paths whose answers must never be reused (a health check must ask the server each time). */
  noStore: string[];
}

export function registerCaching(app: FastifyInstance, { db, maxAgeSeconds, noStore }: CachingOptions): void {
  const tagOf = revisionTags(db);
  const reusable = maxAgeSeconds > 0 ? `max-age=${maxAgeSeconds}` : 'no-cache';

  // Weak: compression changes the bytes, not the meaning, so one validator serves every encoding. Set
  // last among a read route's preHandlers, so keys, roles and the query are checked before any 304, and
  // just before the handler reads: a commit in between gives newer data an older tag (one needless 200
  // later), never older data a newer one.
  const revalidate = async (request: FastifyRequest, reply: FastifyReply) => {
    const opaque = tagOf(request);
    reply.header('etag', `W/"${opaque}"`);
    // A HEAD still runs, to report the length its 200 would have; the 304 below keeps it.
    if (request.method !== 'GET') return;
    const held = heldTag(request.headers['if-none-match'], opaque);
    if (held !== undefined) return reply.code(304).header('etag', held).send();
  };
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (!methods.some((method) => method === 'GET' || method === 'HEAD') || noStore.includes(route.url)) return;
    route.preHandler = [...[route.preHandler ?? []].flat(), revalidate];
  });

  app.addHook('onSend', async (request, reply, payload: unknown) => {
    if (reply.statusCode >= 400) {
      // An error is about this request only: never stored, and never a validator a later 304 or If-Match could use.
      reply.removeHeader('etag');
      if (request.method === 'GET' || request.method === 'HEAD') reply.header('cache-control', 'no-store');
      return payload;
    }
    const whole = typeof payload === 'string' || Buffer.isBuffer(payload);
    const uncached = noStore.includes(request.routeOptions.url ?? '');
    // After a create or an edit too: the response's ETag is what the next If-Match sends. Its tag is
    // taken now, after the write.
    if (whole && !reply.hasHeader('etag') && !uncached) reply.header('etag', `W/"${tagOf(request)}"`);
    if (whole) upgradeVersionedTag(reply, payload);
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', uncached ? 'no-store' : reusable);
    if (reply.statusCode === 200 && whole && matches(request.headers['if-none-match'], reply.getHeader('etag'))) {
      // No body, so no Content-Length of an empty one (caches keep the stored response's). A HEAD
      // keeps its payload: fastify measures it for the length a 200 would have had, then drops it.
      reply.code(304).removeHeader('content-type');
      return request.method === 'HEAD' ? payload : null;
    }
    return payload;
  });
}

/** A tag as this server writes it: `W/"<opaque>"` for a list, `"v<version>.<opaque>"` for an editable item. */
function parseTag(tag: string): { version?: string; opaque: string } | undefined {
  const [, version, opaque] = /^\s*(?:W\/)?"(v\d+\.)?([^"]*)"\s*$/.exec(tag) ?? [];
  return opaque === undefined ? undefined : { version, opaque };
}

/**
 * The If-None-Match entry naming the answer `opaque` stands for, as this server sends it, if any:
 * compared weakly, and an item's strong "v<version>.<opaque>" counts, since its version cannot have
 * moved while the data stood still.
 */
function heldTag(ifNoneMatch: string | undefined, opaque: string): string | undefined {
  for (const candidate of ifNoneMatch?.split(',') ?? []) {
    const tag = parseTag(candidate);
    if (tag?.opaque === opaque) return tag.version ? `"${tag.version}${opaque}"` : `W/"${opaque}"`;
  }
  return undefined;
}

/** RFC 9110 If-None-Match: `*`, or a list of tags naming the same answer as `tag` (see heldTag). */
function matches(ifNoneMatch: string | undefined, tag: unknown): boolean {
  if (ifNoneMatch === undefined || typeof tag !== 'string') return false;
  const opaque = parseTag(tag)?.opaque;
  return ifNoneMatch.trim() === '*' || (opaque !== undefined && heldTag(ifNoneMatch, opaque) !== undefined);
}

/**
 * An editable item (a JSON object with a top-level `version`) gets a strong ETag naming its version
 * and the data's revision: If-Match compares the version (src/editing/versioning.ts), If-None-Match the
 * whole tag, so a change in derived data (counts, relations) still invalidates caches.
 */
function upgradeVersionedTag(reply: FastifyReply, payload: string | Buffer): void {
  const tag = reply.getHeader('etag');
  if (typeof tag !== 'string') return;
  // Lists ({"data": [...]}) have no top-level version; parsing a 40 KB page to learn that cost more than
  // serving it. Items are small, and only they are parsed.
  const text = payload.toString();
  if (!text.startsWith('{') || text.startsWith('{"data":') || !text.includes('"version":')) return;
  const version = (JSON.parse(text) as { version?: unknown }).version;
  if (Number.isInteger(version)) reply.header('etag', versionTag(version as number, parseTag(tag)?.opaque));
}
