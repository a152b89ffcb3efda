// Entities as an editable resource (src/editing/service.ts runs these inside its transaction).
// Mentions are found from names and aliases, so any change to those re-finds the mentions of
// every article that names the old or the new forms; the per-entity counts follow.
import { articlesNaming, recomputeMentions } from '../annotations/derived.js';
import { refreshEntityStats } from '../annotations/entity-stats.js';
import type { Db } from '../db/client.js';
import type { EditableStore } from '../editing/service.js';
import type { Entity, EntityCreate, EntityPatch } from './schema.js';

type Fields = Pick<Entity, 'kind' | 'name' | 'aliases' | 'description' | 'wikidata_id'>;

/** Articles where the entity is mentioned now: a rename must clear these even if the new forms are absent. */
export const articlesMentioning = (db: Db, id: string) =>
  (db.prepare('SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?').all(id) as { article_id: string }[])
    .map((r) => r.article_id);

/** Re-finds mentions wherever any of these forms (or the entity itself) appears, then its counts. */
export function remention(db: Db, id: string, forms: string[]): void {
  recomputeMentions(db, [...articlesMentioning(db, id), ...articlesNaming(db, forms)]);
  refreshEntityStats(db, [id]);
}

const uniqueAliases = (e: Fields) => [...new Set(e.aliases)].filter((alias) => alias !== e.name);

/** Why an entity cannot be deleted: the claims, events and mention hints that still name it. */
export function entityBlockers(db: Db, id: string): string | undefined {
  const { claims, events, hints } = db.prepare(`SELECT
      (SELECT count(*) FROM (SELECT id FROM claims WHERE claimant_id = :id UNION SELECT claim_id FROM claim_via WHERE entity_id = :id
        UNION SELECT claim_id FROM claim_entities WHERE entity_id = :id)) AS claims,
      (SELECT count(*) FROM (SELECT event_id FROM event_participants WHERE entity_id = :id
        UNION SELECT event_id FROM event_locations WHERE entity_id = :id)) AS events,
      (SELECT count(*) FROM mention_hints WHERE entity_id = :id) AS hints`).get({ id }) as Record<string, number>;
  const uses = [
    claims > 0 && `${claims} claim(s) name it as claimant, via or subject`,
    events > 0 && `${events} event(s) name it as participant or location`,
    hints > 0 && `${hints} mention hint(s) point at it`,
  ].filter((use): use is string => typeof use === 'string');
  if (uses.length === 0) return undefined;
  return `${uses.join('; ')}. Change those first, or merge it into another entity (POST /v1/entities/${id}/merge)`;
}

export function entityStore(db: Db, get: (id: string) => Entity | undefined): EditableStore<Entity, EntityCreate, EntityPatch> {
  const insertRow = db.prepare('INSERT INTO entities (id, kind, name, aliases, description, wikidata_id) VALUES (?, ?, ?, ?, ?, ?)');
  const insert = (id: string, e: Fields) => {
    insertRow.run(id, e.kind, e.name, JSON.stringify(uniqueAliases(e)), e.description, e.wikidata_id);
    remention(db, id, [e.name, ...e.aliases]);
  };
  return {
    resource: 'entities', noun: 'entity', get, insert,
    update(id, patch, current) {
      const next = { ...current, ...patch };
      db.prepare('UPDATE entities SET kind = ?, name = ?, aliases = ?, description = ?, wikidata_id = ? WHERE id = ?')
        .run(next.kind, next.name, JSON.stringify(uniqueAliases(next)), next.description, next.wikidata_id, id);
      if (patch.name !== undefined || patch.aliases !== undefined) {
        remention(db, id, [current.name, ...current.aliases, next.name, ...next.aliases]);
      }
    },
    blockers: (id) => entityBlockers(db, id),
    // Mentions and counts are derived: the entity's own fields are all a restore needs.
    snapshot: (entity) => entity,
    remove(id) {
      const articles = articlesMentioning(db, id);
      db.prepare('DELETE FROM mentions WHERE entity_id = ?').run(id);
      db.prepare('DELETE FROM entities WHERE id = ?').run(id);
      // Text it covered may now be another entity's mention ("North Korea" inside "North Korean troops").
      recomputeMentions(db, articles);
    },
    restore: (entity) => insert(entity.id, entity),
    setVersion: (id, version) => db.prepare('UPDATE entities SET version = ? WHERE id = ?').run(version, id),
  };
}
