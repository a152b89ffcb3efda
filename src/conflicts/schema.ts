import { z } from 'zod';
import { claimSchema } from '../claims/schema.js';
import { listOf, pageQuery } from '../http/common.js';
import { enumsParam, idsParam } from '../http/params.js';

export const CONFLICT_KINDS = ['annotated', 'figures'] as const;
export const DEFAULT_TOLERANCE = 0.1;
export const MAX_WINDOW_DAYS = 3660;

const windowDaysParam = z
  .string()
  .regex(/^\d{1,4}$/, `must be a whole number of days from 0 to ${MAX_WINDOW_DAYS}`)
  .transform(Number)
  .refine((n) => n <= MAX_WINDOW_DAYS, `must be a whole number of days from 0 to ${MAX_WINDOW_DAYS}`)
  .optional()
  .describe('Computed conflicts only between figures claimed at most this many days apart (a month-precision ' +
    'date spans its days). Default: the server\'s CONFLICT_WINDOW_DAYS (31).');

const toleranceParam = z
  .string()
  .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, 'must be a number from 0 to 1, like 0.1 for 10%')
  .transform(Number)
  .optional()
  .describe(`How far an approximate figure ("about 1,500") reaches either side, as a fraction of it. Default ${DEFAULT_TOLERANCE}.`);

export const conflictQuery = z.strictObject({
  ...pageQuery,
  topic: idsParam('Only pairs with a claim answering these topics. Example: `nk-troops-sent`.'),
  claimant: idsParam('Only pairs where either claim was made by these entities. Example: `dmitry-peskov`.'),
  entity: idsParam('Only pairs where either claim involves these entities: as claimant, via or subject. Example: `nis`.'),
  kind: enumsParam(CONFLICT_KINDS, 'Only conflicts of these kinds: annotated by a researcher, or computed from figures.'),
  window_days: windowDaysParam,
  tolerance: toleranceParam,
});

export type ConflictQuery = z.infer<typeof conflictQuery>;

export const figureRangeSchema = z
  .object({
    value: z.number().nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    approximate: z.boolean(),
    low: z.number().describe('Lowest number the figure allows: value less the tolerance when approximate, min, or 0 for "up to".'),
    high: z.number().nullable().describe('Highest number it allows; null when it has no upper bound ("at least").'),
  })
  .meta({ id: 'FigureRange' });

const annotatedReason = z.object({
  kind: z.literal('annotated'),
  relation: z.literal('contradicts'),
  from_claim_id: z.string().describe('The claim a researcher marked as contradicting the other.'),
  to_claim_id: z.string(),
  note: z.string().nullable().describe("The researcher's note on the relation."),
});

const figuresReason = z.object({
  kind: z.literal('figures'),
  topic_id: z.string(),
  unit: z.string(),
  a: figureRangeSchema.describe("Claim a's figure in that unit."),
  b: figureRangeSchema.describe("Claim b's figure in that unit."),
  days_apart: z.number().int().describe('Days between the two claimed dates (0 when they overlap).'),
});

export const conflictReasonSchema = z.discriminatedUnion('kind', [annotatedReason, figuresReason]).meta({
  id: 'ConflictReason',
  description: 'annotated: a researcher marked the claims as contradicting; figures: different claimants asserted ' +
    'figures on the same topic, in the same unit and within the window, whose ranges do not overlap.',
});

export const conflictSchema = z
  .object({
    a: claimSchema.describe('The earlier claim (by the first day of claimed_on, then id).'),
    b: claimSchema.describe('The later claim.'),
    reason: conflictReasonSchema,
  })
  .meta({ id: 'Conflict' });

export const conflictListSchema = listOf(conflictSchema, 'ConflictList');

export type Conflict = z.infer<typeof conflictSchema>;
export type ConflictReason = z.infer<typeof conflictReasonSchema>;
export type FigureRange = z.infer<typeof figureRangeSchema>;
