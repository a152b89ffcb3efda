// RFC 8288 `Link: <...>; rel="next"` on every list page that has a next page, so a dashboard (or
// `curl -I`) can follow pages without knowing the envelope. One hook sees every `{ data, next_cursor }`
// payload before it is serialized: no list route has to remember it.
import type { FastifyInstance } from 'fastify';

export function registerNextLinks(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    const cursor = nextCursorOf(payload);
    if (cursor !== undefined) {
      const link = `<${nextPageUrl(request.url, cursor)}>; rel="next"`;
      const earlier = reply.getHeader('link');
      reply.header('link', earlier ? `${String(earlier)}, ${link}` : link);
    }
    return payload;
  });
}

function nextCursorOf(payload: unknown): string | undefined {
  if (payload === null || typeof payload !== 'object' || !('data' in payload) || !('next_cursor' in payload)) return undefined;
  const { data, next_cursor: cursor } = payload;
  return Array.isArray(data) && typeof cursor === 'string' && cursor !== '' ? cursor : undefined;
}

// Anything the request line let through that may not stand bare in a URI reference (`<`, `>`,
// spaces, quotes) is percent-encoded, so the target cannot break out of the `<...>`.
const NOT_PATH_CHAR = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g;

/**
 * The request's own path and query with `cursor` set to the next page's: every other parameter
 * (filters, sort, limit) is kept, so the next page answers the same question. Relative to the
 * host the client called, which stays right behind a proxy that rewrites the host.
 */
export function nextPageUrl(requestUrl: string, cursor: string): string {
  const at = requestUrl.indexOf('?');
  const path = at === -1 ? requestUrl : requestUrl.slice(0, at);
  const query = new URLSearchParams(at === -1 ? '' : requestUrl.slice(at + 1));
  query.set('cursor', cursor);
  return `${path.replace(NOT_PATH_CHAR, encodeURIComponent)}?${query}`;
}
