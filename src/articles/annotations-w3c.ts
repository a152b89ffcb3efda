// An article's spans as a W3C Web Annotation collection (https://www.w3.org/TR/annotation-model/):
// one Annotation per claim quote (motivation describing) and per entity mention (identifying), each
// targeting the article with a TextQuoteSelector and a TextPositionSelector for the same text.
import type { AnnotatedArticle } from './annotations-repository.js';
import type { Span, WebAnnotation, WebAnnotationCollection } from './annotations-schema.js';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** Annotation ids must be IRIs; a span's id is stable across reloads (claim id, or where a mention starts). */
const spanFragment = (span: Span) => (span.type === 'claim' ? `claim-${span.claim_id}` : `mention-${span.start}`);

function bodyOf(span: Span, base: string, wikidata: Map<string, string>): WebAnnotation['body'] {
  if (span.type === 'claim') {
    return [
      { type: 'TextualBody', value: span.text, format: 'text/plain', purpose: 'describing' },
      { type: 'SpecificResource', source: `${base}/v1/claims/${span.claim_id}`, purpose: 'linking' },
      { type: 'TextualBody', value: span.stance, format: 'text/plain', purpose: 'tagging' },
      { type: 'TextualBody', value: span.certainty, format: 'text/plain', purpose: 'tagging' },
    ];
  }
  const qid = wikidata.get(span.entity.id);
  return [
    { type: 'SpecificResource', source: `${base}/v1/entities/${span.entity.id}`, purpose: 'identifying' },
    ...(qid ? [{ type: 'SpecificResource' as const, source: `http://www.wikidata.org/entity/${qid}`, purpose: 'identifying' as const }] : []),
    { type: 'TextualBody', value: span.entity.name, format: 'text/plain', purpose: 'tagging' },
  ];
}

/** `base` is the scheme and host the request came to, so every IRI resolves against this server. */
export function toWebAnnotations(article: AnnotatedArticle, base: string): WebAnnotationCollection {
  const source = `${base}/v1/articles/${article.id}`;
  const collection = `${source}/annotations`;
  const page = `${collection}#page-1`;
  const items = article.spans.map((span): WebAnnotation => ({
    id: `${collection}#${spanFragment(span)}`,
    type: 'Annotation',
    motivation: span.type === 'claim' ? 'describing' : 'identifying',
    body: bodyOf(span, base, article.wikidata),
    target: {
      source,
      ...(article.url ? { scope: article.url } : {}),
      selector: [
        { type: 'TextQuoteSelector', exact: span.exact, prefix: span.prefix, suffix: span.suffix },
        { type: 'TextPositionSelector', start: span.start, end: span.end },
      ],
    },
  }));
  return {
    '@context': ANNO_CONTEXT,
    id: collection,
    type: 'AnnotationCollection',
    label: `Claims and entity mentions in "${article.title}"`,
    total: items.length,
    first: { id: page, type: 'AnnotationPage', partOf: collection, startIndex: 0, items },
    last: page,
  };
}
