import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/client.js';
import { missing } from '../editing/revisions.js';
import { errorResponses, idParams, ok } from '../http/common.js';
import { exportResponses, listOrExport } from '../http/export.js';
import { EVENT_CSV_COLUMNS, eventCsvRecord } from './csv.js';
import type { EventRepository } from './repository.js';
import { eventListQuery, eventListSchema, eventSchema } from './schema.js';

export const eventRoutes: FastifyPluginAsyncZod<{ events: EventRepository; db: Db }> = async (app, { events, db }) => {
  app.get('', {
    schema: {
      operationId: 'listEvents',
      tags: ['events'],
      summary: 'List and filter events',
      description:
        'Dated happenings reported in the corpus, earliest first by their first day, then id. A date range keeps ' +
        'events whose own span overlaps it; a month-precision event covers the whole month.',
      querystring: eventListQuery,
      response: { 200: exportResponses(eventListSchema, 'A page of events, and the cursor of the next page. CSV and NDJSON: every matching event.'), ...errorResponses(400, 429) },
    },
  }, async (request, reply) => listOrExport(request, reply, request.query, events.list, {
    name: 'events', columns: EVENT_CSV_COLUMNS, toRecord: eventCsvRecord,
  }));

  app.get('/:id', {
    schema: {
      operationId: 'getEvent',
      tags: ['events'],
      summary: 'One event, with the claims that report it',
      params: idParams('nk-special-forces-shipped-to-vladivostok'),
      response: { 200: ok(eventSchema, 'The event.'), ...errorResponses(400, 404, 410, 429) },
    },
  }, async (request) => events.get(request.params.id) ?? Promise.reject(missing(db, 'events', 'event', request.params.id)));
};
