// Facets and totals over dates alone come from claim_facet_months for the whole months and from claims
// for the rest (facet-months.ts). They must equal counting the claims, for any dates: whole months or
// not, open at either end, with month and year claims begun before them, and with more values than a
// facet shows (the one-month read stops early).
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/random.js';
import { firstDay, lastDay } from '../annotations/dates.js';
import { CERTAINTIES, STANCES } from '../annotations/schema.js';
import type { Db } from '../db/client.js';
import { useFilledApp } from '../../test/helpers.js';

/** 3,000 claims over 2023-2025, of day, month and year precision; 120 claimants, a few far more frequent. */
function fill(db: Db): void {
  const random = mulberry32(11);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  for (let i = 0; i < 10; i++) {
    db.prepare(`INSERT INTO articles (id, title, publisher, authors, language, raw_text, body) VALUES (?, ?, 'P', '[]', 'en', 'r', 'b')`).run(`a${i}`, `A ${i}`);
  }
  for (let i = 0; i < 4; i++) db.prepare('INSERT INTO topics (id, question) VALUES (?, ?)').run(`t${i}`, `T ${i}?`);
  for (let i = 0; i < 120; i++) db.prepare(`INSERT INTO entities (id, kind, name, aliases, description) VALUES (?, 'person', ?, '[]', '')`).run(`e${i}`, `E ${i}`);
  const insert = db.prepare(`INSERT INTO claims (id, article_id, text, quote_exact, quote_prefix, quote_suffix, quote_start, quote_end,
    claimant_id, stance, certainty, claimed_on, claimed_from, claimed_to, topic_id) VALUES (?, ?, 't', 'q', '', '', 0, 1, ?, ?, ?, ?, ?, ?, ?)`);
  for (let i = 0; i < 3000; i++) {
    const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(random() * 1096) * 86_400_000).toISOString().slice(0, 10);
    const on = i % 11 === 0 ? day.slice(0, 4) : i % 4 === 0 ? day.slice(0, 7) : day;
    const claimant = i % 13 === 0 ? null : `e${Math.floor(120 * random() ** 2)}`;
    insert.run(`c${i}`, pick(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9']), claimant, pick(STANCES), pick(CERTAINTIES),
      on, firstDay(on), lastDay(on), pick(['t0', 't1', 't2', 't3', null]));
  }
  // June 2026 has twice as many claimants as a facet shows: e0..e99 four claims each, e105..e107 one
  // each; the year claims of 2026 (counted from claims) lift the last three from the bottom to the top.
  for (let i = 0; i < 400; i++) {
    const on = `2026-06-${String(1 + (i % 30)).padStart(2, '0')}`;
    insert.run(`j${i}`, 'a0', `e${i % 100}`, 'asserts', 'stated', on, on, on, null);
  }
  // The leap day of year 0000 (Date reads years 0-99 as 1900-1999, where February has 28 days).
  for (const on of ['0000-01-10', '0000-02-29']) insert.run(`z${on}`, 'a2', 'e1', 'asserts', 'stated', on, on, on, null);
  for (const [i, claimant] of ['e105', 'e106', 'e107'].entries()) {
    insert.run(`k${i}`, 'a1', claimant, 'denies', 'stated', '2026-06-10', '2026-06-10', '2026-06-10', null);
    for (let j = 0; j < 4; j++) insert.run(`y${i}-${j}`, 'a1', claimant, 'denies', 'stated', '2026', '2026-01-01', '2026-12-31', null);
  }
}

const ENDS = [undefined, '0000-02-28', '0000-03-15', '2023', '2023-12-31', '2024-01', '2024-01-01', '2024-02-15', '2024-02-29', '2024-06', '2024-07-02', '2025-12', '2026-06', '2026-06-30'];
const WINDOWS = ENDS.flatMap((from) => ENDS.map((to) => [from, to] as const))
  .filter(([from, to]) => (from || to) && (!from || !to || firstDay(from) <= lastDay(to)));
const ALL = 'facets=claimant,stance,certainty,topic,article&count=true&limit=1';
// A filter that keeps every claim: the list then counts the claims themselves.
const COUNTED = `stance=${STANCES.join(',')}`;

describe('facets and totals over dates alone', () => {
  const ctx = useFilledApp(fill);
  const counts = async (query: string) => {
    const { total, facets } = (await ctx.app.inject({ url: `/v1/claims?${ALL}&${query}` })).json();
    return { total, facets };
  };

  it(`equal counting the claims, over ${WINDOWS.length} windows`, async () => {
    for (const [from, to] of WINDOWS) {
      const query = [from && `from=${from}`, to && `to=${to}`].filter(Boolean).join('&');
      expect(await counts(query), query).toEqual(await counts(`${query}&${COUNTED}`));
    }
    const june = (await counts('from=2026-06&to=2026-06')).facets.claimant;
    expect(june).toHaveLength(50);
    expect(june.slice(0, 4).map((f: { value: string; count: number }) => [f.value, f.count]))
      .toEqual([['e105', 5], ['e106', 5], ['e107', 5], ['e0', 4]]);
  });

  it('read the stored months: a count changed there shows in the answer for its month only', async () => {
    const month = '2024-06';
    const before = await counts(`from=${month}&to=${month}`);
    ctx.db.exec('SAVEPOINT tamper');
    try {
      ctx.db.prepare("UPDATE claim_facet_months SET count = count + 1000 WHERE field = 'stance' AND month = ? AND key = 'denies'").run(month);
      const after = await counts(`from=${month}&to=${month}`);
      expect(after.total).toBe(before.total + 1000);
      expect(after.facets.stance[0]).toMatchObject({ value: 'denies', count: before.facets.stance.find((f: { value: string }) => f.value === 'denies').count + 1000 });
      expect(await counts(`from=${month}&to=${month}&${COUNTED}`)).toEqual(before);
    } finally {
      ctx.db.exec('ROLLBACK TO tamper; RELEASE tamper');
    }
  });
});
