import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DEFAULT_LIMIT, errorResponses, idParams, listOf, ok } from '../http/common.js';
import { notFound } from '../http/problem.js';
import type { ClaimRepository } from './repository.js';
import { claimDetailSchema, claimListQuery, claimSchema } from './schema.js';

export const claimRoutes: FastifyPluginAsyncZod<{ claims: ClaimRepository }> = async (app, { claims }) => {
  app.get('', {
    schema: {
      operationId: 'listClaims',
      tags: ['claims'],
      summary: 'List claims, oldest claim first',
      description: 'Every attributed statement in the corpus, ordered by when it was made (`claimed_on`), then id.',
      querystring: claimListQuery,
      response: { 200: ok(listOf(claimSchema, 'ClaimList'), 'A page of claims, and the cursor of the next page.'), ...errorResponses(400) },
    },
  }, async (request) => claims.list({ limit: request.query.limit ?? DEFAULT_LIMIT, cursor: request.query.cursor }));

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
