import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, idParams, ok } from '../http/common.js';
import { notFound } from '../http/problem.js';
import type { FigureRepository } from './repository.js';
import { figureListSchema, figureQuery } from './schema.js';

/** Registered under /v1/topics: the figures are a view of one topic. */
export const figureRoutes: FastifyPluginAsyncZod<{ figures: FigureRepository }> = async (app, { figures }) => {
  app.get('/:id/figures', {
    schema: {
      operationId: 'listTopicFigures',
      tags: ['topics'],
      summary: "A topic's figures over time, each claimant's latest, and their spread",
      description:
        'Every figure given in answer to the topic (one per claim quantity), oldest first: by the first day of ' +
        '`claimed_on`, then claim id, then the figure\'s place in the claim. The data for a chart of estimates ' +
        'over time. `latest_by_claimant` (newest first, `latest_limit` of them) and `spread` cover all the filtered figures, whatever the page.',
      params: idParams('nk-troops-sent'),
      querystring: figureQuery,
      response: {
        200: ok(figureListSchema, 'A page of figures, with the latest per claimant and the spread.'),
        ...errorResponses(400, 404, 429),
      },
    },
  }, async (request) =>
    figures.list(request.params.id, request.query) ?? Promise.reject(notFound('topic', request.params.id)));
};
