import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderClientTypes, TYPES_FILE } from './generate.js';

describe('test/client/schema.ts', () => {
  it('is what openapi-typescript generates from the committed openapi.yaml (run `npm run client`)', async () => {
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(await renderClientTypes());
  });
});
