import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, idParams, ok } from '../http/common.js';
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
      response: { 200: ok(entityListSchema, 'A page of entities, and the cursor of the next page.'), ...errorResponses(400) },
    },
  }, async (request) => entities.list(request.query));

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
