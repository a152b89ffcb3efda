import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, ok } from '../http/common.js';
import type { TimelineRepository } from './repository.js';
import { timelineQuery, timelineSchema } from './schema.js';

export const timelineRoutes: FastifyPluginAsyncZod<{ timeline: TimelineRepository }> = async (app, { timeline }) => {
  app.get('', {
    schema: {
      operationId: 'getTimeline',
      tags: ['timeline'],
      summary: 'Events and claims on one time line',
      description:
        'What happened and what was said about it, merged in date order: events by the first day they began, ' +
        'claims by the first day they were made; on the same day claims come before events, then by id. ' +
        '`entity` matches event participants and locations, and claim claimants, intermediaries and subjects; ' +
        '`topic` matches claims answering it and the events they report. Filters combine with AND.',
      querystring: timelineQuery,
      response: { 200: ok(timelineSchema, 'A page of the time line, and the cursor of the next page.'), ...errorResponses(400, 429) },
    },
  }, async (request) => timeline.list(request.query));
};
