// CSV and NDJSON exports: every matching row, not one page, as a stream.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from './helpers.js';

const { ctx } = useSeededApp();
const count = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;

describe('exports', () => {
  it.each([
    ['/v1/claims', 'claims'], ['/v1/events', 'events'], ['/v1/entities', 'entities'],
  ])('%s?format=csv streams every row with a header, whatever limit says', async (path, table) => {
    const res = await ctx.app.inject({ url: `${path}?format=csv&limit=2` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${table}.csv"`);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(count(`SELECT count(*) n FROM ${table}`));
    expect(Object.keys(rows[0])[0]).toBe('id');
  });

  it('honours the filters, and Accept: text/csv works like format=csv', async () => {
    const res = await ctx.app.inject({ url: '/v1/claims?stance=denies', headers: { accept: 'text/csv' } });
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(count("SELECT count(*) n FROM claims WHERE stance = 'denies'"));
    const peskov = rows.find((r) => r.id === 'csm1018-peskov-another-piece-of-fake-news')!;
    expect(peskov).toMatchObject({ claimant_id: 'dmitry-peskov', stance: 'denies', claimed_on: '2024-10' });
    expect(peskov.quote).toContain('fake news');
  });

  it('writes figures readably, and quotes text with commas, quotes and line breaks so it parses back intact', async () => {
    const res = await ctx.app.inject({ url: '/v1/claims?format=csv&claimant=nis&topic=nk-troops-sent&has_quantity=true' });
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.quantities)).toEqual(expect.arrayContaining(['~1500 troops', '~10900 troops', '~11000 troops']));
    const all = parse((await ctx.app.inject({ url: '/v1/claims?format=csv' })).body, { columns: true }) as Record<string, string>[];
    const stored = ctx.db.prepare('SELECT id, text, quote_exact FROM claims').all() as { id: string; text: string; quote_exact: string }[];
    const tricky = stored.filter((c) => /[",\n]/.test(c.text + c.quote_exact));
    expect(tricky.length).toBeGreaterThan(10);
    for (const c of tricky) expect(all.find((r) => r.id === c.id)).toMatchObject({ text: c.text, quote: c.quote_exact });
  });

  it('neutralises text that a spreadsheet would run as a formula', async () => {
    const { csvCell } = await import('../src/http/export.js');
    expect(['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', 'plain', 'a=b'].map(csvCell))
      .toEqual(["'=HYPERLINK(\"x\")", "'+1", "'-2+3", "'@SUM(A1)", 'plain', 'a=b']);
    ctx.db.prepare(`UPDATE claims SET text = '=cmd|calc' WHERE id = 'csm1018-peskov-another-piece-of-fake-news'`).run();
    const rows = parse((await ctx.app.inject({ url: '/v1/claims?format=csv&claimant=dmitry-peskov' })).body, { columns: true }) as Record<string, string>[];
    expect(rows[0].text).toBe("'=cmd|calc");
  });

  it('streams NDJSON: one full JSON object per line, the same objects the JSON list serves', async () => {
    const res = await ctx.app.inject({ url: '/v1/claims?topic=nk-casualties', headers: { accept: 'application/x-ndjson' } });
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = res.body.trimEnd().split('\n').map((line) => JSON.parse(line));
    const page = (await ctx.app.inject({ url: '/v1/claims?topic=nk-casualties&limit=200' })).json();
    expect(lines).toEqual(page.data);
  });

  it('crosses batch boundaries without losing or repeating a row', async () => {
    const { exportLines } = await import('../src/http/export.js');
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: `r${i}` }));
    const fetched: (string | undefined)[] = [];
    const fetch = (cursor: string | undefined) => {
      fetched.push(cursor);
      const start = cursor === undefined ? 0 : Number(cursor);
      return { data: rows.slice(start, start + 2), next_cursor: start + 2 < rows.length ? String(start + 2) : null };
    };
    let text = '';
    for await (const chunk of exportLines('csv', { name: 'r', fetch, columns: ['id'], toRecord: (r) => [r.id] })) text += chunk;
    expect(text).toBe('id\nr0\nr1\nr2\nr3\nr4\n');
    expect(fetched).toEqual([undefined, '2', '4']);
  });

  it('says Vary: Accept on JSON and export answers alike, so a cache never serves one for the other', async () => {
    for (const headers of [{}, { accept: 'text/csv' }, { accept: 'application/x-ndjson' }]) {
      const res = await ctx.app.inject({ url: '/v1/events?limit=1', headers });
      expect(res.headers.vary).toMatch(/\bAccept\b/);
    }
  });

  it('still validates the filters of an export', async () => {
    const res = await ctx.app.inject({ url: '/v1/claims?format=xml' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].name).toBe('format');
  });
});
