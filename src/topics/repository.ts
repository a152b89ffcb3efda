import type { Db } from '../db/client.js';
import { idPager } from '../db/keyset.js';
import type { Topic } from './schema.js';

const SELECT = 'SELECT id, question, unit, description FROM topics';

export type TopicRepository = ReturnType<typeof createTopicRepository>;

export function createTopicRepository(db: Db) {
  const byId = db.prepare(`${SELECT} WHERE id = ?`);
  return {
    list: idPager<Topic, Topic>(db, SELECT, (rows) => rows),
    get: (id: string) => byId.get(id) as Topic | undefined,
  };
}
