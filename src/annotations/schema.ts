// The hand-written annotation format (seed/catalog/*.yaml and seed/annotations/*.yaml).
// It is the contract between newsroom researchers and the loader, so every field is
// checked here and every message names the field a researcher has to fix.
import { z } from 'zod';
import { daysInMonth } from './dates.js';

export const slug = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like "nis-1500-special-forces"');

/** "2024", "2024-11" or "2024-11-19": a date known to year, month or day precision. */
export const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isRealPartialDate, 'is not a real calendar date');

function isRealPartialDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  if (month === undefined) return year > 0;
  if (month < 1 || month > 12) return false;
  if (day === undefined) return true;
  return day >= 1 && day <= daysInMonth(year, month);
}

export const ENTITY_KINDS = [
  'person', 'organization', 'government_body', 'military_unit', 'military_force', 'location',
  'country', 'weapon_system', 'facility', 'media_outlet', 'think_tank', 'document',
  'group', 'anonymous_source',
] as const;
export const EVENT_KINDS = [
  'troop_transport', 'deployment', 'combat', 'strike', 'casualty_report', 'briefing', 'meeting',
  'treaty_signing', 'treaty_ratification', 'announcement', 'press_conference', 'visit',
  'training', 'munitions_shipment', 'report_publication', 'summit',
] as const;
export const STANCES = ['asserts', 'denies', 'cannot_confirm'] as const;
export const CERTAINTIES = ['confirmed', 'stated', 'estimated', 'expected', 'possible'] as const;
export const SUBJECT_ROLES = ['agent', 'affected', 'recipient', 'location', 'instrument', 'subject'] as const;
export const PARTICIPANT_ROLES = ['agent', 'affected', 'recipient', 'host', 'attendee', 'organizer', 'target'] as const;
export const RELATION_TYPES = ['corroborates', 'contradicts', 'updates', 'repeats'] as const;
export const TIME_PRECISIONS = ['year', 'month', 'day', 'minute'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const entitySchema = z.strictObject({
  id: slug,
  kind: z.enum(ENTITY_KINDS),
  name: text(200),
  aliases: z.array(text(200)).default([]),
  description: text(500),
  wikidata_id: z.string().regex(/^Q\d+$/, 'must be a Wikidata QID like "Q423"').nullable().default(null),
});

export const topicSchema = z.strictObject({
  id: slug,
  question: text(300),
  unit: z.string().trim().min(1).max(60).nullable().default(null),
  description: text(1000).nullable().default(null),
});

const roleLink = <R extends readonly [string, ...string[]]>(roles: R) =>
  z.strictObject({ entity: slug, role: z.enum(roles) });

export const eventSchema = z
  .strictObject({
    id: slug,
    kind: z.enum(EVENT_KINDS),
    title: text(300),
    start: partialDate,
    end: partialDate.nullable().default(null),
    locations: z.array(slug).default([]),
    participants: z.array(roleLink(PARTICIPANT_ROLES)).default([]),
    description: text(1000).nullable().default(null),
  })
  .refine((e) => e.end === null || e.end >= e.start.slice(0, e.end.length), {
    message: 'end is before start',
    path: ['end'],
  });

/** When a timestamp came from: printed in the report, or inferred (then `basis` says how). */
export const timestampSchema = z
  .strictObject({
    at: z
      .string()
      .regex(
        /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z))?)?)?$/,
        'must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm±hh:mm',
      ),
    precision: z.enum(TIME_PRECISIONS),
    inferred: z.boolean().default(false),
    basis: text(1000).nullable().default(null),
  })
  .refine((t) => t.at.length === { year: 4, month: 7, day: 10, minute: 0 }[t.precision] || (t.precision === 'minute' && t.at.length > 10), {
    message: 'precision does not match the form of `at`',
    path: ['precision'],
  })
  .refine((t) => !t.inferred || t.basis !== null, {
    message: 'an inferred timestamp needs a `basis` saying how it was inferred',
    path: ['basis'],
  });

export const articleSchema = z.strictObject({
  id: slug,
  file: z.string().regex(/^[\w.-]+\.txt$/, 'must be a file name in seed/reports, like "000_x.txt"'),
  title: text(500),
  publisher: text(200),
  authors: z.array(text(200)).default([]),
  url: z.url({ protocol: /^https?$/ }).nullable().default(null),
  language: z.string().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code like "en"').default('en'),
  published: timestampSchema.nullable().default(null),
  updated: timestampSchema.nullable().default(null),
  // Lines (exact, after trimming) that are boilerplate in this report but not caught by the
  // built-in rules; they are removed from the body like the built-in ones.
  boilerplate: z.array(text(2000)).default([]),
});

export const quantitySchema = z
  .strictObject({
    value: z.number().finite().nullable().default(null),
    min: z.number().finite().nullable().default(null),
    max: z.number().finite().nullable().default(null),
    unit: z.string().trim().min(1).max(60),
    approximate: z.boolean().default(false),
  })
  .refine((q) => q.value !== null || q.min !== null || q.max !== null, {
    message: 'a quantity needs a value, a min or a max',
  })
  .refine((q) => q.min === null || q.max === null || q.min <= q.max, { message: 'min is greater than max' });

export const claimSchema = z.strictObject({
  id: slug,
  quote: text(5000),
  // Text just before (or after) the quote in the body, used only to pick one occurrence of a
  // quote that appears more than once.
  prefix: z.string().min(1).max(200).optional(),
  suffix: z.string().min(1).max(200).optional(),
  claimant: slug.nullable(),
  via: z.array(slug).default([]),
  text: text(1000),
  stance: z.enum(STANCES),
  certainty: z.enum(CERTAINTIES),
  claimed_on: partialDate,
  quantities: z.array(quantitySchema).default([]),
  subjects: z.array(roleLink(SUBJECT_ROLES)).default([]),
  events: z.array(slug).default([]),
  topic: slug.nullable().default(null),
});

export const relationSchema = z
  .strictObject({
    from: slug,
    type: z.enum(RELATION_TYPES),
    to: slug,
    note: text(500).nullable().default(null),
  })
  .refine((r) => r.from !== r.to, { message: 'a claim cannot relate to itself', path: ['to'] });

/** Extra surface forms that refer to an entity in one article only ("Mr. Kim", "the agency"). */
export const mentionHintSchema = z.strictObject({ entity: slug, text: text(200) });

/** One file in seed/catalog or seed/annotations. Every section is optional. */
export const annotationFileSchema = z.strictObject({
  article: articleSchema.optional(),
  entities: z.array(entitySchema).default([]),
  topics: z.array(topicSchema).default([]),
  events: z.array(eventSchema).default([]),
  mentions: z.array(mentionHintSchema).default([]),
  claims: z.array(claimSchema).default([]),
  relations: z.array(relationSchema).default([]),
});

export type AnnotationFile = z.infer<typeof annotationFileSchema>;
export type EntityInput = z.infer<typeof entitySchema>;
export type TopicInput = z.infer<typeof topicSchema>;
export type EventInput = z.infer<typeof eventSchema>;
export type ArticleInput = z.infer<typeof articleSchema>;
export type ClaimInput = z.infer<typeof claimSchema>;
export type QuantityInput = z.infer<typeof quantitySchema>;
export type RelationInput = z.infer<typeof relationSchema>;
export type TimestampInput = z.infer<typeof timestampSchema>;
