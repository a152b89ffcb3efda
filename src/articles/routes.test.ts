import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../../test/helpers.js';

const { get } = useSeededApp();

describe('/v1/articles', () => {
  it('says how each date is known, and marks the inferred ones', async () => {
    const dated = await get('/v1/articles/kh-2024-11-25-nk-casualties');
    expect(dated).toMatchObject({
      publisher: 'The Korea Herald', authors: ['Kim Arin'], published_at: '2024-11-25T15:27+09:00',
      published_precision: 'minute', published_inferred: false,
    });
    const undated = await get('/v1/articles/jad-2025-02-nk-more-troops');
    expect(undated).toMatchObject({ published_at: '2025-02', published_precision: 'month', published_inferred: true });
    expect(undated.published_basis).toContain('prints no date');
  });

  it('serves the raw report beside the cleaned body on the item, and only the body in lists', async () => {
    const article = await get('/v1/articles/csm-2024-10-18-is-that-true');
    expect(article.raw_text).toContain('bran muffin');
    expect(article.body).not.toContain('bran muffin');
    expect(article.url).toBe('https://www.csmonitor.com/World/Asia-Pacific/2024/1018/north-korea-russia-ukraine-war-troop-deployment');
    const { data } = await get('/v1/articles?limit=5');
    expect(data[0]).not.toHaveProperty('raw_text');
  });
});

describe('/v1/articles filters', () => {
  const ids = async (query: string) => (await get(`/v1/articles?limit=200&${query}`)).data.map((a: { id: string }) => a.id);

  it('publisher, entity mentioned, publication date overlap, and full text', async () => {
    expect(await ids('publisher=The%20Korea%20Herald')).toEqual(['kh-2024-10-18-nk-sends-troops', 'kh-2024-11-25-nk-casualties']);
    expect(await ids('entity=dmitry-peskov')).toEqual(['csm-2024-10-18-is-that-true']);
    expect(await ids('from=2025-02-10')).toEqual(['jad-2025-02-nk-more-troops']);
    expect(await ids('from=2024-11&to=2024-11')).toEqual(['jad-2024-11-20-nk-troops-in-combat', 'kh-2024-11-25-nk-casualties']);
    expect(await ids('q=%22Storm%20Shadow%22')).toEqual(['kh-2024-11-25-nk-casualties']);
  });

  it('lists oldest first by default and newest first with sort=-published', async () => {
    const oldest = await ids('');
    expect(oldest.at(-1)).toBe('jad-2025-02-nk-more-troops');
    expect(await ids('sort=-published')).toEqual([...oldest].reverse());
  });
});
