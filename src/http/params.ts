// Query parameter types shared by the filtered lists. Query strings arrive as text, so each
// type parses its own text (no z.coerce: it accepts "1e1" and "0x10", and "false" as true).
import { z } from 'zod';
import { partialDate } from '../annotations/schema.js';
import { firstDay, lastDay } from '../annotations/dates.js';

const MAX_VALUES = 50;
const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const commaList = (description: string) =>
  // Repeats are dropped: "entity,entity" asks for one entity, not two copies of its rows.
  z.string().transform((text) => [...new Set(text.split(',').map((v) => v.trim()))]).describe(`${description} Comma-separated: any of them.`);

export const idsParam = (description: string) =>
  commaList(description)
    .pipe(z.array(z.string().regex(slug, 'each value must be an id (a lowercase slug)')).min(1).max(MAX_VALUES))
    .optional();

export const enumsParam = <const V extends readonly [string, ...string[]]>(values: V, description: string) =>
  commaList(`${description} One or more of: ${values.join(', ')}.`)
    .pipe(z.array(z.enum(values, { error: `each value must be one of ${values.join(', ')}` })).min(1))
    .optional();

export const dateParam = (description: string) =>
  partialDate.describe(`${description} ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD; a month or year covers all its days.`).optional();

export const booleanParam = (description: string) =>
  z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true').describe(description).optional();

export const facetsParam = <const V extends readonly [string, ...string[]]>(values: V) =>
  enumsParam(values, 'Also count the whole filtered set per value of these fields (for filter sidebars).');

export const countParam = booleanParam('Also return `total`, the number of rows matching the filters.');

/** A claimed_on is a year at widest ("2024": 366 days in a leap year), so no claim spans more days. */
export const MAX_CLAIM_SPAN_DAYS = 366;

/** The day span a from/to pair asks about; a row overlaps it when its own span touches it. */
export function dayRange(from?: string, to?: string): { from?: string; to?: string } {
  return { from: from && firstDay(from), to: to && lastDay(to) };
}

/** Refinement shared by lists with from/to: an empty window is a mistake, not an empty answer. */
export const fromBeforeTo = <T extends { from?: string; to?: string }>(query: T) =>
  !query.from || !query.to || firstDay(query.from) <= lastDay(query.to);
export const fromBeforeToIssue = { message: '`from` is after `to`', path: ['from'] };

export const facetSchema = z.object({ value: z.string().nullable(), label: z.string().nullable(), count: z.number().int() }).meta({ id: 'FacetCount' });
export type FacetCount = z.infer<typeof facetSchema>;
