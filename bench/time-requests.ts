// Single-request timings, in process (app.inject), against a database opened read-only (it is
// never written to). For checking one change quickly, without
// the load generator: `npx tsx bench/time-requests.ts bench/data/claims-1m.db '/v1/search?q=that' ...`
import Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const [file, ...urls] = process.argv.slice(2);
if (!file || urls.length === 0) {
  console.error('usage: tsx bench/time-requests.ts <database> <url>...');
  process.exit(2);
}
const REPETITIONS = Number(process.env.REPETITIONS ?? 7);
const db = new Database(resolve(file), { readonly: true, fileMustExist: true });
// The server's configuration (as `npm run bench` runs it), without logs or rate limits.
const app = await buildApp({ config: loadConfig({ RATE_LIMIT_MAX: 'off', LOG_LEVEL: 'silent' }), db });

for (const url of urls) {
  const first = await app.inject({ url });
  if (first.statusCode !== 200) console.error(url, first.statusCode, first.body.slice(0, 300));
  const times: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    const started = performance.now();
    await app.inject({ url });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const body = first.json() as { data?: unknown[]; ranked_by?: string };
  console.log([url, `median ${times[times.length >> 1].toFixed(2)} ms`, `min ${times[0].toFixed(2)} ms`,
    `items ${body.data?.length ?? '-'}`, body.ranked_by ?? ''].join('  '));
}
await app.close();
db.close();
