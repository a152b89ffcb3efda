import { describe, expect, it } from 'vitest';
import { findMentions } from './mentions.js';
import type { EntityInput } from './schema.js';

const entity = (id: string, name: string, aliases: string[] = []): EntityInput =>
  ({ id, kind: 'group', name, aliases, description: '-', wikidata_id: null });

describe('findMentions', () => {
  const entities = [entity('nk', 'North Korea'), entity('force', 'North Korean troops')];

  it('gives an overlap to the longer form, whichever starts first', () => {
    const body = 'Then the North Korean troops left; the North’s army stayed in North Korea.';
    const found = findMentions('a', body, entities, [{ entity: 'nk', text: 'the North' }]);
    expect(found.map((m) => [m.entityId, m.text])).toEqual([
      ['force', 'North Korean troops'], ['nk', 'the North'], ['nk', 'North Korea'],
    ]);
  });

  it('matches whole words only and counts offsets in code points', () => {
    const body = '😀 North Koreans are not North Korea.';
    const [mention] = findMentions('a', body, entities, []);
    // 24 code points in; String.indexOf would say 25, because the emoji is two UTF-16 units.
    expect(mention).toMatchObject({ entityId: 'nk', text: 'North Korea', start: 24, end: 35 });
  });
});
