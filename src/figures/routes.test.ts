import { describe, expect, it } from 'vitest';
import { everyPage, useSeededApp } from '../../test/helpers.js';
import { figureSchema, type Figure, type FigureList } from './schema.js';

const { ctx, get } = useSeededApp();

const brief = (f: Figure) => [f.claimed_on, f.claimant?.id, f.value, f.unit];

const pageThrough = (url: string, limit: number) =>
  everyPage<Figure, FigureList>(ctx.app, `${url}${url.includes('?') ? '&' : '?'}limit=${limit}`);

describe('GET /v1/topics/{id}/figures', () => {
  it('charts the troop estimates in time order: by first day claimed, then claim, then place in the claim', async () => {
    const body: FigureList = await get('/v1/topics/nk-troops-sent/figures');
    expect(body.topic).toMatchObject({ id: 'nk-troops-sent', unit: 'troops' });
    expect(body.data.map(brief)).toEqual([
      ['2024-10', 'nis', 10900, 'troops'], // "last month" in a 25 Nov. report: the month's first day sorts first
      ['2024-10-17', 'volodymyr-zelenskyy', 10000, 'troops'],
      ['2024-10-17', 'volodymyr-zelenskyy', 10000, 'troops'],
      ['2024-10-17', 'volodymyr-zelenskyy', 10000, 'troops'],
      ['2024-10-18', 'nis', 1500, 'troops'],
      ['2024-10-18', 'nis', 12000, 'troops'], // South Korean media, citing the NIS: 12,000 in four brigades
      ['2024-10-18', 'nis', 4, 'brigades'],
      ['2024-10-18', 'nis', 12000, 'troops'],
      ['2024-10-18', 'nis', 1500, 'troops'],
      ['2024-10-18', 'nis', 1500, 'troops'],
      ['2024-11-20', 'nis', 11000, 'troops'],
      ['2025-02', 'ukrainian-military-intelligence', 11000, 'troops'],
    ]);
    expect(body.data[0]).toMatchObject({
      claim_id: 'kh1125-nis-10900-troops-due', claimed_from: '2024-10-01', claimed_to: '2024-10-31',
      approximate: true, stance: 'asserts', certainty: 'expected', article_id: 'kh-2024-11-25-nk-casualties',
      claimant: { id: 'nis', name: 'National Intelligence Service', kind: 'government_body' },
    });
    expect(body.data[6]).toMatchObject({ claim_id: 'csm1018-sk-media-12000-four-brigades', value: 4 });
    expect(body.data[10]).toEqual(figureSchema.meta()?.example); // the documented example
    expect(body.next_cursor).toBeNull();
  });

  it("gives each claimant's latest figure in each unit, and the spread between them", async () => {
    const body: FigureList = await get('/v1/topics/nk-troops-sent/figures');
    expect(body.latest_by_claimant.map((f) => [f.claimant!.id, f.claim_id, f.value])).toEqual([ // newest first
      ['ukrainian-military-intelligence', 'jad2502-ukr-intel-11000-first-dispatch', 11000],
      ['nis', 'jad1120-nis-11000-troops-to-kursk-late-october', 11000],
      ['nis', 'csm1018-sk-media-12000-four-brigades', 4],
      ['volodymyr-zelenskyy', 'kh1018-zelenskyy-10000-being-prepared', 10000],
    ]);
    expect(body.latest_by_claimant_total).toBe(4);
    expect(body.spread).toEqual({
      unit: 'troops',
      lowest: { value: 10000, claim_id: 'kh1018-zelenskyy-10000-being-prepared', claimant_id: 'volodymyr-zelenskyy' },
      highest: { value: 11000, claim_id: 'jad1120-nis-11000-troops-to-kursk-late-october', claimant_id: 'nis' },
    });
  });

  it('keeps a source\'s same-day figures in different units: RBC-Ukraine\'s 500 killed is not hidden by 3 wounded', async () => {
    const body: FigureList = await get('/v1/topics/nk-casualties/figures');
    const rbc = body.latest_by_claimant.filter((f) => f.claimant?.id === 'rbc-ukraine').map((f) => [f.value, f.unit]);
    expect(rbc).toEqual([[500, 'killed'], [3, 'wounded']]);
    const killed: FigureList = await get('/v1/topics/nk-casualties/figures?unit=killed');
    expect(killed.spread).toMatchObject({ unit: 'killed', lowest: { value: 6 }, highest: { value: 500 } });
  });

  it('keeps units apart: the spread is in the topic unit unless one unit is asked for', async () => {
    const all: FigureList = await get('/v1/topics/nk-casualties/figures');
    expect(all.data.map(brief)).toEqual([
      ['2024-10', 'ukrainian-media', 6, 'killed'],
      ['2024-11-24', 'rbc-ukraine', 500, 'killed'],
      ['2024-11-24', 'rbc-ukraine', 3, 'wounded'],
      ['2025-02', 'ukrainian-military-intelligence', 4000, 'casualties'],
    ]);
    expect(all.spread).toMatchObject({ unit: 'casualties', lowest: { value: 4000 }, highest: { value: 4000 } });
    const killed: FigureList = await get('/v1/topics/nk-casualties/figures?unit=killed');
    expect(killed.latest_by_claimant.map((f) => [f.claimant!.id, f.value])).toEqual([['rbc-ukraine', 500], ['ukrainian-media', 6]]);
    expect(killed.spread).toEqual({
      unit: 'killed',
      lowest: { value: 6, claim_id: 'csm1018-ukrainian-media-six-killed-donetsk', claimant_id: 'ukrainian-media' },
      highest: { value: 500, claim_id: 'kh1125-rbc-storm-shadow-500-killed', claimant_id: 'rbc-ukraine' },
    });
  });

  it('reads ranges by their bounds: "1,000 to 3,000" is lowest at 1,000, "up to 3,000" highest at 3,000', async () => {
    const body: FigureList = await get('/v1/topics/nk-second-wave-troops/figures');
    expect(body.spread).toEqual({
      unit: 'troops',
      lowest: { value: 1000, claim_id: 'jad2502-sources-1000-to-3000-newly-deployed', claimant_id: 'sources-familiar-with-north-korea' },
      highest: { value: 3000, claim_id: 'jad2502-nis-up-to-3000-more-troops', claimant_id: 'nis' },
    });
  });

  it('filters by unit, claimant and date overlap, and summarises only what is left', async () => {
    const units: FigureList = await get('/v1/topics/nk-troops-sent/figures?unit=brigades,troops');
    expect(units.data).toHaveLength(12);
    const zelenskyy: FigureList = await get('/v1/topics/nk-troops-sent/figures?claimant=volodymyr-zelenskyy,nobody');
    expect(zelenskyy.data.map((f) => f.claimant!.id)).toEqual(['volodymyr-zelenskyy', 'volodymyr-zelenskyy', 'volodymyr-zelenskyy']);
    expect(zelenskyy.latest_by_claimant).toHaveLength(1);
    const november: FigureList = await get('/v1/topics/nk-troops-sent/figures?from=2024-11&to=2024-12-31');
    expect(november.data.map((f) => f.claim_id)).toEqual(['jad1120-nis-11000-troops-to-kursk-late-october']);
    expect(november.spread).toMatchObject({ lowest: { value: 11000 }, highest: { value: 11000 } });
    // "2024-10" overlaps 17 October, so the month-precision 10,900 is in.
    const day: FigureList = await get('/v1/topics/nk-troops-sent/figures?from=2024-10-17&to=2024-10-17');
    expect(day.data.map((f) => f.value)).toEqual([10900, 10000, 10000, 10000]);
    const none: FigureList = await get('/v1/topics/nk-troops-sent/figures?unit=tanks');
    expect(none).toMatchObject({ data: [], latest_by_claimant: [], spread: null, next_cursor: null });
  });

  it.each([1, 2, 5])('pages with limit=%i: every figure once, the summary the same on every page', async (limit) => {
    const whole: FigureList = await get('/v1/topics/nk-troops-sent/figures');
    const pages = await pageThrough('/v1/topics/nk-troops-sent/figures', limit);
    expect(pages.flatMap((p) => p.data)).toEqual(whole.data);
    for (const page of pages) {
      expect(page.data.length).toBeLessThanOrEqual(limit);
      expect(page.latest_by_claimant).toEqual(whole.latest_by_claimant);
      expect(page.spread).toEqual(whole.spread);
    }
  });

  it('lists the newest latest_limit claimants, counts them all, and keeps the spread over all of them', async () => {
    const whole: FigureList = await get('/v1/topics/nk-troops-sent/figures');
    const two: FigureList = await get('/v1/topics/nk-troops-sent/figures?latest_limit=2');
    expect(two.latest_by_claimant).toEqual(whole.latest_by_claimant.slice(0, 2));
    expect(two.latest_by_claimant_total).toBe(whole.latest_by_claimant_total);
    expect(two.spread).toEqual(whole.spread); // Zelenskyy's 10,000 is not listed but is still the lowest
    expect(two.spread?.lowest.claimant_id).toBe('volodymyr-zelenskyy');
    const none: FigureList = await get('/v1/topics/nk-troops-sent/figures?latest_limit=0');
    expect(none).toMatchObject({ latest_by_claimant: [], latest_by_claimant_total: 4, spread: whole.spread });
  });

  it('gives the same latest figures and spread from the stored rows as computed over every figure', async () => {
    // A date filter wide enough to hold every figure takes the computed path; no filter reads latest_figures.
    const topics = ctx.db.prepare('SELECT id FROM topics ORDER BY id').all() as { id: string }[];
    for (const { id } of topics) {
      for (const filter of ['', 'unit=troops', 'claimant=nis,rbc-ukraine', 'unit=killed,wounded']) {
        const stored: FigureList = await get(`/v1/topics/${id}/figures?${filter}`);
        const computed: FigureList = await get(`/v1/topics/${id}/figures?${filter}&from=1900&to=2100`);
        expect(computed.data, `${id} ${filter}`).toEqual(stored.data);
        expect(computed.latest_by_claimant, `${id} ${filter}`).toEqual(stored.latest_by_claimant);
        expect(computed.latest_by_claimant_total).toBe(stored.latest_by_claimant_total);
        expect(computed.spread, `${id} ${filter}`).toEqual(stored.spread);
      }
    }
  });

  it('404s an unknown topic with a problem', async () => {
    const res = await ctx.app.inject({ url: '/v1/topics/no-such-topic/figures' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'not_found', detail: 'There is no topic with id "no-such-topic".' });
  });

  it.each([
    ['from=2024-13', 'from'], ['to=yesterday', 'to'], ['from=2025&to=2024', 'from'], ['unit=', 'unit'],
    ['claimant=NIS', 'claimant'], ['limit=0', 'limit'], ['colour=red', 'colour'], ['cursor=abc', 'cursor'],
    ['latest_limit=501', 'latest_limit'], ['latest_limit=-1', 'latest_limit'], ['latest_limit=2.5', 'latest_limit'],
  ])('rejects ?%s naming %s', async (query, name) => {
    const res = await ctx.app.inject({ url: `/v1/topics/nk-troops-sent/figures?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'query', name })]));
  });

  it('refuses a cursor from another list', async () => {
    const { next_cursor } = await get('/v1/claims?limit=1');
    const res = await ctx.app.inject({ url: `/v1/topics/nk-troops-sent/figures?cursor=${next_cursor}` });
    expect(res.statusCode).toBe(400);
  });
});
