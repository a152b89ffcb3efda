import type { Db } from '../db/client.js';
import { idPager } from '../db/keyset.js';
import type { Entity } from './schema.js';

interface EntityRow { id: string; kind: string; name: string; aliases: string; description: string; wikidata_id: string | null }

const SELECT = 'SELECT id, kind, name, aliases, description, wikidata_id FROM entities';

const toEntity = (r: EntityRow): Entity => ({
  id: r.id, kind: r.kind as Entity['kind'], name: r.name, aliases: JSON.parse(r.aliases) as string[],
  description: r.description, wikidata_id: r.wikidata_id,
});

export type EntityRepository = ReturnType<typeof createEntityRepository>;

export function createEntityRepository(db: Db) {
  const byId = db.prepare(`${SELECT} WHERE id = ?`);
  return {
    list: idPager<EntityRow, Entity>(db, SELECT, (rows) => rows.map(toEntity)),
    get(id: string): Entity | undefined {
      const row = byId.get(id) as EntityRow | undefined;
      return row && toEntity(row);
    },
  };
}
