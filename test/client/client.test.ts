// Proves the committed spec describes what the server sends: a client typed from openapi.yaml calls
// every read operation the spec lists on a real socket, and each body is checked against the spec's
// own 200 schema. The typed calls at the end are checked by `tsc --noEmit` against the generated types.
import type { FastifyInstance } from 'fastify';
import createClient, { type Client } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import type { Db } from '../../src/db/client.js';
import { seededApp } from '../helpers.js';
import { exampleParams, loadCommittedSpec, readOperations, responseValidators, successMediaType } from './operations.js';
import type { paths } from './schema.js';

const spec = loadCommittedSpec();
const operations = readOperations(spec);
const validators = responseValidators(spec);

let app: FastifyInstance;
let client: Client<paths>;
beforeAll(async () => {
  let db: Db;
  ({ app, db } = await seededApp());
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  client = createClient<paths>({ baseUrl });
  await editEveryExample(baseUrl, createKey(db, 'desk', 'editor'));
});

/**
 * History and the change feed are empty until something is edited: touch the item each history
 * example names, through the API, so every read has rows to check against the spec.
 */
async function editEveryExample(baseUrl: string, key: string): Promise<void> {
  for (const read of operations.filter((o) => o.path.endsWith('/history'))) {
    const { path } = exampleParams(read);
    const itemPath = read.path.replace(/\/history$/, '').replace(/\{(\w+)\}/g, (_, name: string) => path[name]);
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'if-match': '*' };
    const current = await (await fetch(`${baseUrl}${itemPath}`)).json() as Record<string, unknown>;
    // A note, description or title: an editable text field every resource has one of.
    const field = ['note', 'description', 'title', 'question', 'text'].find((name) => name in current)!;
    const res = await fetch(`${baseUrl}${itemPath}`, {
      method: 'PATCH', headers, body: JSON.stringify({ [field]: `${String(current[field] ?? '')} (edited)`.trim() }),
    });
    if (res.status !== 200) throw new Error(`PATCH ${itemPath}: ${res.status} ${await res.text()}`);
  }
}
afterAll(() => app.close());

describe('every GET operation in openapi.yaml, called with the spec\'s examples', () => {
  it('finds the read operations in the spec', () => {
    expect(operations.map((o) => o.id)).toEqual(expect.arrayContaining(['listClaims', 'getClaim', 'getHealth']));
  });

  it.each(operations)('$id (GET $path) answers 200 with a body its 200 schema accepts', async (read) => {
    const params = exampleParams(read);
    const { mediaType, json } = successMediaType(read);
    if (mediaType === 'text/event-stream') return checkEventStream(read.path, params.query);
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

/** An event stream never ends: read its first bytes, then hang up. */
async function checkEventStream(path: string, query: Record<string, string>): Promise<void> {
  const url = new URL(path, app.listeningOrigin);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: abort.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const first = await response.body!.getReader().read();
  expect(new TextDecoder().decode(first.value)).toMatch(/^(: |id: |event: )/);
  abort.abort();
}

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
