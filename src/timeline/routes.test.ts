import { describe, expect, it } from 'vitest';
import { lastDay } from '../annotations/dates.js';
import { everyPage, useSeededApp } from '../../test/helpers.js';
import { timelineExample, type TimelineItem } from './schema.js';

const { ctx, get } = useSeededApp();

type Page = { data: TimelineItem[]; next_cursor: string | null };

async function whole(query: string, limit = 200): Promise<TimelineItem[]> {
  const pages = await everyPage<TimelineItem>(ctx.app, `/v1/timeline?limit=${limit}${query}`);
  for (const page of pages) expect(page.data.length).toBeLessThanOrEqual(limit);
  return pages.flatMap((page) => page.data);
}

const key = (item: TimelineItem) => `${item.day} ${item.type} ${item.id}`;

describe('GET /v1/timeline', () => {
  it('merges every event and claim in date order: first day, then claims before events, then id', async () => {
    const items = await whole('');
    const count = (table: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(items.filter((i) => i.type === 'claim')).toHaveLength(count('claims'));
    expect(items.filter((i) => i.type === 'event')).toHaveLength(count('events'));
    expect(items.map(key)).toEqual(items.map(key).sort());
    expect(items[0]).toEqual({
      type: 'event', id: 'korean-war', date: '1950', day: '1950-01-01', title: 'The Korean War', kind: 'combat', start: '1950', end: '1953',
    });
  });

  it("tells a person's story: Peskov's claim, then his news conference, with what a story needs", async () => {
    const page: Page = await get('/v1/timeline?entity=dmitry-peskov');
    expect(page).toEqual(timelineExample); // the documented example
    const { data } = page;
    expect(data.map((i) => [i.type, i.id])).toEqual([
      ['claim', 'csm1018-peskov-another-piece-of-fake-news'],
      ['event', 'peskov-news-conference-2024-10'],
    ]);
    expect(data[0]).toMatchObject({
      date: '2024-10', day: '2024-10-01', claimant: { id: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'person' },
      stance: 'denies', certainty: 'stated', article_id: 'csm-2024-10-18-is-that-true', topic_id: 'nk-troops-in-combat',
    });
    const claim = await get('/v1/claims/csm1018-peskov-another-piece-of-fake-news');
    expect(data[0]).toMatchObject({ type: 'claim', text: claim.text, quote: claim.quote.exact });
    expect(data[1]).toMatchObject({ kind: 'press_conference', start: '2024-10', end: null });
  });

  it('matches an entity as claimant, intermediary or subject, and as event participant or location', async () => {
    const lee = await whole('&entity=lee-seong-kweun');
    expect(lee.some((i) => i.type === 'claim' && i.claimant?.id !== 'lee-seong-kweun')).toBe(true);
    const kursk = await whole('&entity=kursk-region');
    expect(kursk.some((i) => i.id === 'nk-troops-move-to-kursk-2024')).toBe(true);
    expect(kursk.some((i) => i.type === 'claim')).toBe(true);
    const either = await whole('&entity=dmitry-peskov,lee-seong-kweun');
    expect(either.map(key).sort()).toEqual([...lee, ...await whole('&entity=dmitry-peskov')].map(key).sort());
  });

  it("keeps a topic's claims and the events they report", async () => {
    const items = await whole('&topic=nk-casualties');
    const claims = items.filter((i) => i.type === 'claim');
    const events = items.filter((i) => i.type === 'event');
    expect(claims.length).toBeGreaterThan(10);
    expect(claims.every((c) => c.topic_id === 'nk-casualties')).toBe(true);
    expect(events.map((e) => e.id)).toContain('storm-shadow-strike-kursk-2024-11');
    for (const event of events) {
      const { claim_ids } = await get(`/v1/events/${event.id}`);
      expect(claim_ids.some((id: string) => claims.some((c) => c.id === id)), event.id).toBe(true);
    }
  });

  it('keeps what overlaps from/to: a month-long or multi-month item counts on any of its days', async () => {
    const items = await whole('&from=2024-11-20&to=2024-11-20');
    const ids = items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['nis-briefing-2024-11-20', 'nk-troops-combat-kursk-2024-11', 'nk-troops-move-to-kursk-2024']));
    expect(ids).not.toContain('nis-confirms-nk-casualties-2024-11-25');
    for (const item of items) {
      const last = item.type === 'event' ? lastDay(item.end ?? item.start) : lastDay(item.date);
      expect(item.day <= '2024-11-20' && last >= '2024-11-20', item.id).toBe(true);
    }
    const both = await whole('&from=2024-11-20&to=2024-11-20&topic=nk-casualties');
    expect(both.every((i) => ids.includes(i.id))).toBe(true);
    expect(both.length).toBeLessThan(items.length);
  });

  it.each([1, 7, 50])('pages with limit=%i: every item exactly once, in order', async (limit) => {
    const all = await whole('&entity=nis', 200);
    expect(all.length).toBeGreaterThan(50);
    expect((await whole('&entity=nis', limit)).map(key)).toEqual(all.map(key));
  });

  it.each([
    ['from=2024-02-30', 'from'], ['from=2025&to=2024', 'from'], ['entity=Dmitry', 'entity'], ['topic=', 'topic'],
    ['type=claim', 'type'], ['limit=201', 'limit'], ['cursor=abc', 'cursor'],
  ])('rejects ?%s naming %s', async (query, name) => {
    const res = await ctx.app.inject({ url: `/v1/timeline?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'query', name })]));
  });
});
