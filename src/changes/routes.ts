// The change feed, for dashboards that sync incrementally: every create, update, delete, restore and
// merge in commit order, numbered by a sequence that only grows. /stream pushes the same as
// Server-Sent Events. It polls the revisions table, so it also sees writes from other processes.
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, ok } from '../http/common.js';
import type { ChangeRepository } from './repository.js';
import { changeListSchema, changesQuery, changeStreamQuery } from './schema.js';

export interface ChangeRouteOptions { changes: ChangeRepository; pollMs: number; heartbeatMs?: number }

export const changeRoutes: FastifyPluginAsyncZod<ChangeRouteOptions> = async (app, { changes, pollMs, heartbeatMs = 15_000 }) => {
  app.get('', {
    schema: {
      operationId: 'listChanges', tags: ['changes'], summary: 'Changes since a sequence number, in commit order',
      description: 'Poll with the `next_since` of your last answer to learn of every create, update, delete (tombstone), ' +
        'restore and merge since. `before`/`after` hold the items as the API shows them.',
      querystring: changesQuery,
      response: { 200: ok(changeListSchema, 'The changes after `since`.'), ...errorResponses(400, 429) },
    },
  }, async (request) => {
    const since = request.query.since ?? 0;
    const { changes: data, hasMore } = changes.after(since, request.query.limit ?? 100, request.query.resource);
    return { data, next_since: data.at(-1)?.seq ?? since, has_more: hasMore };
  });

  app.get('/stream', {
    compress: false, // compression would hold events back until a buffer fills
    schema: {
      operationId: 'streamChanges', tags: ['changes'], summary: 'The change feed as Server-Sent Events',
      description: 'Each change is an event `change` with `id: <seq>` and the revision as JSON `data`. Reconnecting ' +
        'with Last-Event-ID resumes after that change; without it (and without `since`) the stream starts from now. ' +
        'A comment line every 15 s keeps proxies from closing an idle stream.',
      querystring: changeStreamQuery,
      response: {
        200: { description: 'An endless text/event-stream.', content: { 'text/event-stream': { schema: z.string() } } },
        ...errorResponses(400, 429),
      },
    },
  }, async (request, reply) => {
    const lastEventId = Number(request.headers['last-event-id']);
    let since = Number.isInteger(lastEventId) && lastEventId >= 0 ? lastEventId : request.query.since ?? changes.lastSeq();
    const stream = new PassThrough();
    const push = () => {
      for (let more = true; more;) {
        const page = changes.after(since, 100, request.query.resource);
        for (const change of page.changes) stream.write(`id: ${change.seq}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`);
        since = page.changes.at(-1)?.seq ?? since;
        more = page.hasMore;
      }
    };
    const poll = setInterval(push, pollMs);
    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), heartbeatMs);
    request.raw.on('close', () => {
      clearInterval(poll);
      clearInterval(heartbeat);
      stream.end();
    });
    stream.write(': connected\n\n');
    push();
    // The schema documents the stream's text; what is sent is the stream itself.
    return reply.type('text/event-stream').header('cache-control', 'no-store').header('x-accel-buffering', 'no')
      .send(stream as never);
  });
};
