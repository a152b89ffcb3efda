// Claims as an editable resource (src/editing/service.ts runs these inside its transaction). A write
// takes the annotation format and stores it as the seed loader does (src/annotations/store.ts), then
// rebuilds the claim's entity_claims rows and the counts of every entity that gained or lost it.
import { firstDay, lastDay } from '../annotations/dates.js';
import { reindexClaims } from '../annotations/derived.js';
import { refreshEntityStats } from '../annotations/entity-stats.js';
import { anchorAt, anchorQuote, sliceCodePoints, type Anchor } from '../annotations/text-position.js';
import type { Db } from '../db/client.js';
import { cached } from '../db/keyset.js';
import type { EditableStore } from '../editing/service.js';
import { AppError } from '../http/problem.js';
import { referenceErrors, type ClaimFields } from './references.js';
import type { ClaimCreate, ClaimDetail, ClaimPatch } from './schema.js';

/** What a delete keeps: the claim, with its relations' notes and versions, so a restore loses nothing. */
export type ClaimSnapshot = Omit<ClaimDetail, 'relations'> & {
  relations: (ClaimDetail['relations'][number] & { note: string | null; version: number })[];
};

// Changing any of these places the quote again (in the article the claim is now in).
const ANCHOR_FIELDS = ['quote', 'prefix', 'suffix', 'quote_start', 'quote_end', 'article_id'] as const;

const CLAIM_COLUMNS = `article_id, text, quote_exact, quote_prefix, quote_suffix, quote_start, quote_end, claimant_id,
  stance, certainty, claimed_on, claimed_from, claimed_to, topic_id`;

export function claimStore(db: Db, get: (id: string) => ClaimDetail | undefined):
EditableStore<ClaimDetail, ClaimCreate, ClaimPatch, ClaimSnapshot> {
  const row = (f: ClaimFields, a: Anchor) => [f.article_id, f.text, a.exact, a.prefix, a.suffix, a.start, a.end,
    f.claimant, f.stance, f.certainty, f.claimed_on, firstDay(f.claimed_on), lastDay(f.claimed_on), f.topic];
  const insertRow = (id: string, f: ClaimFields, anchor: Anchor) => {
    cached(db, `INSERT INTO claims (id, ${CLAIM_COLUMNS}) VALUES (?, ${Array(14).fill('?').join(', ')})`).run(id, ...row(f, anchor));
    writeChildren(db, id, f);
  };
  return {
    resource: 'claims', noun: 'claim', get,
    insert(id, input) {
      unprocessableIfAny(referenceErrors(db, input));
      insertRow(id, input, anchorIn(bodyOf(db, input.article_id), input));
      reindexClaims(db, [id]);
    },
    update(id, patch, current) {
      const f: ClaimFields = { ...fieldsOf(current), ...patch };
      unprocessableIfAny(referenceErrors(db, f));
      const anchor = ANCHOR_FIELDS.some((k) => patch[k] !== undefined) ? anchorIn(bodyOf(db, f.article_id), f) : current.quote;
      cached(db, `UPDATE claims SET (${CLAIM_COLUMNS}) = (${Array(14).fill('?').join(', ')}) WHERE id = ?`).run(...row(f, anchor), id);
      writeChildren(db, id, f);
      reindexClaims(db, [id]);
    },
    snapshot: (claim) => ({ ...claim, relations: relationsWithNotes(db, claim.id) }),
    remove(id) {
      // entity_claims rows go with the claim (cascade), so the entities to recount are read first.
      const entities = (cached(db, 'SELECT entity_id FROM entity_claims WHERE claim_id = ?').all(id) as { entity_id: string }[])
        .map((r) => r.entity_id);
      cached(db, 'DELETE FROM claims WHERE id = ?').run(id);
      refreshEntityStats(db, entities);
    },
    restore(snapshot) {
      const f = fieldsOf(snapshot);
      const gone = referenceErrors(db, f);
      if (gone.length > 0) {
        throw new AppError('conflict', `The claim "${snapshot.id}" cannot be restored while what it refers to is missing: ${
          gone.map((e) => `${e.name}: ${e.message}`).join('; ')}. Restore or recreate those first.`);
      }
      const anchor = anchorAgain(bodyOf(db, f.article_id), snapshot.quote);
      if (!anchor) {
        throw new AppError('conflict', `The claim "${snapshot.id}" cannot be restored: its quote is no longer in the body of article "${f.article_id}".`);
      }
      insertRow(snapshot.id, f, anchor);
      restoreRelations(db, snapshot);
      reindexClaims(db, [snapshot.id]);
    },
    setVersion: (id, version) => cached(db, 'UPDATE claims SET version = ? WHERE id = ?').run(version, id),
  };
}

/** A stored claim in the write format, so a PATCH can be laid over it. */
function fieldsOf(c: Omit<ClaimDetail, 'relations'>): ClaimFields {
  return {
    article_id: c.article_id, quote: c.quote.exact, claimant: c.claimant?.id ?? null, via: c.via.map((v) => v.id),
    text: c.text, stance: c.stance, certainty: c.certainty, claimed_on: c.claimed_on, quantities: c.quantities,
    subjects: c.entities.map((e) => ({ entity: e.id, role: e.role })), events: c.event_ids, topic: c.topic_id,
  };
}

