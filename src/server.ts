// The only file that reads the environment, opens the real database, listens and handles signals.
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { loadConfig, ConfigError } from './config.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { readSeedFolder } from './annotations/read-seed.js';
import { AnnotationError } from './annotations/resolve.js';
import { storeCorpus } from './annotations/store.js';

const SEED_FOLDER = fileURLToPath(new URL('../seed', import.meta.url));

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const db = openDatabase(config.databaseUrl);
  migrate(db);
  const app = await buildApp({ config, db });
  // Only a database nobody has used gets the corpus: one whose articles were all deleted through the API
  // has revisions, and must stay as its editors left it.
  const { n } = db.prepare('SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM revisions) AS n').get() as { n: number };
  if (n === 0) {
    const counts = storeCorpus(db, readSeedFolder(SEED_FOLDER));
    app.log.info({ counts }, 'empty database: loaded the annotated corpus');
  }
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    db.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ host: config.host, port: config.port });
}

main().catch((error: unknown) => {
  // One readable line for configuration mistakes; the stack only for the unexpected.
  console.error(error instanceof ConfigError || error instanceof AnnotationError ? error.message : error);
  process.exit(1);
});
