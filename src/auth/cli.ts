// npm run keys -- create --name desk --role editor    prints the new key once
// npm run keys -- list                                names, roles, dates (never keys)
// npm run keys -- revoke --name desk
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { createKey, KeyError, listKeys, revokeKey, ROLES, type Role } from './keys.js';

function option(args: string[], name: string): string {
  const at = args.indexOf(`--${name}`);
  const value = at === -1 ? undefined : args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new KeyError(`missing --${name}`);
  return value;
}

function main(args: string[]): void {
  const db = openDatabase(loadConfig(process.env).databaseUrl);
  migrate(db);
  const [command, ...rest] = args;
  if (command === 'create') {
    const key = createKey(db, option(rest, 'name'), option(rest, 'role') as Role);
    console.log(key);
    console.error('Keep this key now: only its hash is stored, it cannot be shown again.');
  } else if (command === 'list') {
    for (const k of listKeys(db)) console.log(`${k.name}\t${k.role}\tcreated ${k.created_at}${k.revoked_at ? `\trevoked ${k.revoked_at}` : ''}`);
  } else if (command === 'revoke') {
    revokeKey(db, option(rest, 'name'));
    console.log(`revoked ${option(rest, 'name')}`);
  } else {
    throw new KeyError(`usage: keys create --name <name> --role <${ROLES.join('|')}> | keys list | keys revoke --name <name>`);
  }
  db.close();
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`keys: ${(error as Error).message}`);
  process.exit(1);
}
