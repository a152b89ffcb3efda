import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../../test/helpers.js';
import { firstDay } from '../annotations/dates.js';

const { get } = useSeededApp();

describe('/v1/events', () => {
  it('shows an event with dates, locations, participants and the claims that report it', async () => {
    const event = await get('/v1/events/nk-special-forces-shipped-to-vladivostok');
    expect(event).toMatchObject({
      kind: 'troop_transport', start: '2024-10-08', end: '2024-10-13',
      locations: expect.arrayContaining([{ id: 'vladivostok', name: 'Vladivostok', role: 'location' }]),
      participants: expect.arrayContaining([{ id: 'russian-navy', name: 'Russian Navy', role: 'agent' }]),
    });
    expect(event.claim_ids.length).toBeGreaterThan(1);
    for (const id of event.claim_ids) expect((await get(`/v1/claims/${id}`)).event_ids).toContain(event.id);
  });

  it('lists events by their first day', async () => {
    const { data } = await get('/v1/events?limit=200');
    const firstDays = data.map((e: { start: string }) => firstDay(e.start));
    expect(firstDays).toEqual([...firstDays].sort());
  });
});
