import { describe, expect, it } from 'vitest';
import { firstDay } from '../annotations/dates.js';
import { sliceCodePoints } from '../annotations/text-position.js';
import { useSeededApp } from '../../test/helpers.js';

const { get } = useSeededApp();

describe('/v1/claims', () => {
  it('shows a claim with its claimant, the chain it came through, figures, subjects, events and topic', async () => {
    const claim = await get('/v1/claims/jad1120-nis-11000-troops-to-kursk-late-october');
    expect(claim).toMatchObject({
      article_id: 'jad-2024-11-20-nk-troops-in-combat',
      claimant: { id: 'nis', name: 'National Intelligence Service', kind: 'government_body' },
      via: [{ id: 'lee-seong-kweun', name: 'Lee Seong-kweun' }, { id: 'park-sun-won', name: 'Park Sun-won' }],
      stance: 'asserts', certainty: 'estimated', claimed_on: '2024-11-20', topic_id: 'nk-troops-sent',
      quantities: [{ value: 11000, min: null, max: null, unit: 'troops', approximate: true }],
    });
    expect(claim.event_ids).toContain('nis-briefing-2024-11-20');
    expect(claim.entities.length).toBeGreaterThan(0);
  });

  it("quotes exactly the words at the claim's offsets in its article's body", async () => {
    const claim = await get('/v1/claims/csm1018-peskov-another-piece-of-fake-news');
    const article = await get(`/v1/articles/${claim.article_id}`);
    expect(sliceCodePoints(article.body, claim.quote.start, claim.quote.end)).toBe(claim.quote.exact);
    expect(claim.quote.exact).toContain('fake news');
    expect(claim.stance).toBe('denies');
  });

  it('lists relations both ways on the item', async () => {
    const nis = await get('/v1/claims/kh1018-nis-special-forces-dispatched');
    expect(nis.relations).toEqual(expect.arrayContaining([
      { type: 'contradicts', claim_id: 'csm1018-peskov-another-piece-of-fake-news', direction: 'incoming' },
    ]));
    const peskov = await get('/v1/claims/csm1018-peskov-another-piece-of-fake-news');
    expect(peskov.relations).toEqual(expect.arrayContaining([
      { type: 'contradicts', claim_id: 'kh1018-nis-special-forces-dispatched', direction: 'outgoing' },
    ]));
  });

  it('orders the list by when claims were made, then id', async () => {
    const { data } = await get('/v1/claims?limit=200');
    const keys = data.map((c: { claimed_on: string; id: string }) => `${firstDay(c.claimed_on)} ${c.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(data[0].claimed_on < data.at(-1).claimed_on).toBe(true);
  });

  it('keeps list items free of relations (they are on the item)', async () => {
    const { data } = await get('/v1/claims?limit=1');
    expect(data[0]).not.toHaveProperty('relations');
  });
});

describe('the documented example', () => {
  it('is exactly what the API serves for that claim', async () => {
    const { claimDetailExample } = await import('./schema.js');
    expect(await get(`/v1/claims/${claimDetailExample.id}`)).toEqual(claimDetailExample);
  });
});
