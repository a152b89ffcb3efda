import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DEFAULT_LIMIT, errorResponses, idParams, listOf, ok } from '../http/common.js';
import { notFound } from '../http/problem.js';
import type { EventRepository } from './repository.js';
import { eventListQuery, eventSchema } from './schema.js';

export const eventRoutes: FastifyPluginAsyncZod<{ events: EventRepository }> = async (app, { events }) => {
  app.get('', {
    schema: {
      operationId: 'listEvents',
      tags: ['events'],
      summary: 'List events, earliest first',
      description: 'Dated happenings reported in the corpus, ordered by their first day, then id.',
      querystring: eventListQuery,
      response: { 200: ok(listOf(eventSchema, 'EventList'), 'A page of events, and the cursor of the next page.'), ...errorResponses(400) },
    },
  }, async (request) => events.list({ limit: request.query.limit ?? DEFAULT_LIMIT, cursor: request.query.cursor }));

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
