// What a claim write refers to must exist, and say so field by field: a 422 names each bad path
// ("subjects.1.entity") so an editor can fix the one value, not guess which of twenty it was.
import type { Db } from '../db/client.js';
import { cached } from '../db/keyset.js';
import type { FieldError } from '../http/problem.js';
import type { ClaimCreate } from './schema.js';

/** A claim as written: the annotation format with its article (and, optionally, where its quote is). */
export type ClaimFields = Omit<ClaimCreate, 'id'>;

const TABLES = { article: 'articles', entity: 'entities', event: 'events', topic: 'topics', claim: 'claims' } as const;

export const exists = (db: Db, what: keyof typeof TABLES, id: string) =>
  cached(db, `SELECT 1 FROM ${TABLES[what]} WHERE id = ?`).get(id) !== undefined;

/** A field's path, written as the 400s from schema validation write it (src/http/errors.ts). */
const at = (...parts: (string | number)[]) => parts.join('.');

export function referenceErrors(db: Db, f: ClaimFields): FieldError[] {
  const errors: FieldError[] = [];
  const need = (name: string, what: keyof typeof TABLES, id: string | null) => {
    if (id !== null && !exists(db, what, id)) errors.push({ in: 'body', name, message: `there is no ${what} "${id}"` });
  };
  need('article_id', 'article', f.article_id);
  need('claimant', 'entity', f.claimant);
  f.via.forEach((id, i) => need(at('via', i), 'entity', id));
  f.subjects.forEach((s, i) => need(at('subjects', i, 'entity'), 'entity', s.entity));
  f.events.forEach((id, i) => need(at('events', i), 'event', id));
  need('topic', 'topic', f.topic);
  // The child tables key on these, so a repeat would be a constraint failure, not a second row.
  repeats(f.subjects.map((s) => `${s.entity} ${s.role}`)).forEach((i) =>
    errors.push({ in: 'body', name: at('subjects', i), message: 'repeats an earlier subject with the same entity and role' }));
  repeats(f.events).forEach((i) => errors.push({ in: 'body', name: at('events', i), message: 'repeats an earlier event' }));
  return errors;
}

/** Indexes of values that already occurred earlier in the list. */
function repeats(values: string[]): number[] {
  return values.flatMap((value, i) => (values.indexOf(value) < i ? [i] : []));
}
