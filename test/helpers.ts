// Every test gets its own in-memory database with the real migrations, so tests never share state.
import { fileURLToPath } from 'node:url';
import type { Statement } from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createKey } from '../src/auth/keys.js';
import { buildApp } from '../src/app.js';
import { readSeedFolder } from '../src/annotations/read-seed.js';
import type { Corpus } from '../src/annotations/resolve.js';
import { storeCorpus } from '../src/annotations/store.js';
import { openDatabase, type Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { runKeyset, type KeysetQuery } from '../src/db/keyset.js';

export const SEED_FOLDER = fileURLToPath(new URL('../seed', import.meta.url));

export function freshDb(): Db {
  const db = openDatabase(':memory:');
  migrate(db);
  return db;
}

let corpus: Corpus | undefined;
/** The real annotated corpus, resolved once per test file (it is plain data; each test stores its own copy). */
export function seedCorpus(): Corpus {
  corpus ??= readSeedFolder(SEED_FOLDER);
  return corpus;
}

export function seededDb(): Db {
  const db = freshDb();
  storeCorpus(db, seedCorpus());
  return db;
}

export async function seededApp(): Promise<{ app: FastifyInstance; db: Db }> {
  const db = seededDb();
  const app = await buildApp({ config: { logLevel: 'silent', validateResponses: true }, db });
  return { app, db };
}

/**
 * Every row of every data table in a total order, for "nothing changed" assertions. FTS5's own
 * tables and the term lists read from them are left out: their index segments are an encoding of the
 * data, rewritten on reload.
 */
export function dumpTables(db: Db): Record<string, unknown[]> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
    AND name NOT LIKE '__drizzle%' AND name NOT LIKE '%_fts' AND name NOT LIKE '%_fts_%' AND name NOT LIKE '%_terms' ORDER BY name`).all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => {
    const columns = (db.prepare(`PRAGMA table_info("${name}")`).all() as unknown[]).map((_, i) => i + 1);
    return [name, db.prepare(`SELECT * FROM "${name}" ORDER BY ${columns.join(', ')}`).all()];
  }));
}

/**
 * One seeded app for a describe block's tests (they only read), closed after them.
 * `get(url)` returns the parsed body.
 */
export function useSeededApp() {
  const ctx = {} as { app: FastifyInstance; db: Db };
  beforeAll(async () => Object.assign(ctx, await seededApp()));
  afterAll(() => ctx.app.close());
  const get = async (url: string) => (await ctx.app.inject({ url })).json();
  return { ctx, get };
}

/** One app for the file over a fresh database that `fill` writes first: for tests that make their own corpus. */
export function useFilledApp(fill: (db: Db) => void) {
  const ctx = {} as { app: FastifyInstance; db: Db };
  beforeAll(async () => {
    ctx.db = freshDb();
    fill(ctx.db);
    ctx.app = await buildApp({ config: { logLevel: 'silent' }, db: ctx.db });
  });
  afterAll(() => ctx.app.close());
  return ctx;
}

/**
 * A fresh seeded app per test (writes change it) with an editor key `desk`, and shorthands for
 * writing as that editor and reading back.
 */
export function useEditorApp() {
  const ctx = {} as { app: FastifyInstance; db: Db; editor: string };
  beforeEach(async () => {
    Object.assign(ctx, await seededApp());
    ctx.editor = createKey(ctx.db, 'desk', 'editor');
    return () => ctx.app.close();
  });
  type Method = 'POST' | 'PATCH' | 'DELETE';
  const write = (method: Method, url: string, payload?: Record<string, unknown>, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method, url, payload, headers: { authorization: `Bearer ${ctx.editor}`, ...headers } });
  const read = (url: string) => ctx.app.inject({ url });
  const etagOf = async (url: string) => (await read(url)).headers.etag as string;
  return { ctx, write, read, etagOf };
}

/** What `read` gives after `rebuild` recomputes derived rows from scratch, without keeping the rebuild. */
export function afterRebuild<T>(db: Db, rebuild: (db: Db) => void, read: (db: Db) => T): T {
  db.exec('SAVEPOINT oracle');
  try {
    rebuild(db);
    return read(db);
  } finally {
    db.exec('ROLLBACK TO oracle; RELEASE oracle');
  }
}

type ListPage<T> = { data: T[]; next_cursor: string | null };

/** Every page of a list: `url` (with its own filters and limit) and then each next_cursor, to the last page. */
export async function everyPage<T = { id: string }, P extends ListPage<T> = ListPage<T>>(app: FastifyInstance, url: string): Promise<P[]> {
  const pages: P[] = [];
  let cursor: string | null = null;
  do {
    const res = await app.inject({ url: cursor === null ? url : `${url}${url.includes('?') ? '&' : '?'}cursor=${cursor}` });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    pages.push(res.json() as P);
    cursor = pages[pages.length - 1].next_cursor;
  } while (cursor !== null && pages.length < 1000);
  return pages;
}

/** The items of every page of a list, in order. */
export const everyItem = async <T = { id: string }>(app: FastifyInstance, url: string): Promise<T[]> =>
  (await everyPage<T>(app, url)).flatMap((page) => page.data);

export interface Run { sql: string; params: unknown[] }

/** Records every statement run on `db` from now on (by `all`, `get` or `run`), with its parameters. */
export function recordStatements(db: Db): Run[] {
  const runs: Run[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql) as Statement;
    for (const method of ['all', 'get', 'run'] as const) {
      const original = statement[method].bind(statement) as (...params: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        runs.push({ sql, params });
        return original(...params);
      };
    }
    return statement;
  }) as Db['prepare'];
  return runs;
}

type IdQuery = Omit<KeysetQuery<{ id: string }, string>, 'map'>;

/**
 * The ids on every page of a keyset query with this select (one id column), page by page: to compare
 * plans of one list. A function gives the query for each page (0 on), so that plans can take turns.
 */
export function keysetPages(db: Db, query: IdQuery | ((page: number) => IdQuery), limit: number): string[][] {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const asked = typeof query === 'function' ? query(pages.length) : query;
    const page = runKeyset<{ id: string }, string>(db, { ...asked, map: (rows) => rows.map((r) => r.id) }, { limit, cursor });
    pages.push(page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return pages;
}
