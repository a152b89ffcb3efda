import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DEFAULT_LIMIT, errorResponses, idParams, listOf, ok } from '../http/common.js';
import { notFound } from '../http/problem.js';
import type { ArticleRepository } from './repository.js';
import { articleDetailSchema, articleListQuery, articleSchema } from './schema.js';

export const articleRoutes: FastifyPluginAsyncZod<{ articles: ArticleRepository }> = async (app, { articles }) => {
  app.get('', {
    schema: {
      operationId: 'listArticles',
      tags: ['articles'],
      summary: 'List articles by id',
      description: 'The reports in the corpus with their cleaned bodies, ordered by id.',
      querystring: articleListQuery,
      response: { 200: ok(listOf(articleSchema, 'ArticleList'), 'A page of articles, and the cursor of the next page.'), ...errorResponses(400) },
    },
  }, async (request) => articles.list({ limit: request.query.limit ?? DEFAULT_LIMIT, cursor: request.query.cursor }));

  app.get('/:id', {
    schema: {
      operationId: 'getArticle',
      tags: ['articles'],
      summary: 'One article, with its raw text as received',
      params: idParams,
      response: { 200: ok(articleDetailSchema, 'The article.'), ...errorResponses(400, 404) },
    },
  }, async (request) => articles.get(request.params.id) ?? Promise.reject(notFound('article', request.params.id)));
};
