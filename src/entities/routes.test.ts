import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../../test/helpers.js';

const { get } = useSeededApp();

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
