import { z } from 'zod';
import { EVENT_KINDS, PARTICIPANT_ROLES, eventSchema as annotatedEvent } from '../annotations/schema.js';
import { atLeastOneField } from '../editing/schema.js';
import { listWithExtras, pageQuery } from '../http/common.js';
import { formatParam } from '../http/export.js';
import { countParam, dateParam, enumsParam, facetsParam, fromBeforeTo, fromBeforeToIssue, idsParam } from '../http/params.js';

const partialDate = z.string().describe('ISO 8601 date of year, month or day precision: "2024", "2024-10", "2024-10-18".');

export const eventSchema = z
  .object({
    id: z.string(),
    kind: z.enum(EVENT_KINDS).meta({ id: 'EventKind' }),
    title: z.string(),
    start: partialDate,
    end: partialDate.nullable().describe('Null for a one-off event.'),
    description: z.string().nullable(),
    locations: z.array(z.object({ id: z.string(), name: z.string(), role: z.literal('location') })),
    participants: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(PARTICIPANT_ROLES) })),
    claim_ids: z.array(z.string()).describe('Claims that report this event.'),
    version: z.number().int().describe('Bumped by every change; its ETag is "v<version>.<revision>".'),
  })
  .meta({
    id: 'Event',
    example: {
      id: 'nk-special-forces-shipped-to-vladivostok', kind: 'troop_transport',
      title: 'Russian Navy ships carry North Korean special forces to Vladivostok',
      start: '2024-10-08', end: '2024-10-13', description: null,
      locations: [{ id: 'chongjin', name: 'Chongjin', role: 'location' }, { id: 'vladivostok', name: 'Vladivostok', role: 'location' }],
      participants: [
        { id: 'russian-navy', name: 'Russian Navy', role: 'agent' },
        { id: 'nk-forces-in-russia', name: 'North Korean forces in Russia', role: 'affected' },
      ],
      claim_ids: ['csm1018-nis-1500-shipped-to-vladivostok', 'kh1018-nis-1500-special-forces-shipped'],
      version: 1,
    },
  });

export const eventListQuery = z
  .strictObject({
    ...pageQuery,
    kind: enumsParam(EVENT_KINDS, 'Only events of these kinds. Example: `troop_transport,deployment`.'),
    entity: idsParam('Only events these entities took part in or that happened at these places. Example: `nis`.'),
    from: dateParam('Only events still going on at or after this date (interval overlap). Example: `2024-10`.'),
    to: dateParam('Only events that had started by this date. Example: `2024-11`.'),
    sort: z.enum(['start', '-start']).optional().describe('start (earliest first, the default) or -start (latest first).'),
    facets: facetsParam(['kind'] as const),
    count: countParam,
    format: formatParam,
  })
  .refine(fromBeforeTo, fromBeforeToIssue);

export type EventListQuery = z.infer<typeof eventListQuery>;

export const eventListSchema = listWithExtras(eventSchema, 'EventList');

export type Event = z.infer<typeof eventSchema>;

/** The seed format's rule: an end of coarser precision may share the start's month or year. */
export const endsBeforeStart = (start: string, end: string | null) => end !== null && end < start.slice(0, end.length);

// The seed format's event carries a refinement, so its shape is rebuilt here rather than extended.
// Its defaults ([] and null) are right for a create, but in a PATCH they would reset unsent fields.
const { id: annotatedId, ...fields } = annotatedEvent.shape;

export const eventCreateSchema = z
  .strictObject({ ...fields, id: annotatedId.optional() })
  .refine((e) => !endsBeforeStart(e.start, e.end), { message: 'end is before start', path: ['end'] })
  .meta({ id: 'EventCreate' });
export const eventPatchSchema = atLeastOneField(z.strictObject({
  kind: fields.kind.optional(),
  title: fields.title.optional(),
  start: fields.start.optional(),
  end: fields.end.removeDefault().optional(),
  locations: fields.locations.removeDefault().optional().describe('Replaces every location when sent.'),
  participants: fields.participants.removeDefault().optional().describe('Replaces every participant when sent.'),
  description: fields.description.removeDefault().optional(),
})).meta({ id: 'EventPatch' });
export type EventCreate = z.infer<typeof eventCreateSchema>;
export type EventPatch = z.infer<typeof eventPatchSchema>;
