// The checks an annotation document must pass, shared by the seed loader (the whole corpus, where
// the documents are all there is) and the editorial API (one document on top of the database).
// Every problem is collected, located, and worded for the researcher who has to fix it.
import type { z } from 'zod';
import { annotationFileSchema, type AnnotationFile, type ClaimInput, type RelationInput } from './schema.js';
import { anchorQuote, type Anchor } from './text-position.js';

export interface SourceFile {
  /** Where the file came from, as the researcher knows it: "seed/annotations/000.yaml". */
  name: string;
  data: unknown;
}

/** `at`: the item's path in its document ("claims.3.topic"); `message`: what is wrong, naming the item. */
export interface Problem { file: string; at: string; message: string }

export class AnnotationError extends Error {
  constructor(readonly problems: string[], readonly located: Problem[] = []) {
    super(`the annotations have ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'AnnotationError';
  }
}

export class Problems {
  readonly list: Problem[] = [];
  add(file: string, at: string, message: string): void {
    this.list.push({ file, at, message });
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new AnnotationError(this.list.map((p) => `${p.file}: ${p.message}`), this.list);
  }
}

export type Section = 'entities' | 'topics' | 'events' | 'claims';
/** Which ids a reference may point at, per section. */
export type Known = Record<Section, (id: string) => boolean>;
export type Located<T> = { file: string; index: number; item: T };
export type Defined = { [S in Section]: Map<string, Located<AnnotationFile[S][number]>> };
export type Parsed = { file: string; data: AnnotationFile };
export type ResolvedClaim = ClaimInput & { articleId: string; anchor: Anchor };

const SECTIONS: Section[] = ['entities', 'topics', 'events', 'claims'];

export function parseFile(file: SourceFile, problems: Problems): Parsed[] {
  const result = annotationFileSchema.safeParse(file.data ?? {});
  if (result.success) return [{ file: file.name, data: result.data }];
  for (const issue of result.error.issues) problems.add(file.name, issue.path.join('.'), describeIssue(file.data, issue));
  return [];
}

/** "claims[3] (id "nis-1500"): stance: Invalid option..." so a researcher can find the item. */
export function describeIssue(data: unknown, issue: z.core.$ZodIssue): string {
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

/** Every entity, topic, event and claim the documents define, each id once. */
export function defineAll(parsed: Parsed[], problems: Problems): Defined {
  return Object.fromEntries(SECTIONS.map((section) => {
    const byId = new Map<string, Located<unknown>>();
    for (const { file, data } of parsed) {
      data[section].forEach((item, index) => {
        const previous = byId.get(item.id);
        if (previous) problems.add(file, `${section}.${index}.id`, `${section} id "${item.id}" is already defined in ${previous.file}`);
        else byId.set(item.id, { file, index, item });
      });
    }
    return [section, byId];
  })) as Defined;
}

/** Ids the documents define, plus whatever else `also` knows (the database, for an edit). */
export function knownIn(defined: Defined, also?: Known): Known {
  return Object.fromEntries(SECTIONS.map((s) => [s, (id: string) => defined[s].has(id) || (also?.[s](id) ?? false)])) as Known;
}

export function anchorClaims(file: string, articleId: string, body: string, claims: ClaimInput[], problems: Problems): ResolvedClaim[] {
  return claims.flatMap((claim, index) => {
    const found = anchorQuote(body, claim.quote, claim);
    if (found.ok) return [{ ...claim, articleId, anchor: found.anchor }];
    problems.add(file, `claims.${index}.quote`, `claim "${claim.id}": quote "${shorten(claim.quote)}": ${found.reason}`);
    return [];
  });
}

export function checkHints(file: string, hints: AnnotationFile['mentions'], known: Known, problems: Problems): void {
  const texts = new Set<string>();
  hints.forEach((hint, index) => {
    if (!known.entities(hint.entity)) problems.add(file, `mentions.${index}.entity`, `mention "${hint.text}": unknown entity "${hint.entity}"`);
    if (texts.has(hint.text)) problems.add(file, `mentions.${index}.text`, `mention "${hint.text}": is given twice`);
    texts.add(hint.text);
  });
}

export function checkReferences(defined: Defined, known: Known, problems: Problems): void {
  for (const { file, index, item: event } of defined.events.values()) {
    const need = referenceCheck(file, `events.${index}`, `event "${event.id}"`, known, problems);
    event.locations.forEach((id, i) => need(`locations.${i}`, id, 'entities'));
    event.participants.forEach((p, i) => need(`participants.${i}.entity`, p.entity, 'entities'));
  }
  for (const { file, index, item: claim } of defined.claims.values()) {
    const need = referenceCheck(file, `claims.${index}`, `claim "${claim.id}"`, known, problems);
    need('claimant', claim.claimant, 'entities');
    claim.via.forEach((id, i) => need(`via.${i}`, id, 'entities'));
    claim.subjects.forEach((s, i) => need(`subjects.${i}.entity`, s.entity, 'entities'));
    claim.events.forEach((id, i) => need(`events.${i}`, id, 'events'));
    need('topic', claim.topic, 'topics');
  }
}

/** `need(field, id, section)`: a problem unless `id` is known; the message names the field as the format does ("via"). */
function referenceCheck(file: string, item: string, what: string, known: Known, problems: Problems) {
  return (field: string, id: string | null, section: Section) => {
    if (id !== null && !known[section](id)) problems.add(file, `${item}.${field}`, `${what}: ${field.split('.')[0]}: unknown id "${id}"`);
  };
}

export function checkRelations(parsed: Parsed[], known: Known, problems: Problems): RelationInput[] {
  const seen = new Set<string>();
  const relations: RelationInput[] = [];
  for (const { file, data } of parsed) {
    data.relations.forEach((relation, index) => {
      const what = `relation ${relation.from} ${relation.type} ${relation.to}`;
      for (const end of ['from', 'to'] as const) {
        if (!known.claims(relation[end])) problems.add(file, `relations.${index}.${end}`, `${what}: unknown claim "${relation[end]}"`);
      }
      const key = `${relation.from} ${relation.type} ${relation.to}`;
      if (seen.has(key)) problems.add(file, `relations.${index}`, `${what}: is given twice`);
      seen.add(key);
      relations.push(relation);
    });
  }
  return relations;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
