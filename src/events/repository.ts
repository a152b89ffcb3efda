// Events are listed in order of their first day (events_start_day_id index), then id.
// An interval filter asks for overlap: the event's [start_day, end_day] touches [from, to] (see eventDays).
import type { Db } from '../db/client.js';
import { groupBy, idList } from '../db/group.js';
import { Conditions } from '../db/conditions.js';
import { countedOver, withExtras } from '../db/facets.js';
import { runKeyset } from '../db/keyset.js';
import { DEFAULT_LIMIT } from '../http/common.js';
import { dayRange } from '../http/params.js';
import type { Event, EventListQuery } from './schema.js';

interface EventRow { id: string; kind: string; title: string; start: string; end: string | null; start_day: string; description: string | null; version: number }

const COLUMNS = 'v.id, v.kind, v.title, v.start, v."end", v.start_day, v.description, v.version';
const FACETS = { kind: ['v.kind', 'NULL'] } as const;
const IN_PAGE = 'IN (SELECT value FROM json_each(?))';

export type EventRepository = ReturnType<typeof createEventRepository>;

export function createEventRepository(db: Db) {
  const byId = db.prepare(`SELECT ${COLUMNS} FROM events v WHERE v.id = ?`);
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
      version: r.version,
    }));
  }

  return {
    list(query: EventListQuery) {
      // One entity walks its own events in day order (entity_events), as claims walk entity_claims.
      const byEntity = query.entity?.length === 1;
      const where = new Conditions().in('v.kind', query.kind)
        .eventDays(byEntity ? 'y.start_day' : 'v.start_day', 'v.end_day', dayRange(query.from, query.to));
      if (byEntity) where.add('y.entity_id = ?', query.entity![0]);
      else where.in('v.id IN (SELECT event_id FROM entity_events WHERE entity_id IN ())', query.entity);
      const set = { from: byEntity ? 'entity_events y JOIN events v ON v.id = y.event_id' : 'events v', where: where.where, params: where.params };
      const sort = query.sort ?? 'start';
      const page = runKeyset<EventRow, Event>(db, {
        ...set, select: COLUMNS, sort, columns: byEntity ? ['y.start_day', 'y.event_id'] : ['v.start_day', 'v.id'],
        descending: sort === '-start', map: hydrate,
      }, { limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor });
      return withExtras(page, query, countedOver(db, set, FACETS));
    },
    get(id: string): Event | undefined {
      const row = byId.get(id) as EventRow | undefined;
      return row && hydrate([row])[0];
    },
  };
}
