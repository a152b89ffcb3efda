// Events and claims on one time line: both halves are filtered on their own, merged, and cut into
// pages by keyset on (first day, type, id).
import type { Db } from '../db/client.js';
import { Conditions } from '../db/conditions.js';
import { runKeyset } from '../db/keyset.js';
import { DEFAULT_LIMIT, type Page } from '../http/common.js';
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

const where = (c: Conditions) => (c.where.length > 0 ? `WHERE ${c.where.join(' AND ')}` : '');

function claimHalf(q: TimelineQuery): Conditions {
  const c = new Conditions().in('c.topic_id', q.topic).overlaps('c.claimed_from', 'c.claimed_to', dayRange(q.from, q.to));
  // entity_claims lists every claim an entity takes part in: as claimant, via or subject.
  c.in('c.id IN (SELECT claim_id FROM entity_claims WHERE entity_id IN ())', q.entity);
  return c;
}

function eventHalf(q: TimelineQuery): Conditions {
  const c = new Conditions()
    .in('ev.id IN (SELECT ce.event_id FROM claim_events ce JOIN claims t ON t.id = ce.claim_id WHERE t.topic_id IN ())', q.topic)
    .overlaps('ev.start_day', 'ev.end_day', dayRange(q.from, q.to));
  if (q.entity) {
    const list = `(${q.entity.map(() => '?').join(', ')})`;
    c.add(`(ev.id IN (SELECT event_id FROM event_participants WHERE entity_id IN ${list})
      OR ev.id IN (SELECT event_id FROM event_locations WHERE entity_id IN ${list}))`, ...q.entity, ...q.entity);
  }
  return c;
}

export type TimelineRepository = ReturnType<typeof createTimelineRepository>;

export function createTimelineRepository(db: Db) {
  return {
    list(query: TimelineQuery): Page<TimelineItem> {
      const claims = claimHalf(query);
      const events = eventHalf(query);
      const from = `(
        SELECT 'claim' AS type, c.claimed_from AS day, c.id, c.claimed_on AS date, c.text AS title, NULL AS kind,
               NULL AS start, NULL AS "end", c.claimant_id, e.name AS claimant_name, e.kind AS claimant_kind,
               c.stance, c.certainty, c.quote_exact AS quote, c.article_id, c.topic_id
        FROM claims c LEFT JOIN entities e ON e.id = c.claimant_id ${where(claims)}
        UNION ALL
        SELECT 'event', ev.start_day, ev.id, ev.start, ev.title, ev.kind, ev.start, ev."end",
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM events ev ${where(events)}) AS items`;
      return runKeyset<ItemRow, TimelineItem>(db, {
        select: '*', from, params: [...claims.params, ...events.params],
        sort: 'timeline', columns: ['day', 'type', 'id'], map: (rows) => rows.map(toItem),
      }, { limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor });
    },
  };
}
