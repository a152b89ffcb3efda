import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, ok } from '../http/common.js';
import type { SearchRepository } from './repository.js';
import { searchQuery, searchResultSchema } from './schema.js';

export const searchRoutes: FastifyPluginAsyncZod<{ search: SearchRepository }> = async (app, { search }) => {
  app.get('', {
    schema: {
      operationId: 'search',
      tags: ['search'],
      summary: 'Search articles, claims and entities at once',
      description:
        'Full-text search over article titles and bodies, claim texts and quotes, and entity names and aliases, ' +
        'ranked by bm25, or by recency when the words match too many hits to score (`ranked_by` says which). Whatever is typed is searched as words: quotes make a phrase, a trailing * a prefix; ' +
        'operators and punctuation are treated as text, never as search syntax.',
      querystring: searchQuery,
      response: { 200: ok(searchResultSchema, 'Hits, best first, with highlighted snippets.'), ...errorResponses(400, 429) },
    },
  }, async (request) => search.search(request.query));
};
