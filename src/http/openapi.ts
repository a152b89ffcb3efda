// The spec is generated from the routes' zod schemas: one contract for validation, types and docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const API_TAGS = [
  { name: 'claims', description: 'Who claimed what, when, how sure, each traced to the exact words of a report.' },
  { name: 'entities', description: 'People, organizations, places, units, weapons and outlets.' },
  { name: 'events', description: 'Dated happenings the claims report.' },
  { name: 'topics', description: 'The questions that claims answer, most with figures.' },
  { name: 'articles', description: 'The reports, raw and cleaned.' },
  { name: 'service', description: 'Health of the service.' },
];

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'claimtrail',
        version: '1.0.0',
        description:
          'Who said what, when, in the news: attributed, hedged and conflicting claims from news reports, ' +
          'each traced to the exact words in the exact report. Errors are RFC 9457 problem+json.',
      },
      // Relative, so "Try it out" calls whatever host serves the docs.
      servers: [{ url: '/' }],
      tags: API_TAGS,
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
