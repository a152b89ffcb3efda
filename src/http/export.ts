// Exports: every row a filtered list matches, as CSV or NDJSON, streamed. Rows are fetched in
// keyset batches through the list's own query (an open better-sqlite3 iterator would block every
// other query on the connection), and the stream pulls the next batch only when the client has
// taken the last one, so memory stays flat however many rows match.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Page } from './common.js';
import { negotiate, varyOn } from './negotiate.js';

export const EXPORT_BATCH = 1000;
export const FORMATS = ['json', 'csv', 'ndjson'] as const;
export type Format = (typeof FORMATS)[number];

export const formatParam = z.enum(FORMATS).optional().describe(
  'json: one page (the default). csv or ndjson: every matching row, streamed, ignoring limit and cursor ' +
  '(same as sending Accept: text/csv or Accept: application/x-ndjson).',
);

const MEDIA = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' } as const;

const OFFERS = ['application/json', 'text/csv', 'application/x-ndjson'] as const;
const FORMAT_OF = { 'application/json': 'json', 'text/csv': 'csv', 'application/x-ndjson': 'ndjson' } as const;

/**
 * The format asked for: the `format` parameter wins, then the Accept header. Lists fall back to
 * JSON rather than 406 when Accept names none of the three (a browser's text/html, say).
 */
export function requestedFormat(request: FastifyRequest, format?: Format): Format {
  if (format) return format;
  const type = negotiate(request.headers.accept, OFFERS);
  return type ? FORMAT_OF[type] : 'json';
}

export interface ExportSpec<T> {
  name: string;
  fetch: (cursor: string | undefined) => Page<T>;
  columns: string[];
  toRecord: (item: T) => (string | number | boolean | null)[];
}

// A cell starting like a formula runs as one when the file is opened in a spreadsheet (CSV injection):
// such text gets a leading apostrophe, which spreadsheets show as plain text. Numbers are left alone.
const FORMULA_START = /^[=+\-@\t\r]/;
export const csvCell = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
const CSV_OPTIONS = { cast: { string: csvCell } };

async function* batches<T>(fetch: ExportSpec<T>['fetch']): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = fetch(cursor);
    yield page.data;
    cursor = page.next_cursor ?? undefined;
    // Let other requests run between batches: a big export must not hold the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  } while (cursor !== undefined);
}

export async function* exportLines<T>(format: 'csv' | 'ndjson', spec: ExportSpec<T>): AsyncGenerator<string> {
  if (format === 'csv') yield stringify([spec.columns], CSV_OPTIONS);
  for await (const items of batches(spec.fetch)) {
    if (items.length === 0) continue;
    yield format === 'csv'
      ? stringify(items.map(spec.toRecord), CSV_OPTIONS)
      : items.map((item) => `${JSON.stringify(item)}\n`).join('');
  }
}

export function sendExport<T>(reply: FastifyReply, format: 'csv' | 'ndjson', spec: ExportSpec<T>): FastifyReply {
  return reply
    .type(MEDIA[format])
    .header('content-disposition', `attachment; filename="${spec.name}.${format === 'csv' ? 'csv' : 'ndjson'}"`)
    .send(Readable.from(exportLines(format, spec)));
}

type ListQuery = { format?: Format; limit?: number; cursor?: string; count?: boolean; facets?: unknown };

/**
 * The handler body of a list that can also export: one JSON page, or every matching row as CSV or
 * NDJSON, by `format` or Accept. `Vary: Accept` either way, so a cache never serves one as the other.
 */
export function listOrExport<Q extends ListQuery, T>(
  request: FastifyRequest, reply: FastifyReply, query: Q, list: (query: Q) => Page<T>,
  csv: Omit<ExportSpec<T>, 'fetch'>,
) {
  varyOn(reply, 'Accept');
  const format = requestedFormat(request, query.format);
  if (format === 'json') return list(query);
  return sendExport(reply, format, {
    ...csv,
    fetch: (cursor) => list({ ...query, limit: EXPORT_BATCH, cursor, count: false, facets: undefined }),
  });
}

/** The response map for a list that can also export: documented media types for each format. */
export const exportResponses = (json: z.ZodType, description: string) => ({
  description,
  content: {
    'application/json': { schema: json },
    'text/csv': { schema: z.string().describe('Every matching row, a header line first.') },
    'application/x-ndjson': { schema: z.string().describe('Every matching row, one JSON object per line.') },
  },
});

export const joinIds = (items: { id: string }[]) => items.map((i) => i.id).join(';');
