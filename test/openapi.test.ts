import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderOpenApiYaml } from '../src/http/spec.js';

const committed = readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8');

describe('openapi.yaml', () => {
  it('matches what the server serves (run `npm run openapi` after changing a route)', async () => {
    expect(committed).toBe(await renderOpenApiYaml());
  });

  const spec = parse(committed);
  const operations = Object.entries(spec.paths as Record<string, Record<string, any>>)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

  it('is OpenAPI 3.1 with relative servers, so Try it out works wherever it is served', () => {
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.servers).toEqual([{ url: '/' }]);
  });

  it('gives every operation a unique operationId, a tag, a summary and problem+json errors', () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, op } of operations) {
      expect(op.tags?.length, path).toBeGreaterThan(0);
      expect(op.summary, path).toBeTruthy();
      for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
        if (Number(status) >= 400) expect(Object.keys(response.content), `${path} ${status}`).toEqual(['application/problem+json']);
      }
    }
  });

  it('keeps only components that something refers to', () => {
    const text = JSON.stringify(spec.paths) + JSON.stringify(spec.components);
    for (const name of Object.keys(spec.components.schemas)) {
      expect(text, name).toContain(`"#/components/schemas/${name}"`);
    }
  });
});
