import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../../test/helpers.js';

const { ctx, get } = useSeededApp();

describe('/v1/entities', () => {
  it('keeps one entity per real-world thing, with every spelling as an alias', async () => {
    const zelenskyy = await get('/v1/entities/volodymyr-zelenskyy');
    expect(zelenskyy.aliases).toEqual(expect.arrayContaining(['Zelensky', 'Zelenskyy']));
    const kim = await get('/v1/entities/kim-jong-un');
    expect(kim).toMatchObject({ kind: 'person', name: 'Kim Jong Un', aliases: ['Kim Jong-un'], wikidata_id: 'Q56226' });
    const { data } = await get('/v1/entities?limit=200');
    const names = data.flatMap((e: { name: string; aliases: string[] }) => [e.name, ...e.aliases]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('/v1/topics', () => {
  it('shows the question and unit of a topic', async () => {
    const topic = await get('/v1/topics/nk-troops-sent');
    expect(topic).toMatchObject({ question: 'How many North Korean troops have been sent to Russia?', unit: 'troops' });
  });
});

describe('/v1/entities filters and counts', () => {
  const ids = async (query: string) => (await get(`/v1/entities?limit=200&${query}`)).data.map((e: { id: string }) => e.id);

  it('finds an entity by the start of any word of its name or alias, ignoring case and accents', async () => {
    expect(await ids('q=zelen')).toEqual(['volodymyr-zelenskyy']);
    expect(await ids('q=ZELENSKY')).toEqual(['volodymyr-zelenskyy']);
    expect(await ids('q=p%C3%A9sk')).toEqual(['dmitry-peskov']);
    expect(await ids('q=jong-un')).toEqual(['kim-jong-un']);
  });

  it('filters by kind, and sorts by name or by number of claims', async () => {
    const people = (await get('/v1/entities?limit=200&kind=person')).data;
    expect(people.every((e: { kind: string }) => e.kind === 'person')).toBe(true);
    const names = people.map((e: { name: string }) => e.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const busiest = (await get('/v1/entities?sort=-claims&limit=3')).data;
    expect(busiest.map((e: { claim_count: number }) => e.claim_count)).toEqual(
      [...busiest.map((e: { claim_count: number }) => e.claim_count)].sort((a, b) => b - a));
  });

  it('carries counts: claims made, claims about, articles, first and last seen', async () => {
    const nis = await get('/v1/entities/nis');
    const count = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;
    expect(nis.claims_made).toBe(count("SELECT count(*) n FROM claims WHERE claimant_id = 'nis'"));
    expect(nis.claims_about).toBe(count("SELECT count(DISTINCT claim_id) n FROM claim_entities WHERE entity_id = 'nis'"));
    expect(nis.articles_mentioned_in).toBe(5);
    expect(nis.first_seen).toBe('2024-10-01');
    expect(nis.last_seen).toBe('2025-02-28');
  });

  it('facets by kind over the filtered set', async () => {
    const page = await get('/v1/entities?q=korea&facets=kind&count=true&limit=1');
    const sum = page.facets.kind.reduce((s: number, f: { count: number }) => s + f.count, 0);
    expect(sum).toBe(page.total);
    expect(page.total).toBeGreaterThan(3);
  });
});