function unprocessableIfAny(errors: ReturnType<typeof referenceErrors>): void {
  if (errors.length === 0) return;
  throw new AppError('unprocessable', `The claim cannot be stored: ${errors.map((e) => `${e.name}: ${e.message}`).join('; ')}.`, errors);
}

const bodyOf = (db: Db, articleId: string) =>
  (cached(db, 'SELECT body FROM articles WHERE id = ?').get(articleId) as { body: string }).body;

const unplaceable = (name: string, reason: string) =>
  new AppError('unprocessable', `The quote cannot be placed in the article: ${reason}.`, [{ in: 'body', name, message: reason }]);

/** Where the quote is: searched for (narrowed by prefix/suffix), or checked at the offsets given. */
function anchorIn(body: string, f: ClaimFields): Anchor {
  if (f.quote_start === undefined || f.quote_end === undefined) {
    const found = anchorQuote(body, f.quote, { prefix: f.prefix, suffix: f.suffix });
    if (!found.ok) throw unplaceable('quote', found.reason);
    return found.anchor;
  }
  const points = Array.from(body);
  if (f.quote_end > points.length) throw unplaceable('quote_end', `the body is only ${points.length} code points long`);
  const there = points.slice(f.quote_start, f.quote_end).join('');
  if (there !== f.quote) {
    throw unplaceable('quote_start', `the body from ${f.quote_start} to ${f.quote_end} reads "${shorten(there)}", not the quote`);
  }
  const at = points.slice(0, f.quote_start).join('').length;
  if (f.prefix !== undefined && !body.slice(0, at).endsWith(f.prefix)) {
    throw unplaceable('prefix', 'the text just before the quote at these offsets is not the prefix');
  }
  if (f.suffix !== undefined && !body.slice(at + f.quote.length).startsWith(f.suffix)) {
    throw unplaceable('suffix', 'the text just after the quote at these offsets is not the suffix');
  }
  return anchorAt(body, at, f.quote.length);
}

/** The deleted claim's quote in its article as it is now: where it was, else found by its context or alone. */
function anchorAgain(body: string, q: Anchor): Anchor | undefined {
  if (sliceCodePoints(body, q.start, q.end) === q.exact) return q;
  const near = anchorQuote(body, q.exact, { prefix: q.prefix, suffix: q.suffix });
  if (near.ok) return near.anchor;
  const alone = anchorQuote(body, q.exact);
  return alone.ok ? alone.anchor : undefined;
}

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** Replaces the claim's child rows (via, subjects, events, figures) with these. */
function writeChildren(db: Db, id: string, f: Pick<ClaimFields, 'via' | 'subjects' | 'events' | 'quantities'>): void {
  for (const table of ['claim_via', 'claim_entities', 'claim_events', 'claim_quantities']) {
    cached(db, `DELETE FROM ${table} WHERE claim_id = ?`).run(id);
  }
  f.via.forEach((entity, position) =>
    cached(db, 'INSERT INTO claim_via (claim_id, position, entity_id) VALUES (?, ?, ?)').run(id, position, entity));
  f.subjects.forEach((s, position) =>
    cached(db, 'INSERT INTO claim_entities (claim_id, entity_id, role, position) VALUES (?, ?, ?, ?)').run(id, s.entity, s.role, position));
  f.events.forEach((event) => cached(db, 'INSERT INTO claim_events (claim_id, event_id) VALUES (?, ?)').run(id, event));
  f.quantities.forEach((q, position) => cached(db, `INSERT INTO claim_quantities (claim_id, position, value, min, max, unit, approximate)
    VALUES (?, ?, ?, ?, ?, ?, ?)`).run(id, position, q.value, q.min, q.max, q.unit, q.approximate ? 1 : 0));
}

function relationsWithNotes(db: Db, id: string): ClaimSnapshot['relations'] {
  return cached(db, `
    SELECT type, to_claim_id AS claim_id, 'outgoing' AS direction, note, version FROM claim_relations WHERE from_claim_id = ?
    UNION ALL
    SELECT type, from_claim_id AS claim_id, 'incoming' AS direction, note, version FROM claim_relations WHERE to_claim_id = ?
    ORDER BY direction DESC, type, claim_id`).all(id, id) as ClaimSnapshot['relations'];
}

/** The deleted claim's relations whose other claim is still there, as they were (note and version kept). */
function restoreRelations(db: Db, s: ClaimSnapshot): void {
  const insert = cached(db, 'INSERT OR IGNORE INTO claim_relations (from_claim_id, type, to_claim_id, note, version) VALUES (?, ?, ?, ?, ?)');
  for (const r of s.relations) {
    if (!cached(db, 'SELECT 1 FROM claims WHERE id = ?').get(r.claim_id)) continue;
    const [from, to] = r.direction === 'outgoing' ? [s.id, r.claim_id] : [r.claim_id, s.id];
    insert.run(from, r.type, to, r.note, r.version);
  }
}
