// npm run seed             load (or reload) the annotated corpus into DATABASE_URL (refused once the API
//                          has made changes there; npm run seed -- --force discards them)
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
  if (command === 'load') return load(rest.includes('--force'));
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

async function load(force: boolean): Promise<void> {
  const { loadConfig } = await import('../src/config.js');
  const { openDatabase } = await import('../src/db/client.js');
  const { migrate } = await import('../src/db/migrate.js');
  const { storeCorpus } = await import('../src/annotations/store.js');
  const config = loadConfig(process.env);
  const db = openDatabase(config.databaseUrl);
  migrate(db);
  // A reload replaces every row: after editorial changes through the API that would lose them.
  const { edits } = db.prepare('SELECT count(*) AS edits FROM revisions').get() as { edits: number };
  if (edits > 0 && !force) {
    throw new Error(`${config.databaseUrl} holds ${edits} editorial change(s) made through the API; reloading the corpus ` +
      'would replace them. Use another DATABASE_URL, or add --force to discard them.');
  }
  const corpus = readSeedFolder(seedFolder);
  // One transaction: the corpus and the end of the old history land together or not at all.
  const counts = db.transaction(() => {
    const stored = storeCorpus(db, corpus);
    if (force) db.prepare('DELETE FROM revisions').run();
    return stored;
  })();
  db.close();
  console.log(`loaded into ${config.databaseUrl}: ${JSON.stringify(counts)}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof AnnotationError) console.error(error.message);
  else console.error(`seed: ${(error as Error).message}`);
  process.exit(1);
});
