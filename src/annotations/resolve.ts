// Turns parsed annotation files into checked data ready to store: bodies cleaned, quotes anchored,
// references checked. It never touches the database, so a document with any error is refused
// before a single row is written. Two callers: the seed loader (the whole corpus, where the files
// are all there is) and the editorial API (one article's document, on top of the database).
import { cleanBody } from '../articles/clean.js';
import {
  anchorClaims, checkHints, checkReferences, checkRelations, defineAll, knownIn, parseFile, Problems,
  type Known, type Located, type ResolvedClaim, type Section, type SourceFile,
} from './checks.js';
import { findMentions, type Mention } from './mentions.js';
import type { ArticleInput, EntityInput, EventInput, RelationInput, TopicInput } from './schema.js';

export { AnnotationError, type Known, type Problem, type ResolvedClaim, type SourceFile } from './checks.js';

export interface ResolvedArticle extends ArticleInput { rawText: string; body: string; hints: { entity: string; text: string }[] }
export interface Corpus {
  articles: ResolvedArticle[];
  entities: EntityInput[];
  topics: TopicInput[];
  events: EventInput[];
  claims: ResolvedClaim[];
  relations: RelationInput[];
  mentions: Mention[];
}

const values = <T>(map: Map<string, Located<T>>) => [...map.values()].map((v) => v.item);

export function resolveCorpus(files: SourceFile[], readReport: (file: string) => string | undefined): Corpus {
  const problems = new Problems();
  const parsed = files.flatMap((file) => parseFile(file, problems));
  const defined = defineAll(parsed, problems);
  const known = knownIn(defined);
  const articles: ResolvedArticle[] = [];
  const claims: ResolvedClaim[] = [];
  const mentions: Mention[] = [];
  const articleIds = new Set<string>();
  const urls = new Map<string, string>();

  for (const { file, data } of parsed) {
    if (!data.article) {
      if (data.claims.length > 0 || data.mentions.length > 0) problems.add(file, 'article', 'has claims or mentions but no article');
      continue;
    }
    const article = data.article;
    if (articleIds.has(article.id)) problems.add(file, 'article.id', `article "${article.id}" is defined twice`);
    articleIds.add(article.id);
    if (article.url !== null) {
      if (urls.has(article.url)) problems.add(file, 'article.url', `article url is already used by "${urls.get(article.url)}"`);
      urls.set(article.url, article.id);
    }
    const rawText = readReport(article.file);
    if (rawText === undefined) {
      problems.add(file, 'article.file', `article "${article.id}": report file "${article.file}" does not exist in seed/reports`);
      continue;
    }
    const body = cleanBody(rawText, article);
    articles.push({ ...article, rawText, body, hints: data.mentions });
    claims.push(...anchorClaims(file, article.id, body, data.claims, problems));
    checkHints(file, data.mentions, known, problems);
    mentions.push(...findMentions(article.id, body, values(defined.entities), data.mentions));
  }

  checkReferences(defined, known, problems);
  const relations = checkRelations(parsed, known, problems);
  problems.throwIfAny();
  return {
    articles, entities: values(defined.entities), topics: values(defined.topics), events: values(defined.events),
    claims, relations, mentions,
  };
}

/** What one article's document adds to the database. */
export interface ArticleDocument {
  entities: EntityInput[];
  topics: TopicInput[];
  events: EventInput[];
  hints: { entity: string; text: string }[];
  claims: ResolvedClaim[];
  relations: RelationInput[];
}

/** What the database already holds, as far as a document's checks need to know. */
export interface Existing {
  /** Live items a reference may point at. */
  known: Known;
  /** Why an id cannot be defined again: 'live', or 'deleted' (ids stay taken so the item can be restored). */
  taken: (section: Section, id: string) => 'live' | 'deleted' | undefined;
  hasHint: (text: string) => boolean;
  relationTaken: (relation: RelationInput) => 'live' | 'deleted' | undefined;
}

export const DOCUMENT = 'this document';

/**
 * Checks one annotation document for an article already stored (its quotes are anchored in that
 * article's body) with the loader's checks and messages; references may point at ids in the
 * database or in the document. Throws AnnotationError with every problem found.
 */
export function resolveDocument(data: unknown, article: { id: string; body: string }, existing: Existing): ArticleDocument {
  const problems = new Problems();
  const parsed = parseFile({ name: DOCUMENT, data }, problems);
  problems.throwIfAny();
  const doc = parsed[0].data;
  if (doc.article && doc.article.id !== article.id) {
    problems.add(DOCUMENT, 'article.id', `article "${doc.article.id}": this document is for article "${article.id}"`);
  }
  const defined = defineAll(parsed, problems);
  for (const section of ['entities', 'topics', 'events', 'claims'] as const) {
    for (const { index, item } of defined[section].values()) {
      const taken = existing.taken(section, item.id);
      if (taken === 'live') problems.add(DOCUMENT, `${section}.${index}.id`, `${section} id "${item.id}" is already defined in the database`);
      if (taken === 'deleted') {
        problems.add(DOCUMENT, `${section}.${index}.id`, `${section} id "${item.id}" belongs to a deleted or merged item (ids stay taken); choose another id`);
      }
    }
  }
  const known = knownIn(defined, existing.known);
  const claims = anchorClaims(DOCUMENT, article.id, article.body, doc.claims, problems);
  checkHints(DOCUMENT, doc.mentions, known, problems);
  doc.mentions.forEach((hint, index) => {
    if (existing.hasHint(hint.text)) problems.add(DOCUMENT, `mentions.${index}.text`, `mention "${hint.text}": is already given for this article`);
  });
  checkReferences(defined, known, problems);
  const relations = checkRelations(parsed, known, problems);
  relations.forEach((r, index) => {
    const taken = existing.relationTaken(r);
    const what = `relation ${r.from} ${r.type} ${r.to}`;
    if (taken === 'live') problems.add(DOCUMENT, `relations.${index}`, `${what}: already exists`);
    if (taken === 'deleted') problems.add(DOCUMENT, `relations.${index}`, `${what}: was deleted (its history keeps it); restore it instead`);
  });
  problems.throwIfAny();
  return {
    entities: values(defined.entities), topics: values(defined.topics), events: values(defined.events),
    hints: doc.mentions, claims, relations,
  };
}
