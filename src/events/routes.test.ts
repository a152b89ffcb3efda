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

describe('/v1/events filters', () => {
  const events = async (query: string) => (await get(`/v1/events?limit=200&${query}`)).data;

  it('kind, entity (participant or location), and date overlap', async () => {
    const transports = await events('kind=troop_transport');
    expect(transports.length).toBeGreaterThan(0);
    expect(transports.every((e: { kind: string }) => e.kind === 'troop_transport')).toBe(true);
    const atKursk = await events('entity=kursk-region');
    expect(atKursk.every((e: { locations: { id: string }[]; participants: { id: string }[] }) =>
      [...e.locations, ...e.participants].some((x) => x.id === 'kursk-region'))).toBe(true);
    expect(atKursk.length).toBeGreaterThan(0);
    const midOctober = await events('from=2024-10-10&to=2024-10-10');
    expect(midOctober.map((e: { id: string }) => e.id)).toContain('nk-special-forces-shipped-to-vladivostok');
    expect(midOctober.map((e: { id: string }) => e.id)).not.toContain('nis-briefing-2024-11-20');
  });

  it('sorts latest first with sort=-start, and facets by kind', async () => {
    const latest = await events('sort=-start');
    const days = latest.map((e: { start: string }) => firstDay(e.start));
    expect(days).toEqual([...days].sort().reverse());
    const page = await get('/v1/events?facets=kind&count=true&limit=1');
    expect(page.facets.kind.reduce((s: number, f: { count: number }) => s + f.count, 0)).toBe(page.total);
  });
});
