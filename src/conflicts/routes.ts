import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, ok } from '../http/common.js';
import type { ConflictRepository } from './repository.js';
import { conflictListSchema, conflictQuery } from './schema.js';

export interface ConflictRouteOptions {
  conflicts: ConflictRepository;
  /** CONFLICT_WINDOW_DAYS: the window when a request gives no window_days. */
  windowDays: number;
}

export const conflictRoutes: FastifyPluginAsyncZod<ConflictRouteOptions> = async (app, { conflicts, windowDays }) => {
  app.get('', {
    schema: {
      operationId: 'listConflicts',
      tags: ['conflicts'],
      summary: 'Pairs of claims that disagree, and why',
      description:
        'Each pair once, both claims in full (`a` the earlier), with the reason: `annotated` when a researcher ' +
        'marked one as contradicting the other, `figures` when different claimants asserted figures on the same ' +
        'topic and in the same unit, claimed within `window_days` of each other, whose ranges do not overlap ' +
        '(an approximate figure reaches `tolerance` either side; "up to N" is 0 to N; "at least N" has no top). ' +
        'Ordered by the earlier claim\'s date, then the two claim ids. Filters combine with AND.',
      querystring: conflictQuery,
      response: { 200: ok(conflictListSchema, 'A page of conflicting pairs, and the cursor of the next page.'), ...errorResponses(400, 429) },
    },
  }, async (request) => conflicts.list(request.query, windowDays));
};
