// A prototype of a different read path, for planning (README: "Benchmarks and performance", "The floor"):
// each claim's JSON rendered once by claimtrail's own repository and stored ready, so the entity page is
// one query and a string join, with no hydration and no serialization. Bare like bench/baseline.ts (no
// claimtrail layers) and answering the same bytes; nothing keeps the stored JSON current after a write.
//   DATABASE_URL=<db> STORED_JSON=<side file> node --import tsx bench/stored-json.ts render
//   DATABASE_URL=<db> STORED_JSON=<side file> PORT=3003 node --import tsx bench/stored-json.ts serve
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClaimRepository } from '../src/claims/repository.js';
import { openDatabase, type Db } from '../src/db/client.js';
import { DEFAULT_LIMIT as LIMIT, encodeCursor } from '../src/http/common.js';
import { listenUntilStopped } from './servers.js';

const BATCH = 500;

/** Renders every claim, as the claims list shows it, into `stored.claim_json` (an attached database); returns how many. */
export function renderClaimJson(db: Db, batchSize = BATCH): number {
  db.exec(`DROP TABLE IF EXISTS stored.claim_json;
    CREATE TABLE stored.claim_json (id TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID`);
  const claims = createClaimRepository(db);
  const ids = db.prepare('SELECT id FROM main.claims ORDER BY id').pluck().all() as string[];
  const insert = db.prepare('INSERT INTO stored.claim_json (id, json) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < ids.length; i += batchSize) {
      const batch = ids.slice(i, i + batchSize);
      const rendered = claims.getMany(batch);
      for (const id of batch) insert.run(id, JSON.stringify(rendered.get(id)));
    }
  })();
  return ids.length;
}

/** GET /v1/claims?entity=<id> from `stored.claim_json`: the bare baseline's page, the same bytes. */
export function buildStoredJson(db: Db): FastifyInstance {
  const page = db.prepare(`SELECT j.json, x.claimed_from, x.claim_id FROM entity_claims x
    JOIN stored.claim_json j ON j.id = x.claim_id WHERE x.entity_id = ? ORDER BY x.claimed_from, x.claim_id LIMIT ?`).raw(true);
  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/v1/claims', (request, reply) => {
    const { entity } = request.query as { entity?: string };
    if (!entity) return reply.code(400).send({ error: 'entity is required' });
    const rows = page.all(entity, LIMIT + 1) as [json: string, claimedFrom: string, claimId: string][];
    const served = rows.slice(0, LIMIT);
    // The next page starts after the last row served, keyed as the baseline's cursor is.
    const last = rows.length > LIMIT ? served[LIMIT - 1] : undefined;
    const cursor = last ? encodeCursor('claimed_on', [last[1], last[2]]) : null;
    return reply.type('application/json; charset=utf-8')
      .send(`{"data":[${served.map(([json]) => json).join(',')}],"next_cursor":${JSON.stringify(cursor)}}`);
  });
  return app;
}

async function main(): Promise<void> {
  const [command] = process.argv.slice(2);
  const side = process.env.STORED_JSON;
  if ((command !== 'render' && command !== 'serve') || !side) {
    throw new Error('usage: DATABASE_URL=<db> STORED_JSON=<side file> [PORT=<n>] tsx bench/stored-json.ts render|serve');
  }
  // ATTACH would create an empty file, and serving it would fail on every request.
  if (command === 'serve' && !existsSync(side)) throw new Error(`${side} does not exist: run render first`);
  const db = openDatabase(process.env.DATABASE_URL ?? 'data/claimtrail.db');
  db.prepare('ATTACH ? AS stored').run(side);
  if (command === 'render') {
    const started = performance.now();
    const count = renderClaimJson(db);
    console.log(`${count} claims rendered into ${side} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    db.close();
    return;
  }
  await listenUntilStopped(buildStoredJson(db), 3003, () => db.close());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
