import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DEFAULT_LIMIT, errorResponses, idParams, listOf, ok } from '../http/common.js';
import { notFound } from '../http/problem.js';
import type { EntityRepository } from './repository.js';
import { entityListQuery, entitySchema } from './schema.js';

export const entityRoutes: FastifyPluginAsyncZod<{ entities: EntityRepository }> = async (app, { entities }) => {
  app.get('', {
    schema: {
      operationId: 'listEntities',
      tags: ['entities'],
      summary: 'List entities by id',
      description: 'People, organizations, places, units, weapons and outlets named in the reports, one per real-world thing, ordered by id.',
      querystring: entityListQuery,
      response: { 200: ok(listOf(entitySchema, 'EntityList'), 'A page of entities, and the cursor of the next page.'), ...errorResponses(400) },
    },
  }, async (request) => entities.list({ limit: request.query.limit ?? DEFAULT_LIMIT, cursor: request.query.cursor }));

  app.get('/:id', {
    schema: {
      operationId: 'getEntity',
      tags: ['entities'],
      summary: 'One entity',
      params: idParams,
      response: { 200: ok(entitySchema, 'The entity.'), ...errorResponses(400, 404) },
    },
  }, async (request) => entities.get(request.params.id) ?? Promise.reject(notFound('entity', request.params.id)));
};
