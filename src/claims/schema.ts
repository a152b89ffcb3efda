import { z } from 'zod';
import { RANKING_LIMIT } from '../db/full-text.js';
import {
  CERTAINTIES, claimSchema as annotatedClaim, relationSchema as annotatedRelation, RELATION_TYPES, slug, STANCES,
  SUBJECT_ROLES,
} from '../annotations/schema.js';
import { atLeastOneField } from '../editing/schema.js';
import { listWithExtras, pageQuery } from '../http/common.js';
import { formatParam } from '../http/export.js';
import { searchTextSchema } from '../http/full-text.js';
import {
  booleanParam, countParam, dateParam, enumsParam, facetsParam, fromBeforeTo, fromBeforeToIssue, idsParam,
} from '../http/params.js';
import { entityKindSchema, entityRefSchema } from '../entities/schema.js';

export const quoteSchema = z
  .object({
    exact: z.string().describe('The exact words in the article body.'),
    prefix: z.string().describe('Up to 32 characters before the quote (W3C TextQuoteSelector).'),
    suffix: z.string().describe('Up to 32 characters after the quote.'),
    start: z.number().int().describe('Offset of the first character in the body, in Unicode code points.'),
    end: z.number().int().describe('Offset just past the last character, in code points (TextPositionSelector).'),
  })
  .meta({ id: 'Quote' });

export const quantitySchema = z
  .object({
    value: z.number().nullable().describe('The figure, when a single one was given.'),
    min: z.number().nullable().describe('Lower bound ("1,000 to 3,000", "at least").'),
    max: z.number().nullable().describe('Upper bound ("up to 3,000").'),
    unit: z.string(),
    approximate: z.boolean().describe('"about", "around", "approximately", "some".'),
  })
  .meta({ id: 'Quantity' });

export const relationSchema = z
  .object({
    type: z.enum(RELATION_TYPES),
    claim_id: z.string().describe('The claim at the other end.'),
    direction: z.enum(['outgoing', 'incoming']).describe(
      'outgoing: this claim <type> the other ("this updates that"); incoming: the other <type> this one.',
    ),
  })
  .meta({ id: 'ClaimRelation' });

const claimFields = {
  id: z.string(),
  article_id: z.string(),
  text: z.string().describe('The claim restated as one plain sentence.'),
  quote: quoteSchema,
  claimant: z.object({ id: z.string(), name: z.string(), kind: entityKindSchema }).nullable()
    .describe('Who made the claim; null only when the report gives no source.'),
  via: z.array(entityRefSchema).describe('The chain the claim reached the report through, nearest the claimant first.'),
  stance: z.enum(STANCES).meta({ id: 'Stance' }),
  certainty: z.enum(CERTAINTIES).meta({ id: 'Certainty' }),
  claimed_on: z.string().describe('When the claim was made: ISO 8601 date of year, month or day precision.'),
  quantities: z.array(quantitySchema),
  entities: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(SUBJECT_ROLES) }))
    .describe('What the claim is about, with the role each entity plays in it.'),
  event_ids: z.array(z.string()),
  topic_id: z.string().nullable(),
  version: z.number().int().describe('Bumped by every change; its ETag is "v<version>.<revision>".'),
};

