// Events are listed in order of their first day (events_start_day_id index), then id.
import type { Db } from '../db/client.js';
import { groupBy, idList } from '../db/group.js';
import { keysetPager } from '../db/keyset.js';
import type { Event } from './schema.js';

interface EventRow { id: string; kind: string; title: string; start: string; end: string | null; start_day: string; description: string | null }

const SELECT = 'SELECT id, kind, title, start, "end", start_day, description FROM events';
const IN_PAGE = 'IN (SELECT value FROM json_each(?))';

export type EventRepository = ReturnType<typeof createEventRepository>;

export function createEventRepository(db: Db) {
  const byId = db.prepare(`${SELECT} WHERE id = ?`);
  const locations = db.prepare(`SELECT l.event_id, e.id, e.name FROM event_locations l
    JOIN entities e ON e.id = l.entity_id WHERE l.event_id ${IN_PAGE} ORDER BY l.event_id, l.position`);
  const participants = db.prepare(`SELECT p.event_id, e.id, e.name, p.role FROM event_participants p
    JOIN entities e ON e.id = p.entity_id WHERE p.event_id ${IN_PAGE} ORDER BY p.event_id, p.position`);
  const claims = db.prepare(`SELECT event_id, claim_id FROM claim_events WHERE event_id ${IN_PAGE}
    ORDER BY event_id, claim_id`);

  function hydrate(rows: EventRow[]): Event[] {
    const ids = idList(rows.map((r) => r.id));
    type Child = { event_id: string } & Record<string, string>;
    const locationsOf = groupBy(locations.all(ids) as Child[], 'event_id');
    const participantsOf = groupBy(participants.all(ids) as Child[], 'event_id');
    const claimsOf = groupBy(claims.all(ids) as Child[], 'event_id');
    return rows.map((r) => ({
      id: r.id, kind: r.kind as Event['kind'], title: r.title, start: r.start, end: r.end, description: r.description,
      locations: (locationsOf.get(r.id) ?? []).map(({ id, name }) => ({ id, name, role: 'location' as const })),
      participants: (participantsOf.get(r.id) ?? []).map(({ id, name, role }) =>
        ({ id, name, role: role as Event['participants'][number]['role'] })),
      claim_ids: (claimsOf.get(r.id) ?? []).map((c) => c.claim_id),
    }));
  }

  return {
    list: keysetPager<EventRow, Event>(db, {
      select: SELECT, sort: 'start', columns: ['start_day', 'id'], keyOf: (r) => [r.start_day, r.id], map: hydrate,
    }),
    get(id: string): Event | undefined {
      const row = byId.get(id) as EventRow | undefined;
      return row && hydrate([row])[0];
    },
  };
}
