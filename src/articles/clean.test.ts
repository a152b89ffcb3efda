import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanBody } from './clean.js';

const reports = new URL('../../seed/reports/', import.meta.url);
const raw = (name: string) => readFileSync(new URL(readdirSync(reports).find((f) => f.startsWith(name))!, reports), 'utf8');
// Title and publisher lines are dropped by metadata; this checks the rules that need none.
const clean = (name: string) => cleanBody(raw(name), { title: '', publisher: '', authors: [] });

describe('cleanBody on the seed reports', () => {
  const bodies = ['000', '001', '002', '003', '004'].map((n) => clean(n));

  it.each([
    'Back To Top', 'Link copied', 'Audio report: written by reporters, read by AI', 'To write comments',
    'Standards Board Policy', 'MOST POPULAR', 'email protected', 'Subscribe to continue', 'bran muffin',
    'Log in to Twitter', 'print dictionary print', 'Published:', 'Published :', 'Updated:', 'BY MICHAEL LEE',
    'By Ji Da-gyum', 'Kristina Kormilitsyna/Sputnik/AP/File', '소아쌤', 'QR Code',
  ])('removes page furniture: %s', (furniture) => {
    for (const body of bodies) expect(body).not.toContain(furniture);
  });

  it('keeps one copy of a caption printed twice, on two lines or on one', () => {
    expect(bodies[1].match(/North Korean troop transport operations by Russian naval vessels/g)).toHaveLength(1);
    expect(bodies[2].match(/Photographs of the summit/g)).toHaveLength(1);
    expect(bodies[3].match(/Men presumed to be North Korean soldiers/g)).toHaveLength(1);
  });

  it('keeps the reporting, from the first paragraph to the last', () => {
    expect(bodies[0]).toMatch(/^North Korean troops assigned to Russian units.*\n\nSouth Korea's National Intelligence Service \(NIS\) told/);
    expect(bodies[0]).toMatch(/may visit Russia, but did not specify further\.$/);
    expect(bodies[4]).toMatch(/AP writer Lorne Cook in Brussels contributed to this report\.$/);
  });

  it('drops the title and publisher lines, and lines the annotator lists', () => {
    const body = cleanBody('The Paper\nBig News\nA line.\nSponsored content here\nThe story.', {
      title: 'Big News', publisher: 'The Paper', authors: [], boilerplate: ['Sponsored content here'],
    });
    expect(body).toBe('A line.\n\nThe story.');
  });
});
