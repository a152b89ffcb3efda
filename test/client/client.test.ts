// Proves the committed spec describes what the server sends: a client typed from openapi.yaml calls
// every read operation the spec lists on a real socket, and each body is checked against the spec's
// own 200 schema. The typed calls at the end are checked by `tsc --noEmit` against the generated types.
import type { FastifyInstance } from 'fastify';
import createClient, { type Client } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../helpers.js';
import { exampleParams, loadCommittedSpec, readOperations, responseValidators, successMediaType } from './operations.js';
import type { paths } from './schema.js';

const spec = loadCommittedSpec();
const operations = readOperations(spec);
const validators = responseValidators(spec);

let app: FastifyInstance;
let client: Client<paths>;
beforeAll(async () => {
  ({ app } = await seededApp());
  client = createClient<paths>({ baseUrl: await app.listen({ host: '127.0.0.1', port: 0 }) });
});
afterAll(() => app.close());

describe('every GET operation in openapi.yaml, called with the spec\'s examples', () => {
  it('finds the read operations in the spec', () => {
    expect(operations.map((o) => o.id)).toEqual(expect.arrayContaining(['listClaims', 'getClaim', 'getHealth']));
  });

  it.each(operations)('$id (GET $path) answers 200 with a body its 200 schema accepts', async (read) => {
    const params = exampleParams(read);
    const { mediaType, json } = successMediaType(read);
    // The path comes from the spec at run time, so the typed signature cannot help here.
    const untyped = client as unknown as Client<Record<string, Record<'get', object>>>;
    const { response, data, error } = await untyped.GET(read.path, {
      params: { path: params.path, query: params.query },
      headers: { ...params.header, accept: mediaType },
      parseAs: json ? 'json' : 'text',
    });
    expect(response.status, `${read.id} ${response.url}: ${JSON.stringify(error)}`).toBe(200);
    expect(response.headers.get('content-type')).toContain(mediaType);
    if (!json) {
      expect(String(data).length, `${read.id}: empty ${mediaType} body`).toBeGreaterThan(0);
      return;
    }
    const validate = validators.forSuccess(read, mediaType);
    expect(validate(data), `${read.id} ${response.url}\n  ${validators.errorsText(validate)}`).toBe(true);
    // An empty page would pass any item schema: the examples should pick rows the corpus has.
    const page = data as { data?: unknown[] };
    if (Array.isArray(page.data)) expect(page.data.length, `${read.id} ${response.url} returned no rows`).toBeGreaterThan(0);
  });
});

describe('typed calls through the generated client', () => {
  it('lists claims and fetches the first one by id', async () => {
    // The list also exports CSV and NDJSON, so its typed body is JSON-or-text: ask for JSON and narrow.
    const list = await client.GET('/v1/claims', { params: { query: { limit: 3 } }, parseAs: 'json' });
    expect(list.response.status).toBe(200);
    const page = list.data as Exclude<typeof list.data, string | undefined>;
    const first = page.data[0];
    expect(page.data).toHaveLength(3);

    // The item is JSON or schema.org JSON-LD by Accept; without one it is JSON, the ClaimDetail shape.
    const item = await client.GET('/v1/claims/{id}', { params: { path: { id: first.id } } });
    const claim = item.data as Extract<typeof item.data, { relations: unknown }>;
    expect(claim.id).toBe(first.id);
    expect(claim.quote.exact).toBe(first.quote.exact);
    expect(Array.isArray(claim.relations)).toBe(true);
  });

  it('gets a typed problem+json error for an unknown id', async () => {
    const { data, error, response } = await client.GET('/v1/entities/{id}', { params: { path: { id: 'no-such-entity' } } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(error?.code).toBe('not_found');
    expect(error?.instance).toBe('/v1/entities/no-such-entity');
  });

  it('reads health as the spec types it', async () => {
    const { data } = await client.GET('/health');
    expect(data?.status).toBe('ok');
    expect(data?.claims).toBeGreaterThan(0);
  });

  // Never called: tsc fails here if the generated types stop requiring the path parameter.
  const missingId = () =>
    // @ts-expect-error `id` is required by /v1/claims/{id}
    client.GET('/v1/claims/{id}', { params: { path: {} } });
  void missingId;
});
