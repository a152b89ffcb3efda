import type { Db } from '../db/client.js';
import { countedOver, withExtras } from '../db/facets.js';
import { matchingSet } from '../db/full-text.js';
import { runKeyset } from '../db/keyset.js';
import { DEFAULT_LIMIT } from '../http/common.js';
import type { Entity, EntityListQuery } from './schema.js';

interface EntityRow {
  id: string; kind: string; name: string; aliases: string; description: string; wikidata_id: string | null;
  claims_made: number; claims_about: number; claim_count: number; article_count: number;
  first_seen: string | null; last_seen: string | null; version: number;
}

const COLUMNS = `e.id, e.kind, e.name, e.aliases, e.description, e.wikidata_id, e.claims_made, e.claims_about,
  e.claim_count, e.article_count, e.first_seen, e.last_seen, e.version`;

export const ENTITY_SORTS = { name: ['e.name', 'e.id'], id: ['e.id'], '-claims': ['e.claim_count', 'e.id'] } as const;
const FACETS = { kind: ['e.kind', 'NULL'] } as const;

const toEntity = ({ aliases, article_count, ...r }: EntityRow): Entity => ({
  ...r, kind: r.kind as Entity['kind'], aliases: JSON.parse(aliases) as string[], articles_mentioned_in: article_count,
});

export type EntityRepository = ReturnType<typeof createEntityRepository>;

export function createEntityRepository(db: Db) {
  const byId = db.prepare(`SELECT ${COLUMNS} FROM entities e WHERE e.id = ?`);
  return {
    list(query: EntityListQuery) {
      const set = matchingSet(db, 'entities_fts', 'entities', 'e', query.q, (where) => where.in('e.kind', query.kind));
      const sort = query.sort ?? 'name';
      const page = runKeyset<EntityRow, Entity>(db, {
        ...set, select: COLUMNS, sort, columns: [...ENTITY_SORTS[sort]], descending: sort === '-claims',
        map: (rows) => rows.map(toEntity),
      }, { limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor });
      return withExtras(page, query, countedOver(db, set, FACETS));
    },
    get(id: string): Entity | undefined {
      const row = byId.get(id) as EntityRow | undefined;
      return row && toEntity(row);
    },
  };
}
