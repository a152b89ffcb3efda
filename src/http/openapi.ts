// The spec is generated from the routes' zod schemas: one contract for validation, types and docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { READ_HEADERS } from './common.js';

export const API_TAGS = [
  { name: 'claims', description: 'Who claimed what, when, how sure, each traced to the exact words of a report.' },
  { name: 'entities', description: 'People, organizations, places, units, weapons and outlets.' },
  { name: 'events', description: 'Dated happenings the claims report.' },
  { name: 'topics', description: 'The questions that claims answer, most with figures.' },
  { name: 'articles', description: 'The reports, raw and cleaned.' },
  { name: 'search', description: 'One full-text search over articles, claims and entities.' },
  { name: 'conflicts', description: 'Pairs of claims that disagree: annotated contradictions and clashing figures.' },
  { name: 'timeline', description: 'Events and claims merged in date order, for a story time line.' },
  { name: 'changes', description: 'Every change in commit order, for incremental sync: a feed and a Server-Sent Events stream.' },
  { name: 'service', description: 'Health of the service.' },
];

type OpenApiDocument = { components?: { schemas?: Record<string, unknown> } } & Record<string, unknown>;

/**
 * The zod provider emits an input twin of every named schema ("ClaimInput"); only the ones a
 * request actually uses should reach the spec. Keeps every component reachable from the paths.
 */
export function withoutUnusedComponents<T extends OpenApiDocument>(doc: T): T {
  const schemas = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const name = key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', '') : undefined;
      if (name !== undefined && !used.has(name)) {
        used.add(name);
        visit(schemas[name]);
      } else visit(value);
    }
  };
  visit({ ...doc, components: { ...doc.components, schemas: {} } });
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...doc, components: { ...doc.components, schemas: kept } };
}

type Operation = { responses?: Record<string, { headers?: unknown }> };

/** The zod transform drops response headers, so the ones every /v1 read sends are added here. */
function withReadHeaders<T extends OpenApiDocument>(doc: T): T {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const [path, methods] of Object.entries(paths)) {
    const ok = methods.get?.responses?.['200'];
    if (path.startsWith('/v1/') && ok) ok.headers = READ_HEADERS;
  }
  return doc;
}

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
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key from `npm run keys -- create`: reads are public unless READ_ACCESS=key; writes need an editor key, restores an admin key.' },
        },
      },
      // Said outright: every operation is open to anyone, no credentials (linters ask for it).
      security: [],
      tags: API_TAGS,
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => withReadHeaders(
      withoutUnusedComponents(jsonSchemaTransformObject(input) as OpenApiDocument),
    ) as ReturnType<typeof jsonSchemaTransformObject>,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
