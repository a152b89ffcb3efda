// GET /v1/articles/{id}/annotations: one article's claim quotes and entity mentions, as plain
// spans for a highlighter (JSON) or as a W3C Web Annotation collection (JSON-LD), by Accept.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, idParams } from '../http/common.js';
import type { Db } from '../db/client.js';
import { missing } from '../editing/revisions.js';
import { chooseMediaType } from '../http/negotiate.js';
import type { AnnotationRepository } from './annotations-repository.js';
import { articleAnnotationsSchema, webAnnotationCollectionSchema } from './annotations-schema.js';
import { ANNO_CONTEXT, toWebAnnotations } from './annotations-w3c.js';

const JSON_TYPE = 'application/json';
const JSON_LD = 'application/ld+json';
const OFFERS = [JSON_TYPE, JSON_LD] as const;

export const annotationRoutes: FastifyPluginAsyncZod<{ annotations: AnnotationRepository; db: Db; publicUrl: string }> = async (app, { annotations, db, publicUrl }) => {
  app.get('/:id/annotations', {
    schema: {
      operationId: 'getArticleAnnotations',
      tags: ['articles'],
      summary: "An article's claim quotes and entity mentions, as spans to highlight",
      description:
        'The cleaned body with every claim quote and entity mention as a span (offsets in Unicode code points). ' +
        `Send \`Accept: ${JSON_LD}\` for the same as a W3C Web Annotation collection, each annotation targeting ` +
        'the article with a TextQuoteSelector and a TextPositionSelector; any other type but JSON gets 406.',
      params: idParams('jad-2025-02-nk-more-troops'),
      response: {
        200: {
          description: 'The spans (application/json) or the Web Annotation collection (application/ld+json).',
          content: {
            [JSON_TYPE]: { schema: articleAnnotationsSchema },
            [JSON_LD]: { schema: webAnnotationCollectionSchema },
          },
        },
        ...errorResponses(400, 404, 406, 410, 429),
      },
    },
  }, async (request, reply) => {
    const type = chooseMediaType(request, reply, OFFERS);
    const article = annotations.get(request.params.id);
    if (!article) throw missing(db, 'articles', 'article', request.params.id);
    if (type === JSON_LD) {
      reply.type(`${JSON_LD}; profile="${ANNO_CONTEXT}"`);
      return toWebAnnotations(article, publicUrl);
    }
    return { article_id: article.id, body: article.body, spans: article.spans };
  });
};
