import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, idParams, ok } from '../http/common.js';
import { notFound } from '../http/problem.js';
import type { EventRepository } from './repository.js';
import { eventListQuery, eventListSchema, eventSchema } from './schema.js';

export const eventRoutes: FastifyPluginAsyncZod<{ events: EventRepository }> = async (app, { events }) => {
  app.get('', {
    schema: {
      operationId: 'listEvents',
      tags: ['events'],
      summary: 'List and filter events',
      description:
        'Dated happenings reported in the corpus, earliest first by their first day, then id. A date range keeps ' +
        'events whose own span overlaps it; a month-precision event covers the whole month.',
      querystring: eventListQuery,
      response: { 200: ok(eventListSchema, 'A page of events, and the cursor of the next page.'), ...errorResponses(400) },
    },
  }, async (request) => events.list(request.query));

  app.get('/:id', {
    schema: {
      operationId: 'getEvent',
      tags: ['events'],
      summary: 'One event, with the claims that report it',
      params: idParams,
      response: { 200: ok(eventSchema, 'The event.'), ...errorResponses(400, 404) },
    },
  }, async (request) => events.get(request.params.id) ?? Promise.reject(notFound('event', request.params.id)));
};
