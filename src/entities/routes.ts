import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, idParams, ok } from '../http/common.js';
import { EXPORT_BATCH, exportResponses, requestedFormat, sendExport } from '../http/export.js';
import { ENTITY_CSV_COLUMNS, entityCsvRecord } from './csv.js';
import { notFound } from '../http/problem.js';
import type { EntityRepository } from './repository.js';
import { entityListQuery, entityListSchema, entitySchema } from './schema.js';

export const entityRoutes: FastifyPluginAsyncZod<{ entities: EntityRepository }> = async (app, { entities }) => {
  app.get('', {
    schema: {
      operationId: 'listEntities',
      tags: ['entities'],
      summary: 'List, filter and look up entities',
      description:
        'People, organizations, places, units, weapons and outlets named in the reports, one per real-world thing, ' +
        'with how often each takes part in claims. `q` matches the start of any word of a name or alias, ignoring case and accents.',
      querystring: entityListQuery,
      response: { 200: exportResponses(entityListSchema, 'A page of entities, and the cursor of the next page. CSV and NDJSON: every matching entity.'), ...errorResponses(400, 429) },
    },
  }, async (request, reply) => {
    const format = requestedFormat(request, request.query.format);
    if (format === 'json') return entities.list(request.query);
    return sendExport(reply, format, {
      name: 'entities', columns: ENTITY_CSV_COLUMNS, toRecord: entityCsvRecord,
      fetch: (cursor) => entities.list({ ...request.query, limit: EXPORT_BATCH, cursor, count: false, facets: undefined }),
    });
  });

  app.get('/:id', {
    schema: {
      operationId: 'getEntity',
      tags: ['entities'],
      summary: 'One entity',
      params: idParams('nis'),
      response: { 200: ok(entitySchema, 'The entity.'), ...errorResponses(400, 404, 429) },
    },
  }, async (request) => entities.get(request.params.id) ?? Promise.reject(notFound('entity', request.params.id)));
};
