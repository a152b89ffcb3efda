import { describe, expect, it } from 'vitest';
import { dumpTables, seededDb } from '../../test/helpers.js';
import { topicStore } from '../topics/edits.js';
import { createTopicRepository } from '../topics/repository.js';
import { editingService } from './service.js';
import { historyOf } from './revisions.js';

function servicesFor(failAfterWriting: boolean) {
  const db = seededDb();
  const store = topicStore(db, createTopicRepository(db).get);
  // A store that does part of its work, then fails: as a bug or a full disk would, half-way through.
  const failing = {
    ...store,
    update: (id: string, patch: object, current: Parameters<typeof store.update>[2]) => {
      store.update(id, patch, current);
      if (failAfterWriting) throw new Error('disk full');
    },
    remove: (id: string) => {
      db.prepare("UPDATE claims SET topic_id = NULL WHERE topic_id = 'nk-casualties'").run();
      store.remove(id);
      if (failAfterWriting) throw new Error('disk full');
    },
  };
  return { db, service: editingService(db, failing) };
}

describe('editingService', () => {
  it('a change that fails half-way leaves every row as it was, and writes no revision', () => {
    const { db, service } = servicesFor(true);
    db.prepare("INSERT INTO topics (id, question) VALUES ('spare', 'Unused?')").run();
    const before = dumpTables(db);
    expect(() => service.update('desk', 'nk-casualties', '*', { question: 'Half-way?' })).toThrow('disk full');
    expect(dumpTables(db)).toEqual(before);
    expect(() => service.remove('desk', 'spare', '*')).toThrow('disk full');
    expect(dumpTables(db)).toEqual(before);
    expect(historyOf(db, 'topics', 'nk-casualties')).toEqual([]);
  });

  it('the same change without the failure goes through, with its revision', () => {
    const { db, service } = servicesFor(false);
    const updated = service.update('desk', 'nk-casualties', [1], { question: 'Whole?' });
    expect(updated).toMatchObject({ question: 'Whole?', version: 2 });
    expect(historyOf(db, 'topics', 'nk-casualties')).toMatchObject([{ action: 'update', actor: 'desk', version: 2 }]);
  });

  it('refuses a stale version with 412 and the current version, and changes nothing', () => {
    const { db, service } = servicesFor(false);
    service.update('desk', 'nk-casualties', [1], { question: 'First?' });
    const before = dumpTables(db);
    expect(() => service.update('desk', 'nk-casualties', [1], { question: 'Second?' }))
      .toThrow(expect.objectContaining({ code: 'precondition_failed', extras: expect.objectContaining({ current_version: 2 }) }));
    expect(dumpTables(db)).toEqual(before);
  });
});

describe('PATCH bodies', () => {
  it('leave out what they do not send: a field with a create-time default is not reset', async () => {
    const { topicPatchSchema } = await import('../topics/schema.js');
    expect(topicPatchSchema.parse({ question: 'New?' })).toEqual({ question: 'New?' });
    expect(topicPatchSchema.safeParse({}).success).toBe(false);
    expect(topicPatchSchema.safeParse({ id: 'x', question: 'Q?' }).success).toBe(false);
  });
});

describe('write bodies', () => {
  it('refuses a lone surrogate anywhere in a body with a 400 naming where, and stores nothing', async () => {
    const { seededApp } = await import('../../test/helpers.js');
    const { createKey } = await import('../auth/keys.js');
    const { app, db } = await seededApp();
    const key = createKey(db, 'desk', 'editor');
    const before = dumpTables(db);
    // JSON.parse accepts "\ud800"; stored as UTF-8 it would become a replacement character.
    const res = await app.inject({
      method: 'POST', url: '/v1/topics', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: '{"question": "Fine?", "description": "broken \\ud800 text"}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ in: 'body', name: 'description', message: 'is not well-formed Unicode text' }]);
    expect(dumpTables(db)).toEqual(before);
    await app.close();
  });
});
