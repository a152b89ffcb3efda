// One entity's events reach the timeline from entity_events in day order (like its claims from
// entity_claims): pages must hold exactly the events its participant and location rows name, for an
// entity in most events and for one in a few.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { Db } from '../db/client.js';
import { everyItem, freshDb } from '../../test/helpers.js';

describe('timeline events of an entity', () => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = freshDb();
    db.exec(`INSERT INTO entities (id, kind, name, aliases, description) VALUES ('busy', 'person', 'Busy', '[]', ''), ('rare', 'person', 'Rare', '[]', '');
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
      INSERT INTO events (id, kind, title, start, start_day, end_day)
        SELECT printf('v%03d', i), 'strike', 'E', date('2024-01-01', '+' || (i * 7 % 365) || ' days'),
               date('2024-01-01', '+' || (i * 7 % 365) || ' days'), date('2024-01-01', '+' || (i * 7 % 365) || ' days') FROM n;
      INSERT INTO event_participants (event_id, entity_id, role, position) SELECT id, 'busy', 'agent', 0 FROM events WHERE rowid % 4 != 0;
      INSERT INTO event_locations (event_id, entity_id, position) SELECT id, 'busy', 0 FROM events WHERE rowid % 8 = 0;
      INSERT INTO event_participants (event_id, entity_id, role, position) SELECT id, 'rare', 'agent', 0 FROM events WHERE rowid % 100 = 0;`);
    app = await buildApp({ config: { logLevel: 'silent' }, db });
  });
  afterAll(() => app.close());

  const expected = (entity: string, from = '0000-01-01') => (db.prepare(`SELECT id FROM events WHERE end_day >= ? AND (id IN
      (SELECT event_id FROM event_participants WHERE entity_id = ?) OR id IN (SELECT event_id FROM event_locations WHERE entity_id = ?))
      ORDER BY start_day, id`).all(from, entity, entity) as { id: string }[]).map((r) => r.id);

  it.each([['busy', ''], ['rare', ''], ['busy', '&from=2024-06-10'], ['rare', '&from=2024-06']])('%s%s: every event once, in day order, page by page', async (entity, filter) => {
    const ids = (await everyItem(app, `/v1/timeline?entity=${entity}${filter}&limit=11`)).map((item) => item.id);
    const from = filter ? filter.split('=')[1] : undefined;
    expect(ids).toEqual(expected(entity, from && (from.length === 7 ? `${from}-01` : from)));
    expect(ids.length).toBeGreaterThan(entity === 'busy' ? 100 : 0);
  });
});
