// The date filter is served as a merge of index walks (claims starting within the dates, and the month
// and year claims that started before and reach into them). These tests hold every page, count and
// facet to the plain overlap condition, over claims of day, month and year precision.
import { describe, expect, it } from 'vitest';
import { firstDay, lastDay } from '../annotations/dates.js';
import type { Db } from '../db/client.js';
import { everyItem, useFilledApp } from '../../test/helpers.js';

/** ~600 claims over 2023-2025: every third of year or month precision, claimants e0..e4. */
function fill(db: Db): void {
  db.prepare(`INSERT INTO articles (id, title, publisher, authors, language, raw_text, body) VALUES ('a', 'A', 'P', '[]', 'en', 'r', 'b')`).run();
  for (let i = 0; i < 5; i++) db.prepare(`INSERT INTO entities (id, kind, name, aliases, description) VALUES (?, 'person', ?, '[]', '')`).run(`e${i}`, `E ${i}`);
  const insert = db.prepare(`INSERT INTO claims (id, article_id, text, quote_exact, quote_prefix, quote_suffix, quote_start, quote_end,
    claimant_id, stance, certainty, claimed_on, claimed_from, claimed_to) VALUES (?, 'a', 't', 'q', '', '', 0, 1, ?, ?, 'stated', ?, ?, ?)`);
  for (let i = 0; i < 600; i++) {
    const day = new Date(Date.UTC(2023, 0, 1) + ((i * 37) % 1096) * 86_400_000).toISOString().slice(0, 10);
    const on = i % 9 === 0 ? day.slice(0, 4) : i % 3 === 0 ? day.slice(0, 7) : day;
    insert.run(`c${String(i).padStart(3, '0')}`, `e${i % 5}`, i % 4 === 0 ? 'denies' : 'asserts', on, firstDay(on), lastDay(on));
  }
  db.exec('INSERT INTO entity_claims (entity_id, claimed_from, claim_id) SELECT claimant_id, claimed_from, id FROM claims');
}

const WINDOWS = [
  ['2024-06', '2024-06'], ['2024-06-15', '2024-06-20'], ['2024-01-01', '2024-01-01'], ['2024-01-20', '2024-02-10'],
  ['2024', '2024'], ['2024-12-31', undefined], ['2023-03-02', undefined], [undefined, '2023-05'], ['2025-02-28', '2025-03-01'],
] as const;

describe('claims date filter over day, month and year claims', () => {
  const ctx = useFilledApp(fill);

  const expected = (from: string | undefined, to: string | undefined, claimant: string | undefined, descending: boolean) =>
    (ctx.db.prepare(`SELECT id FROM claims WHERE claimed_to >= ? AND claimed_from <= ? AND (? IS NULL OR claimant_id = ?)
      ORDER BY claimed_from ${descending ? 'DESC' : ''}, id ${descending ? 'DESC' : ''}`)
      .all(from ? firstDay(from) : '0000-01-01', to ? lastDay(to) : '9999-12-31', claimant ?? null, claimant ?? null) as { id: string }[])
      .map((r) => r.id);

  const pageThrough = async (query: string, limit: number) =>
    (await everyItem(ctx.app, `/v1/claims?${query}&limit=${limit}`)).map((c) => c.id);

  for (const [from, to] of WINDOWS) {
    const query = [from && `from=${from}`, to && `to=${to}`].filter(Boolean).join('&');
    it(`${query}: every claim that overlaps, once, in order, at limits 7 and 200, both ways, with a claimant too`, async () => {
      expect(expected(from, to, undefined, false).length).toBeGreaterThan(0);
      for (const limit of [7, 200]) {
        expect(await pageThrough(query, limit)).toEqual(expected(from, to, undefined, false));
        expect(await pageThrough(`${query}&sort=-claimed_on`, limit)).toEqual(expected(from, to, undefined, true));
        expect(await pageThrough(`${query}&claimant=e3`, limit)).toEqual(expected(from, to, 'e3', false));
        expect(await pageThrough(`${query}&entity=e3`, limit)).toEqual(expected(from, to, 'e3', false));
      }
    });

    it(`${query}: the timeline (claims only here) holds the same claims in the same order`, async () => {
      const ids = (await everyItem(ctx.app, `/v1/timeline?${query}&limit=9`)).map((item) => item.id);
      expect(ids).toEqual(expected(from, to, undefined, false));
    });

    it(`${query}: total and facets count the same claims`, async () => {
      const body = (await ctx.app.inject({ url: `/v1/claims?${query}&count=true&facets=claimant,stance&limit=1` })).json();
      const ids = expected(from, to, undefined, false);
      expect(body.total).toBe(ids.length);
      const stances = ctx.db.prepare(`SELECT stance AS value, count(*) AS count FROM claims WHERE id IN (SELECT value FROM json_each(?))
        GROUP BY stance ORDER BY count DESC, value`).all(JSON.stringify(ids));
      expect(body.facets.stance.map(({ value, count }: { value: string; count: number }) => ({ value, count }))).toEqual(stances);
      expect(body.facets.claimant.reduce((sum: number, f: { count: number }) => sum + f.count, 0)).toBe(ids.length);
    });
  }
});
