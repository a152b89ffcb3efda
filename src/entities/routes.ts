import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { missing } from '../editing/revisions.js';
import { errorResponses, idParams, ok } from '../http/common.js';
import { exportResponses, listOrExport } from '../http/export.js';
import { ENTITY_CSV_COLUMNS, entityCsvRecord } from './csv.js';
import { survivorOf } from './merge.js';
import type { EntityRepository } from './repository.js';
import { entityListQuery, entityListSchema, entitySchema } from './schema.js';

export const entityRoutes: FastifyPluginAsyncZod<{ entities: EntityRepository; db: Db }> = async (app, { entities, db }) => {
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
  }, async (request, reply) => listOrExport(request, reply, request.query, entities.list, {
    name: 'entities', columns: ENTITY_CSV_COLUMNS, toRecord: entityCsvRecord,
  }));

  app.get('/:id', {
    schema: {
      operationId: 'getEntity',
      tags: ['entities'],
      summary: 'One entity',
      description: 'An entity merged into another answers 308 with the survivor as Location.',
      params: idParams('nis'),
      response: {
        200: ok(entitySchema, 'The entity.'),
        308: z.null().describe('Merged into another entity: Location names the survivor (its history stays at this id).'),
        ...errorResponses(400, 404, 410, 429),
      },
    },
  }, async (request, reply) => {
    const entity = entities.get(request.params.id);
    if (entity) return entity;
    const survivor = survivorOf(db, request.params.id);
    if (survivor) return reply.code(308).header('location', `${app.prefix}/${survivor}`).send(null);
    throw missing(db, 'entities', 'entity', request.params.id);
  });
};
