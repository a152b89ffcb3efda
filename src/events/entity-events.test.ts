// entity_events is kept by triggers; it must equal a rebuild from the participant and location rows
// after every kind of write to them and to events.
import { describe, expect, it } from 'vitest';
import { int, mulberry32, pick, type Random } from '../../bench/random.js';
import type { Db } from '../db/client.js';
import { afterRebuild, seededDb } from '../../test/helpers.js';
import { column } from '../../test/random-writes.js';
import { rebuildEntityEvents } from './entity-events.js';

const stored = (db: Db) => db.prepare('SELECT * FROM entity_events ORDER BY entity_id, start_day, event_id').all();

function randomEventWrite(db: Db, random: Random): string {
  const events = column(db, 'SELECT id FROM events ORDER BY id') as string[];
  const entities = column(db, 'SELECT id FROM entities ORDER BY id LIMIT 15') as string[];
  const event = pick(random, events);
  const entity = pick(random, entities);
  switch (int(random, 8)) {
    case 0:
      db.prepare("INSERT OR IGNORE INTO event_participants (event_id, entity_id, role, position) VALUES (?, ?, ?, 9)")
        .run(event, entity, pick(random, ['agent', 'target', 'affected']));
      return `participant ${entity} of ${event}`;
    case 1:
      db.prepare('INSERT OR IGNORE INTO event_locations (event_id, entity_id, position) VALUES (?, ?, 9)').run(event, entity);
      return `location ${entity} of ${event}`;
    case 2:
      db.prepare('DELETE FROM event_participants WHERE rowid = (SELECT rowid FROM event_participants WHERE event_id = ? LIMIT 1)').run(event);
      return `a participant of ${event} removed`;
    case 3:
      db.prepare('DELETE FROM event_locations WHERE rowid = (SELECT rowid FROM event_locations WHERE event_id = ? LIMIT 1)').run(event);
      return `a location of ${event} removed`;
    case 4:
      db.prepare('UPDATE OR IGNORE event_participants SET entity_id = ? WHERE rowid = (SELECT rowid FROM event_participants WHERE event_id = ? LIMIT 1)').run(entity, event);
      return `a participant of ${event} became ${entity}`;
    case 7:
      db.prepare('UPDATE OR IGNORE event_locations SET entity_id = ? WHERE rowid = (SELECT rowid FROM event_locations WHERE event_id = ? LIMIT 1)').run(entity, event);
      return `a location of ${event} became ${entity}`;
    case 5:
      db.prepare("UPDATE events SET start_day = date(start_day, '-' || ? || ' days') WHERE id = ?").run(int(random, 40), event);
      return `${event} moved`;
    default:
      db.prepare('DELETE FROM claim_events WHERE event_id = ?').run(event);
      db.prepare('DELETE FROM events WHERE id = ?').run(event);
      return `${event} deleted`;
  }
}

describe('entity_events', () => {
  it('holds after loading exactly what a rebuild gives, and stays equal to it through 300 random writes', () => {
    const db = seededDb();
    expect(stored(db).length).toBeGreaterThan(20);
    expect(stored(db)).toEqual(afterRebuild(db, rebuildEntityEvents, stored));
    const random = mulberry32(11);
    for (let i = 0; i < 300; i++) {
      const what = randomEventWrite(db, random);
      expect(stored(db), `after write ${i}: ${what}`).toEqual(afterRebuild(db, rebuildEntityEvents, stored));
    }
  });
});
