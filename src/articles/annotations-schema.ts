import { z } from 'zod';
import { CERTAINTIES, STANCES } from '../annotations/schema.js';
import { entityKindSchema } from '../entities/schema.js';

const entity = z.object({ id: z.string(), name: z.string(), kind: entityKindSchema });

const place = {
  start: z.number().int().describe('Offset of the first character in `body`, in Unicode code points.'),
  end: z.number().int().describe('Offset just past the last character, in code points.'),
  exact: z.string().describe('The text between start and end.'),
  prefix: z.string().describe('Up to 32 characters before it, to re-anchor the span in another copy of the text.'),
  suffix: z.string().describe('Up to 32 characters after it.'),
};

export const claimSpanSchema = z.object({
  type: z.literal('claim'),
  ...place,
  claim_id: z.string(),
  text: z.string().describe('The claim restated as one sentence.'),
  claimant: entity.nullable(),
  stance: z.enum(STANCES),
  certainty: z.enum(CERTAINTIES),
});

export const mentionSpanSchema = z.object({ type: z.literal('mention'), ...place, entity });

export const spanSchema = z.discriminatedUnion('type', [claimSpanSchema, mentionSpanSchema]).meta({ id: 'AnnotationSpan' });

export const articleAnnotationsSchema = z
  .object({
    article_id: z.string(),
    body: z.string().describe('The cleaned article text the offsets count into.'),
    spans: z.array(spanSchema).describe(
      'Every claim quote and entity mention, by start, the longer first when two start together. Spans nest: ' +
      'a mention often lies inside a claim quote.',
    ),
  })
  .meta({ id: 'ArticleAnnotations' });

export type Span = z.infer<typeof spanSchema>;
export type ArticleAnnotations = z.infer<typeof articleAnnotationsSchema>;

// W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/), JSON-LD compacted
// with its own context, so keys are `id`/`type` rather than `@id`/`@type`.
const textQuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'), exact: z.string(), prefix: z.string(), suffix: z.string(),
});
const textPositionSelector = z.object({ type: z.literal('TextPositionSelector'), start: z.number().int(), end: z.number().int() });

const textualBody = z.object({
  type: z.literal('TextualBody'), value: z.string(), format: z.literal('text/plain'),
  purpose: z.enum(['describing', 'tagging']),
});
const linkedBody = z.object({
  type: z.literal('SpecificResource'), source: z.string().describe('IRI of the claim or entity.'),
  purpose: z.enum(['linking', 'identifying']),
});

export const webAnnotationSchema = z
  .object({
    id: z.string(),
    type: z.literal('Annotation'),
    motivation: z.enum(['describing', 'identifying']).describe('describing: a claim quote; identifying: an entity mention.'),
    body: z.array(z.union([textualBody, linkedBody])),
    target: z.object({
      source: z.string().describe("IRI of the article; offsets count code points of its `body`."),
      scope: z.string().optional().describe('The page the report was published on, when known.'),
      selector: z.array(z.union([textQuoteSelector, textPositionSelector]))
        .describe('Two ways to find the same text: a TextQuoteSelector and a TextPositionSelector.'),
    }),
  })
  .meta({ id: 'WebAnnotation' });

export const webAnnotationCollectionSchema = z
  .object({
    '@context': z.literal('http://www.w3.org/ns/anno.jsonld'),
    id: z.string(),
    type: z.literal('AnnotationCollection'),
    label: z.string(),
    total: z.number().int(),
    first: z.object({
      id: z.string(),
      type: z.literal('AnnotationPage'),
      partOf: z.string(),
      startIndex: z.number().int(),
      items: z.array(webAnnotationSchema),
    }).describe('The one page: every annotation of the article.'),
    last: z.string().describe('IRI of the last page (the same one).'),
  })
  .meta({ id: 'WebAnnotationCollection' });

export type WebAnnotation = z.infer<typeof webAnnotationSchema>;
export type WebAnnotationCollection = z.infer<typeof webAnnotationCollectionSchema>;
