// npm run seed             load (or reload) the annotated corpus into DATABASE_URL
// npm run seed:check       validate every annotation file, write nothing
// npm run seed:check -- --body <article-id|report-file>   print a cleaned body, to copy quotes from
// npm run seed:check -- --only 001       check the catalog and seed/annotations/001*.yaml only
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { AnnotationError } from '../src/annotations/resolve.js';
import { readSeedFolder } from '../src/annotations/read-seed.js';

const seedFolder = dirname(fileURLToPath(import.meta.url));

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'check') return check(rest);
  if (command === 'load') return load();
  throw new Error(`unknown command "${command ?? ''}": use "check" or "load"`);
}

function check(args: string[]): void {
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const corpus = readSeedFolder(seedFolder, option('--only'));
  const bodyOf = option('--body');
  if (bodyOf !== undefined) {
    const article = corpus.articles.find((a) => a.id === bodyOf || a.file === bodyOf);
    if (!article) throw new Error(`no article "${bodyOf}"`);
    process.stdout.write(`${article.body}\n`);
    return;
  }
  console.log(
    `ok: ${corpus.articles.length} articles, ${corpus.claims.length} claims, ${corpus.entities.length} entities, ` +
      `${corpus.mentions.length} mentions, ${corpus.events.length} events, ${corpus.topics.length} topics, ` +
      `${corpus.relations.length} relations`,
  );
}

async function load(): Promise<void> {
  const { loadConfig } = await import('../src/config.js');
  const { openDatabase } = await import('../src/db/client.js');
  const { migrate } = await import('../src/db/migrate.js');
  const { storeCorpus } = await import('../src/annotations/store.js');
  const config = loadConfig(process.env);
  const db = openDatabase(config.databaseUrl);
  migrate(db);
  const counts = storeCorpus(db, readSeedFolder(seedFolder));
  db.close();
  console.log(`loaded into ${config.databaseUrl}: ${JSON.stringify(counts)}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof AnnotationError) console.error(error.message);
  else console.error(`seed: ${(error as Error).message}`);
  process.exit(1);
});
