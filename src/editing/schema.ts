import { z } from 'zod';
import { nextCursorSchema } from '../http/common.js';
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
  .object({ data: z.array(revisionSchema), next_cursor: nextCursorSchema })
  .meta({ id: 'RevisionList' });

/** A PATCH body must change something. */
export const atLeastOneField = <T extends z.ZodObject>(schema: T) =>
  schema.refine((body) => Object.keys(body).length > 0, { message: 'send at least one field to change' });

/**
 * The PATCH twin of a create schema: every field optional and WITHOUT its default, so a field left
 * out stays as it is instead of being reset to the create-time default.
 */
export function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => {
    const bare = field instanceof z.ZodDefault ? (field as z.ZodDefault<z.ZodType>).removeDefault() : field;
    return [key, (bare as z.ZodType).optional()];
  })) as { [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer I extends z.ZodType> ? I : T[K]> };
  return atLeastOneField(z.strictObject(shape));
}