// Taken from the corpus (a test keeps it identical to what the API serves).
export const claimExample = {
  id: 'jad1120-nis-11000-troops-to-kursk-late-october',
  article_id: 'jad-2024-11-20-nk-troops-in-combat',
  text: "About 11,000 North Korean soldiers were moved to Russia's Kursk region in late October 2024.",
  quote: {
    exact: 'approximately 11,000 North Korean soldiers were transferred to the Kursk region in western Russia in late October',
    prefix: ' from the NIS said they believe ', suffix: ' after completing “adjustment tr', start: 374, end: 487,
  },
  claimant: { id: 'nis', name: 'National Intelligence Service', kind: 'government_body' },
  via: [{ id: 'lee-seong-kweun', name: 'Lee Seong-kweun' }, { id: 'park-sun-won', name: 'Park Sun-won' }],
  stance: 'asserts', certainty: 'estimated', claimed_on: '2024-11-20',
  quantities: [{ value: 11000, min: null, max: null, unit: 'troops', approximate: true }],
  entities: [
    { id: 'nk-forces-in-russia', name: 'North Korean forces in Russia', role: 'affected' },
    { id: 'kursk-region', name: 'Kursk region', role: 'location' },
  ],
  event_ids: ['nis-briefing-2024-11-20', 'nk-troops-move-to-kursk-2024'], topic_id: 'nk-troops-sent', version: 1,
};
export const claimDetailExample = {
  ...claimExample,
  relations: [
    { type: 'updates', claim_id: 'kh1125-nis-10900-troops-due', direction: 'outgoing' },
    { type: 'contradicts', claim_id: 'jad2502-first-troops-to-kursk-november', direction: 'incoming' },
    { type: 'corroborates', claim_id: 'jad1120-officials-nk-troops-deployed-to-kursk', direction: 'incoming' },
    { type: 'corroborates', claim_id: 'jad2502-ukr-intel-11000-first-dispatch', direction: 'incoming' },
  ],
};

export const claimSchema = z.object(claimFields).meta({ id: 'Claim', example: claimExample });

export const claimDetailSchema = z
  .object({ ...claimFields, relations: z.array(relationSchema).describe('Links to other claims, both ways.') })
  .meta({ id: 'ClaimDetail', example: claimDetailExample });

export const CLAIM_SORTS = ['claimed_on', '-claimed_on', 'relevance'] as const;
export const CLAIM_FACET_NAMES = ['claimant', 'stance', 'certainty', 'topic', 'article'] as const;
export type ClaimFacet = typeof CLAIM_FACET_NAMES[number];

export const claimListQuery = z
  .strictObject({
    ...pageQuery,
    article: idsParam('Only claims in these articles. Example: `csm-2024-10-18-is-that-true`.'),
    claimant: idsParam('Only claims made by these entities. Example: `nis`.'),
    entity: idsParam('Only claims these entities take part in: as claimant, via or subject. Example: `volodymyr-zelenskyy`.'),
    stance: enumsParam(STANCES, 'Only claims with these stances. Example: `denies,cannot_confirm`.'),
    certainty: enumsParam(CERTAINTIES, 'Only claims with these certainties. Example: `confirmed`.'),
    topic: idsParam('Only claims answering these topics. Example: `nk-troops-sent`.'),
    event: idsParam('Only claims reporting these events. Example: `nis-briefing-2024-11-20`.'),
    from: dateParam('Only claims made on or after this date (a claim dated "2024-10" counts if any of October is). Example: `2024-11`.'),
    to: dateParam('Only claims made on or before this date. Example: `2024-12-31`.'),
    has_quantity: booleanParam('true: only claims with figures; false: only claims without.'),
    q: searchTextSchema.optional(),
    sort: z.enum(CLAIM_SORTS).optional().describe(
      'claimed_on (oldest first, the default), -claimed_on (newest first), or relevance (best match first; the default ' +
      'with q; newest first instead when q matches too many claims to rank: the response\'s `sort` says which).',
    ),
    facets: facetsParam(CLAIM_FACET_NAMES),
    count: countParam,
    format: formatParam,
  })
  .refine((query) => query.sort !== 'relevance' || query.q !== undefined, {
    message: 'sort=relevance needs q', path: ['sort'],
  })
  .refine(fromBeforeTo, fromBeforeToIssue);

export type ClaimListQuery = z.infer<typeof claimListQuery>;

export const claimListSchema = listWithExtras(claimSchema, 'ClaimList', {
  sort: z.enum(CLAIM_SORTS).optional().describe(
    `With q: the order of this page: the sort asked for (or its default), except that relevance gives way to -claimed_on ` +
    `(newest first) when q matches more than ${RANKING_LIMIT.toLocaleString('en')} claims, too many to rank quickly. ` +
    "Every page of one list keeps the first page's order.",
  ),
});

export type Claim = z.infer<typeof claimSchema>;
export type ClaimDetail = z.infer<typeof claimDetailSchema>;

