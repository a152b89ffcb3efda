// Topics as an editable resource (src/editing/service.ts runs these inside its transaction).
import type { Db } from '../db/client.js';
import type { EditableStore } from '../editing/service.js';
import type { Topic, TopicCreate, TopicPatch } from './schema.js';

export function topicStore(db: Db, get: (id: string) => Topic | undefined): EditableStore<Topic, TopicCreate, TopicPatch> {
  const insert = db.prepare('INSERT INTO topics (id, question, unit, description) VALUES (?, ?, ?, ?)');
  return {
    resource: 'topics', noun: 'topic', get,
    insert: (id, t) => insert.run(id, t.question, t.unit ?? null, t.description ?? null),
    update(id, patch, current) {
      const next = { ...current, ...patch };
      db.prepare('UPDATE topics SET question = ?, unit = ?, description = ? WHERE id = ?')
        .run(next.question, next.unit, next.description, id);
    },
    blockers(id) {
      const { n } = db.prepare('SELECT count(*) AS n FROM claims WHERE topic_id = ?').get(id) as { n: number };
      return n > 0 ? `${n} claim(s) answer it; move them to another topic first` : undefined;
    },
    snapshot: (topic) => topic,
    remove: (id) => db.prepare('DELETE FROM topics WHERE id = ?').run(id),
    restore: (t) => insert.run(t.id, t.question, t.unit, t.description),
    setVersion: (id, version) => db.prepare('UPDATE topics SET version = ? WHERE id = ?').run(version, id),
  };
}
