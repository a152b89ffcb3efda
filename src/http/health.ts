import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { errorResponses, ok } from './common.js';
import { AppError } from './problem.js';

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const ping = db.prepare('SELECT count(*) AS claims FROM claims');
  app.get('/health', {
    schema: {
      operationId: 'getHealth',
      tags: ['service'],
      summary: 'Whether the service can reach its database',
      response: {
        200: ok(z.object({ status: z.literal('ok'), claims: z.number().int() }).meta({ id: 'Health' }), 'The database answers.'),
        ...errorResponses(503),
      },
    },
  }, async () => {
    try {
      const { claims } = ping.get() as { claims: number };
      return { status: 'ok' as const, claims };
    } catch (error) {
      app.log.error({ err: error }, 'health check failed');
      throw new AppError('service_unavailable', 'The database cannot be reached.');
    }
  });
};