// Writes take a claim in the annotation format (src/annotations/schema.ts), plus its article.
const offset = z.number().int().min(0);
const claimWriteFields = {
  article_id: slug.describe('The article whose body holds the quote.'),
  quote_start: offset.optional().describe(
    'Where the quote starts in the body, in code points. With quote_end, the server checks the quote is there instead of searching for it.',
  ),
  quote_end: offset.optional().describe('Just past the quote\'s last character, in code points (with quote_start).'),
};
/** quote_start and quote_end come together, in order. */
const offsetRules = <T extends z.ZodType<{ quote_start?: number; quote_end?: number }>>(schema: T) => schema
  .refine((c) => (c.quote_start === undefined) === (c.quote_end === undefined),
    { message: 'send quote_start and quote_end together, or neither', path: ['quote_end'] })
  .refine((c) => c.quote_start === undefined || c.quote_end === undefined || c.quote_start < c.quote_end,
    { message: 'quote_end must be greater than quote_start', path: ['quote_end'] });

export const claimCreateSchema = offsetRules(
  annotatedClaim.extend({ id: annotatedClaim.shape.id.optional(), ...claimWriteFields }),
).meta({
  id: 'ClaimCreate',
  // A real sentence of that article, so "Try it out" in the docs creates a claim as it stands.
  example: {
    article_id: 'jad-2024-11-20-nk-troops-in-combat',
    quote: 'Singh also said the United States views North Korea as cobelligerents with Russia.',
    claimant: 'sabrina-singh', text: 'The United States views North Korea as a cobelligerent with Russia.',
    stance: 'asserts', certainty: 'stated', claimed_on: '2024-11-19',
    subjects: [{ entity: 'north-korea', role: 'agent' }, { entity: 'russia', role: 'recipient' }],
    events: ['pentagon-briefing-2024-11-19'],
  },
});

// Every field optional and none defaulted (a default would overwrite what the PATCH left out).
const a = annotatedClaim.shape;
const claimPatchFields = z.strictObject({
  ...annotatedClaim.omit({ id: true, via: true, quantities: true, subjects: true, events: true, topic: true }).partial().shape,
  via: a.via.unwrap().optional(), quantities: a.quantities.unwrap().optional(), subjects: a.subjects.unwrap().optional(),
  events: a.events.unwrap().optional(), topic: a.topic.unwrap().optional(),
  ...claimWriteFields, article_id: claimWriteFields.article_id.optional(),
});

export const claimPatchSchema = offsetRules(atLeastOneField(claimPatchFields))
  .meta({ id: 'ClaimPatch', example: { claimant: 'nis', certainty: 'estimated' } });

export type ClaimCreate = z.output<typeof claimCreateSchema>;
export type ClaimPatch = z.output<typeof claimPatchSchema>;

export const relationItemSchema = z
  .object({
    id: z.string().describe('The relation\'s resource id in history and the change feed: "<from>~<type>~<to>".'),
    from: z.string().describe('The claim that relates to the other ("from updates to").'),
    type: z.enum(RELATION_TYPES),
    to: z.string(),
    note: z.string().nullable().describe('Why the claims relate, in a researcher\'s words.'),
    version: z.number().int().describe('Bumped by every change; its ETag is "v<version>.<revision>".'),
  })
  .meta({
    id: 'Relation',
    example: {
      id: 'jad1120-nis-11000-troops-to-kursk-late-october~updates~kh1125-nis-10900-troops-due',
      from: 'jad1120-nis-11000-troops-to-kursk-late-october', type: 'updates', to: 'kh1125-nis-10900-troops-due',
      note: null, version: 1,
    },
  });

export const relationCreateSchema = z
  .strictObject({
    type: annotatedRelation.shape.type,
    claim_id: slug.describe('The other claim: this claim <type> that one.'),
    note: annotatedRelation.shape.note,
  })
  .meta({ id: 'RelationCreate' });

export const relationPatchSchema = z.strictObject({ note: annotatedRelation.shape.note.unwrap() }).meta({ id: 'RelationPatch' });

export type Relation = z.infer<typeof relationItemSchema>;
export type RelationCreate = z.output<typeof relationCreateSchema>;
export type RelationPatch = z.output<typeof relationPatchSchema>;
