import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, idParams, ok } from '../http/common.js';
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
      response: { 200: ok(claimListSchema, 'A page of claims, and the cursor of the next page.'), ...errorResponses(400) },
    },
  }, async (request) => claims.list(request.query));

  app.get('/:id', {
    schema: {
      operationId: 'getClaim',
      tags: ['claims'],
      summary: 'One claim, with its relations to other claims',
      params: idParams,
      response: { 200: ok(claimDetailSchema, 'The claim.'), ...errorResponses(400, 404) },
    },
  }, async (request) => claims.get(request.params.id) ?? Promise.reject(notFound('claim', request.params.id)));
};
