// An article's claim quotes and entity mentions as spans over its body, for highlighters.
import { CONTEXT_LENGTH } from '../annotations/text-position.js';
import type { Db } from '../db/client.js';
import type { Span } from './annotations-schema.js';

export interface AnnotatedArticle {
  id: string; title: string; url: string | null; body: string;
  spans: Span[];
  /** Wikidata QIDs of the entities mentioned, for identifying bodies. */
  wikidata: Map<string, string>;
}

interface ClaimRow {
  id: string; start: number; end: number; exact: string; prefix: string; suffix: string; text: string;
  stance: string; certainty: string; claimant_id: string | null; claimant_name: string | null; claimant_kind: string | null;
}
interface MentionRow { start: number; end: number; exact: string; id: string; name: string; kind: string; wikidata_id: string | null }

type ClaimSpan = Extract<Span, { type: 'claim' }>;
type Kind = NonNullable<ClaimSpan['claimant']>['kind'];

const byPlace = (a: Span, b: Span) =>
  a.start - b.start || b.end - a.end || a.type.localeCompare(b.type) ||
  (a.type === 'claim' ? a.claim_id : a.entity.id).localeCompare(b.type === 'claim' ? b.claim_id : b.entity.id);

export type AnnotationRepository = ReturnType<typeof createAnnotationRepository>;

export function createAnnotationRepository(db: Db) {
  const article = db.prepare('SELECT id, title, url, body FROM articles WHERE id = ?');
  const claims = db.prepare(`SELECT c.id, c.quote_start AS start, c.quote_end AS "end", c.quote_exact AS exact,
      c.quote_prefix AS prefix, c.quote_suffix AS suffix, c.text, c.stance, c.certainty,
      c.claimant_id, e.name AS claimant_name, e.kind AS claimant_kind
    FROM claims c LEFT JOIN entities e ON e.id = c.claimant_id WHERE c.article_id = ?`);
  const mentions = db.prepare(`SELECT m.start, m."end", m.text AS exact, e.id, e.name, e.kind, e.wikidata_id
    FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?`);

  return {
    get(id: string): AnnotatedArticle | undefined {
      const row = article.get(id) as Omit<AnnotatedArticle, 'spans' | 'wikidata'> | undefined;
      if (!row) return undefined;
      // Mentions store no context; it is cut from the body in code points, as quotes' context was.
      const points = Array.from(row.body);
      const context = (start: number, end: number) => ({
        prefix: points.slice(Math.max(0, start - CONTEXT_LENGTH), start).join(''),
        suffix: points.slice(end, end + CONTEXT_LENGTH).join(''),
      });
      const claimSpans = (claims.all(id) as ClaimRow[]).map((c): Span => ({
        type: 'claim', start: c.start, end: c.end, exact: c.exact, prefix: c.prefix, suffix: c.suffix,
        claim_id: c.id, text: c.text,
        claimant: c.claimant_id === null ? null : { id: c.claimant_id, name: c.claimant_name!, kind: c.claimant_kind as Kind },
        stance: c.stance as ClaimSpan['stance'], certainty: c.certainty as ClaimSpan['certainty'],
      }));
      const mentionRows = mentions.all(id) as MentionRow[];
      const mentionSpans = mentionRows.map((m): Span => ({
        type: 'mention', start: m.start, end: m.end, exact: m.exact, ...context(m.start, m.end),
        entity: { id: m.id, name: m.name, kind: m.kind as Kind },
      }));
      const wikidata = new Map(mentionRows.flatMap((m) => (m.wikidata_id ? [[m.id, m.wikidata_id] as const] : [])));
      return { ...row, spans: [...claimSpans, ...mentionSpans].sort(byPlace), wikidata };
    },
  };
}
