import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, idParams, ok } from '../http/common.js';
import { EXPORT_BATCH, exportResponses, requestedFormat, sendExport } from '../http/export.js';
import { CLAIM_CSV_COLUMNS, claimCsvRecord } from './csv.js';
import { notFound } from '../http/problem.js';
import type { ClaimRepository } from './repository.js';
import { claimDetailSchema, claimListQuery, claimListSchema } from './schema.js';

export const claimRoutes: FastifyPluginAsyncZod<{ claims: ClaimRepository }> = async (app, { claims }) => {
  app.get('', {
    schema: {
      operationId: 'listClaims',
      tags: ['claims'],
      summary: 'List and filter claims',
      description:
        'Attributed statements, oldest first by when they were made (`claimed_on`), then id; filter by who, what, ' +
        'when and how sure. Filters combine with AND; a comma-separated value means any of them. ' +
        '`q` searches the claim text and quote; `facets` and `count` describe the whole filtered set.',
      querystring: claimListQuery,
      response: {
        200: exportResponses(claimListSchema, 'A page of claims (JSON), or every matching claim (CSV, NDJSON).'),
        ...errorResponses(400, 429),
      },
    },
  }, async (request, reply) => {
    const format = requestedFormat(request, request.query.format);
    if (format === 'json') return claims.list(request.query);
    return sendExport(reply, format, {
      name: 'claims', columns: CLAIM_CSV_COLUMNS, toRecord: claimCsvRecord,
      fetch: (cursor) => claims.list({ ...request.query, limit: EXPORT_BATCH, cursor, count: false, facets: undefined }),
    });
  });

  app.get('/:id', {
    schema: {
      operationId: 'getClaim',
      tags: ['claims'],
      summary: 'One claim, with its relations to other claims',
      params: idParams('jad1120-nis-11000-troops-to-kursk-late-october'),
      response: { 200: ok(claimDetailSchema, 'The claim.'), ...errorResponses(400, 404, 429) },
    },
  }, async (request) => claims.get(request.params.id) ?? Promise.reject(notFound('claim', request.params.id)));
};
