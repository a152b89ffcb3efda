// npm run bench:data -- --claims 1000000 [--seed N] [--out bench/data/claims-1m.db]
// Writes a synthetic archive (bench/synthetic.ts) into a fresh database through the seed's loading
// code in its bulk mode, with a progress bar on stderr, then prints rows/s end to end (indexes,
// full-text index, entity stats and ANALYZE included), the file's size and the peak RSS. Beside the
// database, <name>.json records those figures and the ids a benchmark asks about (hot entity, ...).
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { bulkStoreRows, type BulkProgress } from '../src/annotations/store.js';
import { openDatabase, type Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { COMMON_WORD } from './synthetic.js';
import { syntheticRowsInWorker } from './synthetic-worker.js';
import { sizeLabel } from './report.js';

export interface Generated {
  out: string; claims: number; seed: number; rows: Record<string, number>; total_rows: number; seconds: number;
  rows_per_second: number; bytes: number; max_rss_bytes: number; targets: Record<string, string | null>;
  /** Seconds spent in each phase: opening and migrating, rows, indexes, full-text, entity stats, analyze, closing. */
  phases: Record<string, number>;
}

// The sorter's run length, in KiB: 4 MiB runs built the largest indexes fastest of 4, 8, 16, 32 and
// 64 MiB (3.17M mentions' index, on a copy of the database: 2.1-2.6 s, against 6.4 s in one run).
const SORT_RUN_KIB = 4096;
// Pages the load keeps in memory before writing any out: about 4 GB of 4 KiB pages, more than a
// million claims' 2.4 GB file, so a load of that size writes only at its commit; a larger one spills.
// (Not 2^20: SQLite also reads the number as a yes/no, from its low byte, and 2^20 would mean OFF.)
const SPILL_AFTER_PAGES = 1_000_000;

export interface GenerateOptions {
  out: string;
  claims: number;
  seed: number;
}

/** Generates the database at `out` (replacing any file there) and returns what was measured. */
export function generate({ out, claims, seed }: GenerateOptions, onProgress?: (p: BulkProgress) => void): Generated {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let phase = 'open';
  let since = started;
  const enter = (next: string) => {
    const now = performance.now();
    phases[phase] = round((phases[phase] ?? 0) + (now - since) / 1000, 2);
    [phase, since] = [next, now];
  };
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${out}${suffix}`, { force: true });
  const db = openDatabase(out);
  migrate(db);
  // The file is new and thrown away on failure: no journal to keep, no fsync to wait for. The pages
  // the load writes stay in memory up to SPILL_AFTER_PAGES (cache_spill: the cache outgrows its size
  // rather than write pages out). The cache size is then only what SQLite's sorter (index builds,
  // ORDER BY, GROUP BY) takes as its run length. Short runs written to temporary files (temp_store
  // FILE, the default; with MEMORY the sorter makes one run), each sorted within the CPU's caches, up
  // to two at a time on helper threads, then merged, beat one sort of the whole set in memory: at a
  // million claims, back to back, indexes 24.5-24.9 -> 8.8-9.9 s and the whole load 108-114 -> 83-86 s.
  // Temporary files (the sorter's runs, the staging table) go to SQLite's temp directory (/var/tmp).
  // The server's WAL mode is set back after.
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma(`cache_spill = ${SPILL_AFTER_PAGES}`);
  db.pragma(`cache_size = -${SORT_RUN_KIB}`);
  db.pragma('temp_store = FILE');
  db.pragma('threads = 2');
  const rows = bulkStoreRows(db, syntheticRowsInWorker({ claims, seed }), (progress) => {
    if (progress.phase !== phase) enter(progress.phase);
    onProgress?.(progress);
  });
  enter('close');
  db.pragma('journal_mode = WAL');
  const targets = targetsIn(db);
  db.close();
  enter('done');
  const seconds = (performance.now() - started) / 1000;
  const total = Object.values(rows).reduce((a, b) => a + b, 0);
  return {
    out, claims, seed, rows, total_rows: total, seconds: round(seconds, 2), rows_per_second: Math.round(total / seconds),
    bytes: statSync(out).size, max_rss_bytes: process.resourceUsage().maxRSS * 1024, targets, phases,
  };
}

/** What a benchmark asks about: the hot entity, a cold one, a busy topic and claimant, a rare word. */
function targetsIn(db: Db): Record<string, string | null> {
  const one = (sql: string) => (db.prepare(sql).pluck().get() as string | undefined) ?? null;
  const entities = db.prepare('SELECT count(*) FROM entities').pluck().get() as number;
  const code = one(`SELECT text FROM claims WHERE text LIKE '%(code name %' ORDER BY id LIMIT 1`);
  return {
    hot_entity: one('SELECT id FROM entities ORDER BY claim_count DESC, id LIMIT 1'),
    cold_entity: one(`SELECT id FROM entities ORDER BY claim_count DESC, id LIMIT 1 OFFSET ${Math.floor(entities / 20)}`),
    top_claimant: one('SELECT id FROM entities ORDER BY claims_made DESC, id LIMIT 1'),
    top_topic: one('SELECT topic_id FROM claims WHERE topic_id IS NOT NULL GROUP BY topic_id ORDER BY count(*) DESC, topic_id LIMIT 1'),
    common_word: COMMON_WORD,
    rare_word: code?.match(/\(code name (\w+)\)/)?.[1] ?? null,
    first_day: one('SELECT min(claimed_from) FROM claims'),
    last_day: one('SELECT max(claimed_to) FROM claims'),
  };
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const grouped = (n: number) => n.toLocaleString('en-US');
const mebibytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function parse(argv: string[]): { claims: number; seed: number; out: string } {
  const { values } = parseArgs({ args: argv, options: { claims: { type: 'string' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } } });
  const integer = (name: string, text: string | undefined, min: number, max: number) => {
    if (text === undefined || !/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      throw new Error(`--${name} must be a whole number from ${min} to ${max}${text === undefined ? '' : ` (got "${text}")`}`);
    }
    return Number(text);
  };
  const claims = integer('claims', values.claims, 1, 20_000_000);
  return { claims, seed: integer('seed', values.seed, 0, 2 ** 32 - 1), out: values.out ?? `bench/data/claims-${sizeLabel(claims)}.db` };
}

function main(): void {
  const { claims, seed, out } = parse(process.argv.slice(2));
  const tty = process.stderr.isTTY === true;
  const bar = new SingleBar({
    format: '{bar} {percentage}% | {value}/{total} claims | {rows} rows | {phase}', noTTYOutput: !tty, hideCursor: tty,
  });
  console.error(`bench:data: ${grouped(claims)} claims, seed ${seed} -> ${out}`);
  bar.start(claims, 0, { rows: 0, phase: 'rows' });
  let shown = 0;
  const result = generate({ out, claims, seed }, ({ phase, rows }) => {
    bar.update(rows.claims, { rows: grouped(Object.values(rows).reduce((a, b) => a + b, 0)), phase });
    // Away from a terminal the bar's timer never fires during the synchronous load: print a line now and then.
    if (!tty && (phase !== 'rows' || Date.now() - shown > 5000)) {
      shown = Date.now();
      bar.render();
    }
  });
  bar.stop();
  writeFileSync(out.replace(/\.db$/, '') + '.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(Object.entries(result.rows).map(([table, n]) => `${table} ${grouped(n)}`).join(' · '));
  console.log(`${grouped(result.total_rows)} rows in ${result.seconds} s: ${grouped(result.rows_per_second)} rows/s end to end · ` +
    `${mebibytes(result.bytes)} on disk · peak RSS ${mebibytes(result.max_rss_bytes)}`);
  console.log(`seconds by phase: ${Object.entries(result.phases).map(([p, s]) => `${p} ${s}`).join(' · ')}`);
  console.log(`hot entity ${result.targets.hot_entity}, cold entity ${result.targets.cold_entity}, top topic ${result.targets.top_topic}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    main();
  } catch (error) {
    console.error(`bench:data: ${(error as Error).message}`);
    process.exit(1);
  }
}
