import { z } from 'zod';
import { CERTAINTIES, STANCES } from '../annotations/schema.js';
import { entityKindSchema } from '../entities/schema.js';
import { nextCursorSchema, pageQuery, wholeNumberParam } from '../http/common.js';
import { dateParam, fromBeforeTo, fromBeforeToIssue, idsParam } from '../http/params.js';
import { topicSchema } from '../topics/schema.js';

// Units are free text ("casualties per day"), so they are split on commas but not held to slugs.
const unitsParam = z
  .string()
  .transform((text) => text.split(',').map((unit) => unit.trim()))
  .pipe(z.array(z.string().min(1, 'each unit must be non-empty').max(60)).min(1).max(20))
  .optional()
  .describe('Only figures in these units ("troops", "killed"). Comma-separated: any of them.');

const MAX_LATEST_LIMIT = 500;

const latestLimitParam = wholeNumberParam(0, MAX_LATEST_LIMIT,
  `How many claimants' latest figures to list in \`latest_by_claimant\`, newest first: 0 to ${MAX_LATEST_LIMIT}; 50 when absent. ` +
  'A busy topic has thousands of sources; `latest_by_claimant_total` counts them all and `spread` covers them all.');

export const figureQuery = z
  .strictObject({
    ...pageQuery,
    unit: unitsParam,
    claimant: idsParam('Only figures from these claimants. Example: `nis,volodymyr-zelenskyy`.'),
    from: dateParam('Only figures claimed on or after this date (a claim dated "2024-10" counts if any of October is). Example: `2024-10`.'),
    to: dateParam('Only figures claimed on or before this date. Example: `2024-11-30`.'),
    latest_limit: latestLimitParam,
  })
  .refine(fromBeforeTo, fromBeforeToIssue);

export type FigureQuery = z.infer<typeof figureQuery>;

export const figureSchema = z
  .object({
    claim_id: z.string(),
    article_id: z.string(),
    text: z.string().describe('The claim restated as one sentence, for a chart tooltip.'),
    claimed_on: z.string().describe('When the figure was given: ISO 8601 date of year, month or day precision.'),
    claimed_from: z.string().describe('First day `claimed_on` covers (what the order uses): "2024-10" -> "2024-10-01".'),
    claimed_to: z.string().describe('Last day it covers: a chart can draw a month-precision figure as a span.'),
    claimant: z.object({ id: z.string(), name: z.string(), kind: entityKindSchema }).nullable(),
    value: z.number().nullable().describe('The figure, when a single one was given.'),
    min: z.number().nullable().describe('Lower bound ("at least", "1,000 to 3,000").'),
    max: z.number().nullable().describe('Upper bound ("up to 3,000").'),
    unit: z.string(),
    approximate: z.boolean().describe('"about", "around", "approximately", "some".'),
    stance: z.enum(STANCES),
    certainty: z.enum(CERTAINTIES),
  })
  .meta({
    id: 'Figure',
    example: {
      claim_id: 'jad1120-nis-11000-troops-to-kursk-late-october', article_id: 'jad-2024-11-20-nk-troops-in-combat',
      text: "About 11,000 North Korean soldiers were moved to Russia's Kursk region in late October 2024.",
      claimed_on: '2024-11-20', claimed_from: '2024-11-20', claimed_to: '2024-11-20', claimant: { id: 'nis', name: 'National Intelligence Service', kind: 'government_body' },
      value: 11000, min: null, max: null, unit: 'troops', approximate: true, stance: 'asserts', certainty: 'estimated',
    },
  });

const spreadEnd = z.object({
  value: z.number(),
  claim_id: z.string(),
  claimant_id: z.string(),
});

export const spreadSchema = z
  .object({
    unit: z.string().describe('The unit both ends are in.'),
    lowest: spreadEnd.describe("The lowest of the latest figures (a range counts by its lower bound)."),
    highest: spreadEnd.describe('The highest of the latest figures (a range counts by its upper bound).'),
  })
  .meta({ id: 'FigureSpread' });

export const figureListSchema = z
  .object({
    topic: topicSchema,
    data: z.array(figureSchema).describe('A page of figures, oldest first: by the first day of `claimed_on`, then claim id.'),
    next_cursor: nextCursorSchema,
    latest_by_claimant: z.array(figureSchema).describe(
      "Each claimant's most recent figure in each unit among all the filtered figures (not just this page), " +
      'newest first (then by claimant id and unit); at most `latest_limit` of them.',
    ),
    latest_by_claimant_total: z.number().int().describe('How many claimant and unit pairs have a latest figure: all of them, whatever `latest_limit`.'),
    spread: spreadSchema.nullable().describe(
      'Lowest and highest of the latest asserted figures of every claimant (listed or not) in one unit: the `unit` filter when it names one unit, ' +
      'else the topic\'s unit, else the unit they all share. Null when there are none.',
    ),
  })
  .meta({ id: 'FigureList' });

export type Figure = z.infer<typeof figureSchema>;
export type FigureList = z.infer<typeof figureListSchema>;
export type Spread = z.infer<typeof spreadSchema>;
