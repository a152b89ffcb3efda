// Shapes and helpers every list and item route shares: ids, paging, the list envelope.
import { z } from 'zod';
import { AppError } from './problem.js';
import { problemSchema } from './problem.js';
import { facetSchema } from './params.js';

export const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like "nis"')
  .max(100);
/** Path parameters of an item route, with a real id from the corpus as the example Swagger UI fills in. */
export const idParams = (example: string) =>
  z.strictObject({ id: idSchema.describe('The resource id, a readable slug.').meta({ example }) });

export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;

/** A whole-number query parameter from `min` to `max` (at most 999), parsed strictly from its text. */
export const wholeNumberParam = (min: number, max: number, description: string) => z
  .string()
  .regex(/^\d{1,3}$/, `must be a whole number from ${min} to ${max}`)
  .transform(Number)
  .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`)
  .optional()
  .describe(description)
  // The text is parsed strictly above; the spec tells clients what it means: an integer.
  .meta({ type: 'integer', minimum: min, maximum: max, pattern: undefined } as Record<string, unknown>);

export const limitSchema = wholeNumberParam(1, MAX_LIMIT, `Page size, 1 to ${MAX_LIMIT}; ${DEFAULT_LIMIT} when absent.`);

export const cursorSchema = z
  .string()
  .max(1000)
  .optional()
  .describe('Opaque: the `next_cursor` of the previous page. Absent for the first page.');

export const pageQuery = { limit: limitSchema, cursor: cursorSchema };

export const nextCursorSchema = z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.');

/** A list whose request may also ask for `total` and `facets` (each present only when asked for). */
export const listWithExtras = <T extends z.ZodType, E extends z.ZodRawShape = {}>(item: T, id: string, extra?: E) =>
  z.object({
    data: z.array(item),
    next_cursor: nextCursorSchema,
    ...(extra as E),
    total: z.number().int().optional().describe('With count=true: rows matching the filters, over all pages.'),
    facets: z.record(z.string(), z.array(facetSchema)).optional()
      .describe('With facets=...: per field, the count of matching rows for each value, most frequent first (the 50 most frequent).'),
  }).meta({ id });

export const listOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({
    data: z.array(item),
    next_cursor: nextCursorSchema,
  }).meta({ id });

const ERROR_DESCRIPTIONS = {
  400: 'The request is not valid: `errors` names each offending parameter.',
  401: 'No valid API key: send "Authorization: Bearer <key>".',
  403: "The key's role is too low for this.",
  404: 'No resource has this id.',
  409: 'It collides with an existing resource (`existing_id`) or is still referenced.',
  410: 'The resource was deleted (its history keeps it; an admin can restore it).',
  412: 'If-Match names an older version: re-read the resource (`current_version`, `current_etag`) and retry.',
  415: 'The body must be application/json.',
  422: 'The body is well-formed but cannot be applied: `errors` names each offending field.',
  428: 'Send If-Match with the ETag you last read, so two editors cannot overwrite each other.',
  406: 'None of the media types in Accept can be served.',
  429: 'Too many requests: wait as RateLimit-Reset says.',
  503: 'The service cannot reach its database.',
} as const;

/** Error responses as the spec should show them: problem+json, with what each status means here. */
export const errorResponses = (...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]) =>
  Object.fromEntries(statuses.map((status) => [status, {
    description: ERROR_DESCRIPTIONS[status],
    content: { 'application/problem+json': { schema: problemSchema } },
  }]));

const header = (description: string, type: 'string' | 'integer' = 'string') => ({ description, schema: { type } });

/** Headers every successful /v1 read carries (caching.ts, links.ts, rate-limit.ts); added to the spec in openapi.ts. */
export const READ_HEADERS = {
  ETag: header('Validator for If-None-Match: an unchanged resource answers 304 with no body.'),
  'Cache-Control': header('`no-cache` by default: keep it, but revalidate with the ETag before use.'),
  Link: header('On a list page with more rows: `<url>; rel="next"`, the same request with the next cursor.'),
  'RateLimit-Limit': header('Requests allowed per window for this client.', 'integer'),
  'RateLimit-Remaining': header('Requests left in the current window.', 'integer'),
  'RateLimit-Reset': header('Seconds until the window resets.', 'integer'),
  'x-request-id': header('The request id: the one sent, or one made up; also in logs and error bodies.'),
};

/** A success response with a description of its own (Swagger UI shows it beside the status). */
export const ok = <T extends z.ZodType>(schema: T, description: string) =>
  ({ description, content: { 'application/json': { schema } } });

export type SortKey = (string | number | null)[];

/**
 * Cursors carry the sort key of the last row served, so the next page starts strictly after it
 * (keyset paging: no OFFSET, no row seen twice or skipped when rows are added meanwhile).
 * The sort's name goes in too, so a cursor from one ordering is refused by another.
 */
export function encodeCursor(sort: string, key: SortKey): string {
  return Buffer.from(JSON.stringify([sort, ...key])).toString('base64url');
}

/** The cursor's JSON array, or undefined when it is not one. */
function parseCursor(cursor: string): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The 400 for a cursor no list gave out (or another list, or another ordering). */
export const invalidCursor = () => new AppError('validation_failed', 'cursor is not one this list gave out: start again without it',
  [{ in: 'query', name: 'cursor', message: 'is not a cursor from this list and ordering' }]);

export function decodeCursor(cursor: string, sort: string, arity: number): SortKey {
  const parsed = parseCursor(cursor);
  if (!parsed || parsed[0] !== sort || parsed.length !== arity + 1 ||
      !parsed.slice(1).every((v) => v === null || typeof v === 'string' || typeof v === 'number')) {
    throw invalidCursor();
  }
  return parsed.slice(1) as SortKey;
}

/**
 * The ordering a cursor was given out under, or undefined for anything else. For lists that choose
 * their ordering per search: a next page must keep the first page's ordering, whatever it would
 * choose now. decodeCursor still checks the cursor in full.
 */
export function cursorSort(cursor: string): string | undefined {
  const sort = parseCursor(cursor)?.[0];
  return typeof sort === 'string' ? sort : undefined;
}

export interface Page<T> { data: T[]; next_cursor: string | null }

/** Rows were fetched with limit + 1: the extra row only says whether a next page exists. */
export function toPage<Row, T>(rows: Row[], limit: number, sort: string, keyOf: (row: Row) => SortKey, map: (rows: Row[]) => T[]): Page<T> {
  const more = rows.length > limit;
  const served = more ? rows.slice(0, limit) : rows;
  return {
    data: map(served),
    next_cursor: more ? encodeCursor(sort, keyOf(served[served.length - 1])) : null,
  };
}
