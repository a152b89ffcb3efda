// Events and claims on one time line: both halves are filtered on their own, merged, and cut into
// pages by keyset on (first day, type, id).
import type { Db } from '../db/client.js';
import { Conditions } from '../db/conditions.js';
import { armWalks, cachedReader, whereClause } from '../db/keyset.js';
import { decodeCursor, DEFAULT_LIMIT, toPage, type Page, type SortKey } from '../http/common.js';
import { dayRange } from '../http/params.js';
import type { TimelineItem, TimelineQuery } from './schema.js';

interface ItemRow {
  type: 'claim' | 'event'; day: string; id: string; date: string; title: string; kind: string | null;
  start: string | null; end: string | null; claimant_id: string | null; claimant_name: string | null;
  claimant_kind: string | null; stance: string | null; certainty: string | null; quote: string | null;
  article_id: string | null; topic_id: string | null;
}

type Claim = Extract<TimelineItem, { type: 'claim' }>;
type Event = Extract<TimelineItem, { type: 'event' }>;

function toItem(r: ItemRow): TimelineItem {
  if (r.type === 'event') {
    return { type: 'event', id: r.id, date: r.date, day: r.day, title: r.title, kind: r.kind as Event['kind'], start: r.start!, end: r.end };
  }
  return {
    type: 'claim', id: r.id, date: r.date, day: r.day, text: r.title,
    claimant: r.claimant_id === null ? null
      : { id: r.claimant_id, name: r.claimant_name!, kind: r.claimant_kind as NonNullable<Claim['claimant']>['kind'] },
    stance: r.stance as Claim['stance'], certainty: r.certainty as Claim['certainty'], quote: r.quote!,
    article_id: r.article_id!, topic_id: r.topic_id,
  };
}


/** Conditions on claims; one entity is handled by driving from entity_claims instead (see list). */
function claimHalf(q: TimelineQuery): Conditions {
  // The dates are the list's: they depend on the index walked (see list).
  const c = new Conditions().in('c.topic_id', q.topic);
  // entity_claims lists every claim an entity takes part in: as claimant, via or subject.
  if (q.entity && q.entity.length > 1) c.in('c.id IN (SELECT claim_id FROM entity_claims WHERE entity_id IN ())', q.entity);
  return c;
}

/**
 * Conditions on events, walked in day order on `dayColumn`; one entity is handled by driving from
 * entity_events instead (see list).
 */
function eventHalf(q: TimelineQuery, dayColumn: string): Conditions {
  const c = new Conditions()
    .in('ev.id IN (SELECT ce.event_id FROM claim_events ce JOIN claims t ON t.id = ce.claim_id WHERE t.topic_id IN ())', q.topic)
    .eventDays(dayColumn, 'ev.end_day', dayRange(q.from, q.to));
  if (q.entity && q.entity.length > 1) c.in('ev.id IN (SELECT event_id FROM entity_events WHERE entity_id IN ())', q.entity);
  return c;
}

const SORT = 'timeline';

/**
 * Keyset for one half. Items are ordered by (day, type, id) and "claim" sorts before "event", so after
 * a cursor (d, t, i): claims come from day d on if the cursor was a claim (then after id i), from
 * the day after if it was an event; events likewise from day d on.
 */
function after(half: 'claim' | 'event', dayColumn: string, idColumn: string, cursor?: SortKey): [string, unknown[]] {
  if (!cursor) return ['', []];
  const [day, type, id] = cursor as [string, string, string];
  if (type === half) return [`(${dayColumn}, ${idColumn}) > (?, ?)`, [day, id]];
  return half === 'claim' ? [`${dayColumn} > ?`, [day]] : [`${dayColumn} >= ?`, [day]];
}

const CLAIM_COLUMNS = `'claim' AS type, c.claimed_from AS day, c.id, c.claimed_on AS date, c.text AS title, NULL AS kind,
  NULL AS start, NULL AS "end", c.claimant_id, (SELECT name FROM entities WHERE id = c.claimant_id) AS claimant_name,
  (SELECT kind FROM entities WHERE id = c.claimant_id) AS claimant_kind, c.stance, c.certainty, c.quote_exact AS quote,
  c.article_id, c.topic_id`;
const EVENT_COLUMNS = `'event' AS type, ev.start_day AS day, ev.id, ev.start AS date, ev.title, ev.kind, ev.start, ev."end",
  NULL AS claimant_id, NULL AS claimant_name, NULL AS claimant_kind, NULL AS stance, NULL AS certainty, NULL AS quote,
  NULL AS article_id, NULL AS topic_id`;

export type TimelineRepository = ReturnType<typeof createTimelineRepository>;

export function createTimelineRepository(db: Db) {
  return {
    /**
     * Each half walks its own date index and stops after limit + 1 rows (one entity's claims through
     * entity_claims); only those are merged, so a page never sorts the whole time line.
     */
    list(query: TimelineQuery): Page<TimelineItem> {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, SORT, 3);
      const claims = claimHalf(query);
      const byEntity = query.entity?.length === 1;
      const [claimDay, claimId] = byEntity ? ['x.claimed_from', 'x.claim_id'] : ['c.claimed_from', 'c.id'];
      const claimFrom = byEntity ? 'entity_claims x JOIN claims c ON c.id = x.claim_id' : 'claims c';
      if (byEntity) claims.add('x.entity_id = ?', query.entity![0]);
      const [claimAfter, claimAfterParams] = after('claim', claimDay, claimId, cursor);
      if (claimAfter) claims.add(claimAfter, ...claimAfterParams);
      // One entity's events, like its claims, come in day order from its own index (entity_events).
      const [eventDay, eventId] = byEntity ? ['y.start_day', 'y.event_id'] : ['ev.start_day', 'ev.id'];
      const events = eventHalf(query, eventDay);
      const eventFrom = byEntity ? 'entity_events y JOIN events ev ON ev.id = y.event_id' : 'events ev';
      if (byEntity) events.add('y.entity_id = ?', query.entity![0]);
      const [eventAfter, eventAfterParams] = after('event', eventDay, eventId, cursor);
      if (eventAfter) events.add(eventAfter, ...eventAfterParams);
      // A date filter's claims are the ones starting within the dates plus the month and year claims
      // reaching into them, each an index walk of its own (db/conditions.ts); all are merged with the events.
      const arms = claims.claimDays(claimDay, 'c.claimed_to', dayRange(query.from, query.to)) ?? [{ where: [], params: [] }];
      const claimWalks = armWalks((conditions) => `SELECT ${CLAIM_COLUMNS} FROM ${claimFrom} ${whereClause(conditions)}
          ORDER BY ${claimDay}, ${claimId} LIMIT ?`, claims.where, claims.params, arms, limit);
      const sql = `${claimWalks.sql}
        UNION ALL SELECT * FROM (SELECT ${EVENT_COLUMNS} FROM ${eventFrom} ${whereClause(events.where)} ORDER BY ${eventDay}, ${eventId} LIMIT ?)
        ORDER BY day, type, id LIMIT ?`;
      const rows = cachedReader(db, sql).all(...claimWalks.params, ...events.params, limit + 1, limit + 1) as ItemRow[];
      return toPage(rows, limit, SORT, (r) => [r.day, r.type, r.id], (page) => page.map(toItem));
    },
  };
}
