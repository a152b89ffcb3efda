import type { Db } from '../db/client.js';
import { idPager } from '../db/keyset.js';
import type { Topic } from './schema.js';

const COLUMNS = 'id, question, unit, description, version';

export type TopicRepository = ReturnType<typeof createTopicRepository>;

export function createTopicRepository(db: Db) {
  const byId = db.prepare(`SELECT ${COLUMNS} FROM topics WHERE id = ?`);
  return {
    list: idPager<Topic, Topic>(db, COLUMNS, 'topics', (rows) => rows),
    get: (id: string) => byId.get(id) as Topic | undefined,
  };
}
