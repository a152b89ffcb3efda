// An event date filter walks events in day order from a bound: `from` less the longest event's span.
// These tests hold every page, both ways, one entity's events, the timeline and the counts to the plain
// overlap condition, over events of one day to more than a year, and follow the bound through writes.
import { describe, expect, it } from 'vitest';
import { firstDay, lastDay } from '../annotations/dates.js';
import type { Db } from '../db/client.js';
import { everyItem, useFilledApp } from '../../test/helpers.js';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 300 events over 2023-2025 lasting 0 to 40 days, one lasting 400; entity e0 takes part in every third. */
function fill(db: Db): void {
  db.prepare(`INSERT INTO entities (id, kind, name, aliases, description) VALUES ('e0', 'person', 'E 0', '[]', '')`).run();
  const insert = db.prepare(`INSERT INTO events (id, kind, title, start, "end", start_day, end_day) VALUES (?, 'strike', ?, ?, ?, ?, ?)`);
  for (let i = 0; i < 300; i++) {
    const start = Date.UTC(2023, 0, 1) + ((i * 37) % 1096) * DAY;
    const end = start + (i === 7 ? 400 : (i * 13) % 41) * DAY;
    insert.run(`v${String(i).padStart(3, '0')}`, `Event ${i}`, isoDay(start), isoDay(end), isoDay(start), isoDay(end));
  }
  db.exec(`INSERT INTO event_participants (event_id, entity_id, role, position)
    SELECT id, 'e0', 'agent', 0 FROM events WHERE rowid % 3 = 0`);
}

const WINDOWS = [
  ['2024-06', '2024-06'], ['2024-06-15', '2024-06-20'], ['2024-01-01', undefined], ['2025-12-31', undefined],
  ['2023-01-01', '2023-01-01'], ['2024', '2024'], [undefined, '2023-05'], ['2024-02-29', '2024-03-01'],
] as const;

describe('events date filter over events of any length', () => {
  const ctx = useFilledApp(fill);

  const expected = (from: string | undefined, to: string | undefined, entity: boolean, descending: boolean) =>
    (ctx.db.prepare(`SELECT id FROM events WHERE end_day >= ? AND start_day <= ?
      AND (? = 0 OR id IN (SELECT event_id FROM event_participants WHERE entity_id = 'e0'))
      ORDER BY start_day ${descending ? 'DESC' : ''}, id ${descending ? 'DESC' : ''}`)
      .all(from ? firstDay(from) : '0000-01-01', to ? lastDay(to) : '9999-12-31', entity ? 1 : 0) as { id: string }[])
      .map((r) => r.id);
  const pageThrough = async (path: string, query: string, limit: number) =>
    (await everyItem(ctx.app, `${path}?${query}&limit=${limit}`)).map((item) => item.id);

  for (const [from, to] of WINDOWS) {
    const query = [from && `from=${from}`, to && `to=${to}`].filter(Boolean).join('&');
    it(`${query}: every event that overlaps, once, in order, at limits 7 and 200, both ways, with an entity too`, async () => {
      for (const limit of [7, 200]) {
        expect(await pageThrough('/v1/events', query, limit)).toEqual(expected(from, to, false, false));
        expect(await pageThrough('/v1/events', `${query}&sort=-start`, limit)).toEqual(expected(from, to, false, true));
        expect(await pageThrough('/v1/events', `${query}&entity=e0`, limit)).toEqual(expected(from, to, true, false));
        expect(await pageThrough('/v1/events', `${query}&entity=e0&sort=-start`, limit)).toEqual(expected(from, to, true, true));
      }
      expect((await pageThrough('/v1/timeline', query, 9)).filter((id) => id.startsWith('v'))).toEqual(expected(from, to, false, false));
      expect((await pageThrough('/v1/timeline', `${query}&entity=e0`, 9)).filter((id) => id.startsWith('v'))).toEqual(expected(from, to, true, false));
      const counted = (await ctx.app.inject({ url: `/v1/events?${query}&count=true&limit=1` })).json();
      expect(counted.total).toBe(expected(from, to, false, false).length);
    });
  }

  it('serves 2024-06 the events that began long before it and reach into it: the 400-day event, and more', async () => {
    const june = await pageThrough('/v1/events', 'from=2024-06&to=2024-06', 7);
    const startedBefore = june.filter((id) => ctx.db.prepare('SELECT start_day FROM events WHERE id = ?').pluck().get(id)! < '2024-06-01');
    expect(startedBefore).toContain('v007');
    expect(startedBefore.length).toBeGreaterThan(1);
  });

  it('follows the longest span as events are written: a longer one widens the bound at once, a deleted one narrows it', async () => {
    const before = await pageThrough('/v1/events', 'from=2025-06', 50);
    ctx.db.prepare(`INSERT INTO events (id, kind, title, start, "end", start_day, end_day)
      VALUES ('long', 'strike', 'Long', '2021-01-01', '2025-06-30', '2021-01-01', '2025-06-30')`).run();
    expect(await pageThrough('/v1/events', 'from=2025-06', 50)).toEqual(['long', ...before]);
    ctx.db.prepare("DELETE FROM events WHERE id = 'long'").run();
    expect(await pageThrough('/v1/events', 'from=2025-06', 50)).toEqual(before);
  });

  it('still lists every overlapping event when one has an open end (stored to 9999-12-31), and the bound falls before day one', async () => {
    ctx.db.prepare(`INSERT INTO events (id, kind, title, start, "end", start_day, end_day)
      VALUES ('open', 'strike', 'Open', '2022-02-24', '9999', '2022-02-24', '9999-12-31')`).run();
    try {
      for (const query of ['from=2024-06', 'from=2024-06&to=2024-06', 'from=0000-01']) {
        const { from, to } = Object.fromEntries(new URLSearchParams(query)) as { from: string; to?: string };
        expect(expected(from, to, false, false)).toContain('open');
        expect(await pageThrough('/v1/events', query, 7)).toEqual(expected(from, to, false, false));
        expect(await pageThrough('/v1/timeline', query, 9)).toEqual(expected(from, to, false, false)); // no claims here
      }
    } finally {
      ctx.db.prepare("DELETE FROM events WHERE id = 'open'").run();
    }
  });
});
