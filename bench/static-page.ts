// The floor under the latency figures: a Fastify route that sends, from memory, the bytes another server
// answered for PAGE_URL, to every GET. What is left of a p50 or p99 here is HTTP, the load generator and
// the machine; the difference from a real server is the per-request work (README: "Benchmarks and
// performance", "The floor"). `PAGE_URL=http://127.0.0.1:3001/v1/claims?entity=<id> PORT=3002 node --import tsx bench/static-page.ts`
import Fastify from 'fastify';
import { listenUntilStopped } from './servers.js';

const source = process.env.PAGE_URL;
if (!source) {
  console.error('PAGE_URL is required: the page to serve, as another server answers it');
  process.exit(1);
}
const response = await fetch(source).catch((error: unknown) => {
  console.error(`${source} could not be fetched: ${error instanceof Error ? error.message : String(error)}`);
  return process.exit(1);
});
if (!response.ok) {
  console.error(`${source} answered ${response.status}`);
  process.exit(1);
}
const body = Buffer.from(await response.arrayBuffer());
const type = response.headers.get('content-type') ?? 'application/octet-stream';

const app = Fastify({ logger: false });
app.get('/*', (_request, reply) => reply.type(type).send(body));
await listenUntilStopped(app, 3002);
