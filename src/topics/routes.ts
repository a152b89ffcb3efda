import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DEFAULT_LIMIT, errorResponses, idParams, listOf, ok } from '../http/common.js';
import type { Db } from '../db/client.js';
import { missing } from '../editing/revisions.js';
import type { TopicRepository } from './repository.js';
import { topicListQuery, topicSchema } from './schema.js';

export const topicRoutes: FastifyPluginAsyncZod<{ topics: TopicRepository; db: Db }> = async (app, { topics, db }) => {
  app.get('', {
    schema: {
      operationId: 'listTopics',
      tags: ['topics'],
      summary: 'List topics by id',
      description: 'The questions that claims answer, most with figures, ordered by id.',
      querystring: topicListQuery,
      response: { 200: ok(listOf(topicSchema, 'TopicList'), 'A page of topics, and the cursor of the next page.'), ...errorResponses(400, 429) },
    },
  }, async (request) => topics.list({ limit: request.query.limit ?? DEFAULT_LIMIT, cursor: request.query.cursor }));

  app.get('/:id', {
    schema: {
      operationId: 'getTopic',
      tags: ['topics'],
      summary: 'One topic',
      params: idParams('nk-casualties'),
      response: { 200: ok(topicSchema, 'The topic.'), ...errorResponses(400, 404, 410, 429) },
    },
  }, async (request) => topics.get(request.params.id) ?? Promise.reject(missing(db, 'topics', 'topic', request.params.id)));
};
