// The bare baseline: Fastify and better-sqlite3 with nothing else (no zod, no plugins, no hooks), serving
// GET /v1/claims?entity=<id> with the very SQL claimtrail runs for it (the page by keyset through
// entity_claims, then one query per child table for the page, as src/claims/repository.ts hydrates) and the
// same JSON. What claimtrail's own layers cost is then the ratio of the two servers' requests per second.
// The connection is opened as claimtrail opens it, so pragmas are not part of the difference.
// test/bench.test.ts checks that these statements are the ones claimtrail runs, and the answers equal.
import Fastify, { type FastifyInstance } from 'fastify';
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../src/db/client.js';
import { listenUntilStopped } from './servers.js';

const LIMIT = 50;

const COLUMNS = `c.id, c.article_id, c.text, c.quote_exact, c.quote_prefix, c.quote_suffix, c.quote_start,
  c.quote_end, c.claimant_id, (SELECT name FROM entities WHERE id = c.claimant_id) AS claimant_name,
  (SELECT kind FROM entities WHERE id = c.claimant_id) AS claimant_kind, c.stance, c.certainty, c.claimed_on,
  c.claimed_from, c.topic_id, c.version`;
const IN_PAGE = 'IN (SELECT value FROM json_each(?))';

export const BASELINE_SQL = {
  page: `SELECT ${COLUMNS}, x.claimed_from AS _k0, x.claim_id AS _k1 FROM entity_claims x JOIN claims c ON c.id = x.claim_id
    WHERE x.entity_id = ? ORDER BY x.claimed_from, x.claim_id LIMIT ?`,
  via: `SELECT v.claim_id, e.id, e.name FROM claim_via v JOIN entities e ON e.id = v.entity_id
    WHERE v.claim_id ${IN_PAGE} ORDER BY v.claim_id, v.position`,
  subjects: `SELECT s.claim_id, e.id, e.name, s.role FROM claim_entities s
    JOIN entities e ON e.id = s.entity_id WHERE s.claim_id ${IN_PAGE} ORDER BY s.claim_id, s.position`,
  events: `SELECT claim_id, event_id FROM claim_events WHERE claim_id ${IN_PAGE}
    ORDER BY claim_id, event_id`,
  quantities: `SELECT claim_id, value, min, max, unit, approximate FROM claim_quantities
    WHERE claim_id ${IN_PAGE} ORDER BY claim_id, position`,
};

type Row = Record<string, string | number | null>;

function byClaim(rows: Row[]): Map<unknown, Row[]> {
  const groups = new Map<unknown, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.claim_id);
    if (group) group.push(row);
    else groups.set(row.claim_id, [row]);
  }
  return groups;
}

export function buildBaseline(db: Db): FastifyInstance {
  const page = db.prepare(BASELINE_SQL.page);
  const [via, subjects, events, quantities] = [BASELINE_SQL.via, BASELINE_SQL.subjects, BASELINE_SQL.events, BASELINE_SQL.quantities]
    .map((sql) => db.prepare(sql));
  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/v1/claims', async (request, reply) => {
    const { entity } = request.query as { entity?: string };
    if (!entity) return reply.code(400).send({ error: 'entity is required' });
    const rows = page.all(entity, LIMIT + 1) as Row[];
    const served = rows.slice(0, LIMIT);
    const ids = JSON.stringify(served.map((r) => r.id));
    const [viaOf, subjectsOf, eventsOf, quantitiesOf] = [via, subjects, events, quantities].map((s) => byClaim(s.all(ids) as Row[]));
    const last = served[served.length - 1];
    return {
      data: served.map((r) => ({
        id: r.id, article_id: r.article_id, text: r.text,
        quote: { exact: r.quote_exact, prefix: r.quote_prefix, suffix: r.quote_suffix, start: r.quote_start, end: r.quote_end },
        claimant: r.claimant_id === null ? null : { id: r.claimant_id, name: r.claimant_name, kind: r.claimant_kind },
        via: (viaOf.get(r.id) ?? []).map((v) => ({ id: v.id, name: v.name })),
        stance: r.stance, certainty: r.certainty, claimed_on: r.claimed_on,
        quantities: (quantitiesOf.get(r.id) ?? []).map((q) => ({
          value: q.value, min: q.min, max: q.max, unit: q.unit, approximate: q.approximate === 1,
        })),
        entities: (subjectsOf.get(r.id) ?? []).map((s) => ({ id: s.id, name: s.name, role: s.role })),
        event_ids: (eventsOf.get(r.id) ?? []).map((e) => e.event_id),
        topic_id: r.topic_id, version: r.version,
      })),
      next_cursor: rows.length > LIMIT
        ? Buffer.from(JSON.stringify(['claimed_on', last._k0, last._k1])).toString('base64url') : null,
    };
  });
  return app;
}

/**
 * BASELINE_WORKERS=<n> (default 1) serves from n processes sharing the port (node:cluster), each with its
 * own connection: if even n processes of the bare handler miss a latency target, one process of anything
 * heavier cannot meet it (README: "Benchmarks and performance", "The floor").
 */
function workerCount(): number {
  const text = process.env.BASELINE_WORKERS ?? '1';
  const count = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(count >= 1 && count <= 64)) throw new Error(`BASELINE_WORKERS must be a whole number from 1 to 64, got ${text}`);
  return count;
}

/** Forks the workers and stops them all on SIGTERM or SIGINT; if one dies, the rest are stopped and this fails. */
function superviseWorkers(count: number): void {
  const workers = Array.from({ length: count }, () => cluster.fork());
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const running = workers.filter((worker) => !worker.isDead());
    const gone = running.map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
    for (const worker of running) worker.process.kill('SIGTERM');
    await Promise.all(gone);
    process.exit(code);
  };
  for (const worker of workers) {
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      console.error(`baseline worker ${worker.process.pid} exited (${signal ?? `code ${code}`}): stopping the others`);
      void stopAll(1);
    });
  }
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
}

async function main(): Promise<void> {
  const workers = workerCount();
  if (workers > 1 && cluster.isPrimary) return superviseWorkers(workers);
  const db = openDatabase(process.env.DATABASE_URL ?? 'data/claimtrail.db');
  await listenUntilStopped(buildBaseline(db), 3001, () => db.close());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
