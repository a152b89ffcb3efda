import { z } from 'zod';
import { articleSchema as annotatedArticle, slug, TIME_PRECISIONS } from '../annotations/schema.js';
import { patchOf } from '../editing/schema.js';
import { listWithExtras, pageQuery } from '../http/common.js';
import { searchTextSchema } from '../http/full-text.js';
import { countParam, dateParam, fromBeforeTo, fromBeforeToIssue, idsParam } from '../http/params.js';

const articleFields = {
  id: z.string(),
  title: z.string(),
  publisher: z.string(),
  authors: z.array(z.string()),
  url: z.string().nullable(),
  language: z.string().describe('ISO 639-1 code.'),
  published_at: z.string().nullable().describe('ISO 8601, as precise as known (see published_precision).'),
  published_precision: z.enum(TIME_PRECISIONS).nullable(),
  published_inferred: z.boolean().describe('True when the report prints no date and it was worked out from the text.'),
  published_basis: z.string().nullable().describe('How the date was read or inferred.'),
  updated_at: z.string().nullable(),
  updated_precision: z.enum(TIME_PRECISIONS).nullable(),
  body: z.string().describe('The cleaned text that claim quotes and mentions point into.'),
  version: z.number().int().describe('Bumped by every change; its ETag is "v<version>.<revision>".'),
};

export const articleSchema = z.object(articleFields).meta({
  id: 'Article',
  example: {
    id: 'kh-2024-11-25-nk-casualties', title: 'North Korean troopers killed, wounded in Ukraine war: NIS',
    publisher: 'The Korea Herald', authors: ['Kim Arin'], url: null, language: 'en',
    published_at: '2024-11-25T15:27+09:00', published_precision: 'minute', published_inferred: false,
    published_basis: 'Printed as "Published : Nov. 25, 2024 - 15:27"', updated_at: null, updated_precision: null,
    body: 'South Korea has intelligence that North Korea has suffered losses among its troops ...', version: 1,
  },
});

export const articleDetailSchema = z
  .object({
    ...articleFields,
    raw_text: z.string().describe('The report exactly as received, before cleaning.'),
    boilerplate: z.array(z.string()).describe('Further lines dropped from the raw text as page furniture, besides the built-in rules.'),
  })
  .meta({ id: 'ArticleDetail' });

export const articleListQuery = z
  .strictObject({
    ...pageQuery,
    publisher: z.string().transform((text) => text.split(',').map((v) => v.trim())).pipe(z.array(z.string().min(1)).min(1).max(50))
      .optional().describe('Only articles by these publishers, by exact name. Comma-separated: any of them. Example: `The Korea Herald`.'),
    entity: idsParam('Only articles that name these entities. Example: `dmitry-peskov`.'),
    from: dateParam('Only articles published on or after this date (interval overlap). Example: `2024-11`.'),
    to: dateParam('Only articles published on or before this date. Example: `2024-11-30`.'),
    q: searchTextSchema.optional(),
    sort: z.enum(['published', '-published', 'id']).optional()
      .describe('published (oldest first, the default), -published (newest first) or id.'),
    count: countParam,
  })
  .refine(fromBeforeTo, fromBeforeToIssue);

export type ArticleListQuery = z.infer<typeof articleListQuery>;

export const articleListSchema = listWithExtras(articleSchema, 'ArticleList');

export type Article = z.infer<typeof articleSchema>;
export type ArticleDetail = z.infer<typeof articleDetailSchema>;

// Writes take the annotation format's article fields (no `file`: the raw text comes in the body).
const rawText = z.string().min(1).max(1_000_000)
  .describe('The report as received (copied from the page); the body is cleaned from it as the seed loader cleans it.');
const writable = annotatedArticle.omit({ id: true, file: true });

export const articleCreateSchema = writable
  .extend({ id: slug.optional().describe('Made from the title when left out.'), raw_text: rawText })
  .meta({ id: 'ArticleCreate' });

export const articlePatchSchema = patchOf(writable.extend({ raw_text: rawText })).meta({ id: 'ArticlePatch' });

export type ArticleCreate = z.infer<typeof articleCreateSchema>;
export type ArticlePatch = z.infer<typeof articlePatchSchema>;

const created = <T extends z.ZodType>(item: T, what: string) => z.object({
  entities: item, topics: item, events: item, claims: item, relations: item,
}).describe(what);

export const annotationImportSchema = z
  .object({
    article_id: z.string(),
    created: created(z.number().int(), 'How many items of each kind the document added.')
      .extend({ mentions: z.number().int().describe('Mention hints (surface forms) added for this article.') }),
    ids: created(z.array(z.string()), 'The ids of the items added; each has a create revision.'),
  })
  .meta({
    id: 'AnnotationImport',
    example: {
      article_id: 'kh-2024-11-25-nk-casualties',
      created: { entities: 1, topics: 0, events: 0, claims: 1, relations: 1, mentions: 0 },
      ids: {
        entities: ['ukraine-defence-ministry'], topics: [], events: [], claims: ['kh1125-ukr-mod-casualties'],
        relations: ['kh1125-ukr-mod-casualties~corroborates~kh1125-nis-casualties'],
      },
    },
  });

export type AnnotationImport = z.infer<typeof annotationImportSchema>;
