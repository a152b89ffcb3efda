// Events as an editable resource (src/editing/service.ts runs these inside its transaction).
// Locations and participants are child rows: replaced whole when a PATCH sends them, and kept in
// the delete's snapshot so a restore brings them back.
import { firstDay, lastDay } from '../annotations/dates.js';
import type { Db } from '../db/client.js';
import { tombstoneOf } from '../editing/revisions.js';
import type { EditableStore } from '../editing/service.js';
import { AppError, type FieldError } from '../http/problem.js';
import { endsBeforeStart, type Event, type EventCreate, type EventPatch } from './schema.js';

type Participant = EventCreate['participants'][number];

/** What is wrong with an entity reference, or undefined when it names a live entity. */
function badEntity(db: Db, id: string): string | undefined {
  if (db.prepare('SELECT 1 FROM entities WHERE id = ?').get(id)) return undefined;
  const tombstone = tombstoneOf(db, 'entities', id);
  if (tombstone?.action === 'merge') return `the entity "${id}" was merged into "${(tombstone.after as { merged_into: string }).merged_into}": use that id`;
  return tombstone ? `the entity "${id}" was deleted` : `no entity has the id "${id}"`;
}

/** 422 naming each bad location or participant; a repeated one is refused too (it would say nothing new). */
function checkReferences(db: Db, locations: string[] | undefined, participants: Participant[] | undefined): void {
  const errors: FieldError[] = [];
  locations?.forEach((id, i) => {
    const problem = locations.indexOf(id) < i ? 'is listed twice' : badEntity(db, id);
    if (problem) errors.push({ in: 'body', name: `locations.${i}`, message: problem });
  });
  participants?.forEach((p, i) => {
    const twice = participants.findIndex((q) => q.entity === p.entity && q.role === p.role) < i;
    const problem = twice ? `is listed twice with the role "${p.role}"` : badEntity(db, p.entity);
    if (problem) errors.push({ in: 'body', name: `participants.${i}.entity`, message: problem });
  });
  if (errors.length > 0) {
    throw new AppError('unprocessable', `The event names entities it cannot refer to: ${errors.map((e) => `${e.name} ${e.message}`).join('; ')}.`, errors);
  }
}

function putLocations(db: Db, eventId: string, locations: string[]): void {
  db.prepare('DELETE FROM event_locations WHERE event_id = ?').run(eventId);
  const insert = db.prepare('INSERT INTO event_locations (event_id, entity_id, position) VALUES (?, ?, ?)');
  locations.forEach((entityId, position) => insert.run(eventId, entityId, position));
}

function putParticipants(db: Db, eventId: string, participants: Participant[]): void {
  db.prepare('DELETE FROM event_participants WHERE event_id = ?').run(eventId);
  const insert = db.prepare('INSERT INTO event_participants (event_id, entity_id, role, position) VALUES (?, ?, ?, ?)');
  participants.forEach((p, position) => insert.run(eventId, p.entity, p.role, position));
}

export function eventStore(db: Db, get: (id: string) => Event | undefined): EditableStore<Event, EventCreate, EventPatch> {
  const insertRow = db.prepare(`INSERT INTO events (id, kind, title, start, "end", start_day, end_day, description)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insert = (id: string, e: Omit<EventCreate, 'id'>) => {
    checkReferences(db, e.locations, e.participants);
    insertRow.run(id, e.kind, e.title, e.start, e.end, firstDay(e.start), lastDay(e.end ?? e.start), e.description);
    putLocations(db, id, e.locations);
    putParticipants(db, id, e.participants);
  };
  return {
    resource: 'events', noun: 'event', get, insert,
    update(id, patch, current) {
      const next = { ...current, ...patch };
      if (endsBeforeStart(next.start, next.end)) {
        const field = patch.end !== undefined ? 'end' : 'start';
        throw new AppError('unprocessable', `The event would end (${next.end}) before it starts (${next.start}).`,
          [{ in: 'body', name: field, message: field === 'end' ? 'is before start' : 'is after end' }]);
      }
      checkReferences(db, patch.locations, patch.participants);
      db.prepare('UPDATE events SET kind = ?, title = ?, start = ?, "end" = ?, start_day = ?, end_day = ?, description = ? WHERE id = ?')
        .run(next.kind, next.title, next.start, next.end, firstDay(next.start), lastDay(next.end ?? next.start), next.description, id);
      if (patch.locations) putLocations(db, id, patch.locations);
      if (patch.participants) putParticipants(db, id, patch.participants);
    },
    blockers(id) {
      const { n } = db.prepare('SELECT count(*) AS n FROM claim_events WHERE event_id = ?').get(id) as { n: number };
      return n > 0 ? `${n} claim(s) report it; remove it from their events first` : undefined;
    },
    snapshot: (event) => event,
    remove: (id) => db.prepare('DELETE FROM events WHERE id = ?').run(id),
    restore(e) {
      try {
        insert(e.id, { ...e, locations: e.locations.map((l) => l.id), participants: e.participants.map((p) => ({ entity: p.id, role: p.role })) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        throw new AppError('conflict', `The event "${e.id}" cannot be restored: ${error.fieldErrors?.map((f) => f.message).join('; ')}. Restore or recreate that entity first.`);
      }
    },
    setVersion: (id, version) => db.prepare('UPDATE events SET version = ? WHERE id = ?').run(version, id),
  };
}
