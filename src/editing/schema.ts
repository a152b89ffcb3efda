import { z } from 'zod';
import { ACTIONS, RESOURCES } from './revisions.js';

export const revisionSchema = z
  .object({
    seq: z.number().int().describe('Position in the change feed: strictly increasing, in commit order.'),
    resource: z.enum(RESOURCES),
    resource_id: z.string(),
    action: z.enum(ACTIONS),
    version: z.number().int().describe('The item\'s version after the change (for a delete: the version deleted).'),
    actor: z.string().describe('Name of the API key that made the change.'),
    at: z.string().describe('When it was committed (ISO 8601, UTC).'),
    before: z.unknown().describe('The item before the change (null for a create); for a delete, everything restore needs.'),
    after: z.unknown().describe('The item after the change (null for a delete).'),
  })
  .meta({ id: 'Revision' });

export const revisionListSchema = z
  .object({ data: z.array(revisionSchema), next_cursor: z.string().nullable() })
  .meta({ id: 'RevisionList' });

/** A PATCH body must change something. */
export const atLeastOneField = <T extends z.ZodObject>(schema: T) =>
  schema.refine((body) => Object.keys(body).length > 0, { message: 'send at least one field to change' });
