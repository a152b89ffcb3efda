// Turns parsed annotation files into a checked corpus ready to store: bodies cleaned, quotes
// anchored, references checked. It never touches the database, so a corpus with any error is
// refused before a single row is written.
import { cleanBody } from '../articles/clean.js';
import type { z } from 'zod';
import {
  annotationFileSchema, type AnnotationFile, type ArticleInput, type ClaimInput, type EntityInput,
  type EventInput, type RelationInput, type TopicInput,
} from './schema.js';
import { anchorQuote, type Anchor } from './text-position.js';
import { findMentions, type Mention } from './mentions.js';

export interface SourceFile {
  /** Where the file came from, as the researcher knows it: "seed/annotations/000.yaml". */
  name: string;
  data: unknown;
}

export interface ResolvedArticle extends ArticleInput { rawText: string; body: string; hints: { entity: string; text: string }[] }
export interface ResolvedClaim extends ClaimInput { articleId: string; anchor: Anchor }
export interface Corpus {
  articles: ResolvedArticle[];
  entities: EntityInput[];
  topics: TopicInput[];
  events: EventInput[];
  claims: ResolvedClaim[];
  relations: RelationInput[];
  mentions: Mention[];
}

export class AnnotationError extends Error {
  constructor(readonly problems: string[]) {
    super(`the annotations have ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'AnnotationError';
  }
}

type Located<T> = { file: string; item: T };

export function resolveCorpus(files: SourceFile[], readReport: (file: string) => string | undefined): Corpus {
  const problems: string[] = [];
  const parsed = files.flatMap((file) => parseFile(file, problems));
  const entities = collect(parsed, 'entities', problems);
  const topics = collect(parsed, 'topics', problems);
  const events = collect(parsed, 'events', problems);
  const claims = collect(parsed, 'claims', problems);
  const articles: ResolvedArticle[] = [];
  const resolvedClaims: ResolvedClaim[] = [];
  const mentions: Mention[] = [];
  const articleIds = new Set<string>();
  const urls = new Map<string, string>();

  for (const { file, data } of parsed) {
    if (!data.article) {
      if (data.claims.length > 0 || data.mentions.length > 0) problems.push(`${file}: has claims or mentions but no article`);
      continue;
    }
    const article = data.article;
    if (articleIds.has(article.id)) problems.push(`${file}: article "${article.id}" is defined twice`);
    articleIds.add(article.id);
    if (article.url !== null) {
      if (urls.has(article.url)) problems.push(`${file}: article url is already used by "${urls.get(article.url)}"`);
      urls.set(article.url, article.id);
    }
    const rawText = readReport(article.file);
    if (rawText === undefined) {
      problems.push(`${file}: article "${article.id}": report file "${article.file}" does not exist in seed/reports`);
      continue;
    }
    const body = cleanBody(rawText, article);
    articles.push({ ...article, rawText, body, hints: data.mentions });
    for (const claim of data.claims) {
      const found = anchorQuote(body, claim.quote, claim);
      if (!found.ok) problems.push(`${file}: claim "${claim.id}": quote "${shorten(claim.quote)}": ${found.reason}`);
      else resolvedClaims.push({ ...claim, articleId: article.id, anchor: found.anchor });
    }
    const hints = data.mentions.map((hint) => {
      if (!entities.has(hint.entity)) problems.push(`${file}: mention "${hint.text}": unknown entity "${hint.entity}"`);
      return hint;
    });
    mentions.push(...findMentions(article.id, body, [...entities.values()].map((e) => e.item), hints));
  }

  checkReferences({ entities, topics, events, claims, problems });
  const relations = checkRelations(parsed, claims, problems);
  if (problems.length > 0) throw new AnnotationError(problems);
  const values = <T>(map: Map<string, Located<T>>) => [...map.values()].map((v) => v.item);
  return {
    articles, entities: values(entities), topics: values(topics), events: values(events),
    claims: resolvedClaims, relations, mentions,
  };
}

function parseFile(file: SourceFile, problems: string[]): { file: string; data: AnnotationFile }[] {
  const result = annotationFileSchema.safeParse(file.data ?? {});
  if (result.success) return [{ file: file.name, data: result.data }];
  problems.push(...result.error.issues.map((issue) => `${file.name}: ${describeIssue(file.data, issue)}`));
  return [];
}

/** "claims[3] (id "nis-1500"): stance: Invalid option..." so a researcher can find the item. */
function describeIssue(data: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path;
  let where = '';
  let node: unknown = data;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
    where += typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`;
    const id = node !== null && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    if (typeof id === 'string' && i < path.length - 1) where += ` (id "${id}")`;
  }
  return `${where || '(file)'}: ${issue.message}`;
}

type Section = 'entities' | 'topics' | 'events' | 'claims';
function collect<S extends Section>(
  parsed: { file: string; data: AnnotationFile }[], section: S, problems: string[],
): Map<string, Located<AnnotationFile[S][number]>> {
  const byId = new Map<string, Located<AnnotationFile[S][number]>>();
  for (const { file, data } of parsed) {
    for (const item of data[section]) {
      const previous = byId.get(item.id);
      if (previous) problems.push(`${file}: ${section} id "${item.id}" is already defined in ${previous.file}`);
      else byId.set(item.id, { file, item });
    }
  }
  return byId;
}

interface ReferenceCheck {
  entities: Map<string, Located<EntityInput>>;
  topics: Map<string, Located<TopicInput>>;
  events: Map<string, Located<EventInput>>;
  claims: Map<string, Located<ClaimInput>>;
  problems: string[];
}

function checkReferences({ entities, topics, events, claims, problems }: ReferenceCheck): void {
  const need = (file: string, what: string, field: string, id: string | null, known: Map<string, unknown>) => {
    if (id !== null && !known.has(id)) problems.push(`${file}: ${what}: ${field}: unknown id "${id}"`);
  };
  for (const { file, item: event } of events.values()) {
    const what = `event "${event.id}"`;
    event.locations.forEach((id) => need(file, what, 'locations', id, entities));
    event.participants.forEach((p) => need(file, what, 'participants', p.entity, entities));
  }
  for (const { file, item: claim } of claims.values()) {
    const what = `claim "${claim.id}"`;
    need(file, what, 'claimant', claim.claimant, entities);
    claim.via.forEach((id) => need(file, what, 'via', id, entities));
    claim.subjects.forEach((s) => need(file, what, 'subjects', s.entity, entities));
    claim.events.forEach((id) => need(file, what, 'events', id, events));
    need(file, what, 'topic', claim.topic, topics);
  }
}

function checkRelations(
  parsed: { file: string; data: AnnotationFile }[], claims: Map<string, Located<ClaimInput>>, problems: string[],
): RelationInput[] {
  const seen = new Set<string>();
  const relations: RelationInput[] = [];
  for (const { file, data } of parsed) {
    for (const relation of data.relations) {
      const what = `relation ${relation.from} ${relation.type} ${relation.to}`;
      for (const end of [relation.from, relation.to]) {
        if (!claims.has(end)) problems.push(`${file}: ${what}: unknown claim "${end}"`);
      }
      const key = `${relation.from} ${relation.type} ${relation.to}`;
      if (seen.has(key)) problems.push(`${file}: ${what}: is given twice`);
      seen.add(key);
      relations.push(relation);
    }
  }
  return relations;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
