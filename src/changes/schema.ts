import { z } from 'zod';
import { revisionSchema } from '../editing/schema.js';
import { RESOURCES } from '../editing/revisions.js';
import { enumsParam } from '../http/params.js';

export const MAX_CHANGES = 500;

const seqParam = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a sequence number: 0, or the seq of the last change you have')
  .transform(Number)
  .meta({ type: 'integer', minimum: 0, pattern: undefined } as Record<string, unknown>);

export const changesQuery = z.strictObject({
  since: seqParam.optional().describe('Changes after this sequence number: 0 (the default) for all of them.'),
  limit: z.string().regex(/^\d{1,3}$/, `must be a whole number from 1 to ${MAX_CHANGES}`).transform(Number)
    .refine((n) => n >= 1 && n <= MAX_CHANGES, `must be a whole number from 1 to ${MAX_CHANGES}`)
    .meta({ type: 'integer', minimum: 1, maximum: MAX_CHANGES, pattern: undefined } as Record<string, unknown>)
    .optional().describe(`At most this many changes, 1 to ${MAX_CHANGES}; 100 when absent.`),
  resource: enumsParam(RESOURCES, 'Only changes to these kinds of item.'),
});

export const changeStreamQuery = z.strictObject({
  since: seqParam.optional().describe(
    'Start after this sequence number (default: only changes from now on). A reconnecting EventSource sends Last-Event-ID instead.'),
  resource: enumsParam(RESOURCES, 'Only changes to these kinds of item.'),
});

export const changeListSchema = z
  .object({
    data: z.array(revisionSchema).describe('Creates, updates, deletes, restores and merges, in commit order.'),
    next_since: z.number().int().describe('Pass as `since` next time: the seq of the last change returned (or `since` itself).'),
    has_more: z.boolean().describe('True when more changes are waiting beyond this page.'),
  })
  .meta({ id: 'ChangeList' });

export type ChangesQuery = z.infer<typeof changesQuery>;
