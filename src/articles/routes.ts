import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, idParams, ok } from '../http/common.js';
import type { Db } from '../db/client.js';
import { missing } from '../editing/revisions.js';
import type { ArticleRepository } from './repository.js';
import { articleDetailSchema, articleListQuery, articleListSchema } from './schema.js';

export const articleRoutes: FastifyPluginAsyncZod<{ articles: ArticleRepository; db: Db }> = async (app, { articles, db }) => {
  app.get('', {
    schema: {
      operationId: 'listArticles',
      tags: ['articles'],
      summary: 'List and filter articles',
      description: 'The reports in the corpus with their cleaned bodies, oldest first by publication date.',
      querystring: articleListQuery,
      response: { 200: ok(articleListSchema, 'A page of articles, and the cursor of the next page.'), ...errorResponses(400, 429) },
    },
  }, async (request) => articles.list(request.query));

  app.get('/:id', {
    schema: {
      operationId: 'getArticle',
      tags: ['articles'],
      summary: 'One article, with its raw text as received',
      params: idParams('jad-2025-02-nk-more-troops'),
      response: { 200: ok(articleDetailSchema, 'The article.'), ...errorResponses(400, 404, 410, 429) },
    },
  }, async (request) => articles.get(request.params.id) ?? Promise.reject(missing(db, 'articles', 'article', request.params.id)));
};
