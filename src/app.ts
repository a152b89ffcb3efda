// buildApp: the whole API surface at a glance. It takes its dependencies and returns an
// un-listened Fastify instance, so tests and the server build the same thing.
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createArticleRepository } from './articles/repository.js';
import { articleRoutes } from './articles/routes.js';
import { createClaimRepository } from './claims/repository.js';
import { claimRoutes } from './claims/routes.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { createEntityRepository } from './entities/repository.js';
import { entityRoutes } from './entities/routes.js';
import { createEventRepository } from './events/repository.js';
import { eventRoutes } from './events/routes.js';
import { registerErrorHandlers } from './http/errors.js';
import { healthRoutes } from './http/health.js';
import { registerOpenApi } from './http/openapi.js';
import { createTopicRepository } from './topics/repository.js';
import { topicRoutes } from './topics/routes.js';

export interface AppDeps {
  config: Pick<Config, 'logLevel'>;
  db: Db;
}

export async function buildApp({ config, db }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    // A caller's x-request-id is kept (and echoed), so a newsroom can trace one request across systems.
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandlers(app);
  await registerOpenApi(app);

  await app.register(healthRoutes, { db });
  await app.register(articleRoutes, { prefix: '/v1/articles', articles: createArticleRepository(db) });
  await app.register(claimRoutes, { prefix: '/v1/claims', claims: createClaimRepository(db) });
  await app.register(entityRoutes, { prefix: '/v1/entities', entities: createEntityRepository(db) });
  await app.register(eventRoutes, { prefix: '/v1/events', events: createEventRepository(db) });
  await app.register(topicRoutes, { prefix: '/v1/topics', topics: createTopicRepository(db) });
  return app;
}
