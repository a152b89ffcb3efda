import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../../test/helpers.js';

let app: FastifyInstance;
beforeAll(async () => ({ app } = await seededApp()));
afterAll(() => app.close());

describe('/v1/entities', () => {
  it('keeps one entity per real-world thing, with every spelling as an alias', async () => {
    const zelenskyy = (await app.inject({ url: '/v1/entities/volodymyr-zelenskyy' })).json();
    expect(zelenskyy.aliases).toEqual(expect.arrayContaining(['Zelensky', 'Zelenskyy']));
    const kim = (await app.inject({ url: '/v1/entities/kim-jong-un' })).json();
    expect(kim).toMatchObject({ kind: 'person', name: 'Kim Jong Un', aliases: ['Kim Jong-un'], wikidata_id: 'Q56226' });
    const { data } = (await app.inject({ url: '/v1/entities?limit=200' })).json();
    const names = data.flatMap((e: { name: string; aliases: string[] }) => [e.name, ...e.aliases]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('/v1/topics', () => {
  it('shows the question and unit of a topic', async () => {
    const topic = (await app.inject({ url: '/v1/topics/nk-troops-sent' })).json();
    expect(topic).toMatchObject({ question: 'How many North Korean troops have been sent to Russia?', unit: 'troops' });
  });
});
