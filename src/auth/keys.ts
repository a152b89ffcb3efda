// API keys. A key is 32 random bytes shown once at creation; only its SHA-256 is stored, so a
// leaked database does not leak keys, and a lookup by hash needs no timing-safe comparison.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';

export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const atLeast = (role: Role, needed: Role) => ROLES.indexOf(role) >= ROLES.indexOf(needed);

export interface Principal { name: string; role: Role }
export interface KeyInfo extends Principal { created_at: string; revoked_at: string | null }

const PREFIX = 'ct_';
export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export class KeyError extends Error {
  name = 'KeyError';
}

export function createKey(db: Db, name: string, role: Role, now = new Date()): string {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(name)) throw new KeyError(`name "${name}" must be a lowercase slug (a-z, 0-9, -)`);
  if (!ROLES.includes(role)) throw new KeyError(`role "${role}" must be one of ${ROLES.join(', ')}`);
  const existing = db.prepare('SELECT revoked_at FROM api_keys WHERE name = ?').get(name);
  if (existing) throw new KeyError(`a key named "${name}" already exists: revoke it or choose another name`);
  const key = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  db.prepare('INSERT INTO api_keys (name, role, key_hash, created_at) VALUES (?, ?, ?, ?)')
    .run(name, role, hashKey(key), now.toISOString());
  return key;
}

export function listKeys(db: Db): KeyInfo[] {
  return db.prepare('SELECT name, role, created_at, revoked_at FROM api_keys ORDER BY name').all() as KeyInfo[];
}

export function revokeKey(db: Db, name: string, now = new Date()): void {
  const result = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(now.toISOString(), name);
  if (result.changes === 0) throw new KeyError(`no active key named "${name}"`);
}

/** The key's holder, or undefined for an unknown or revoked key. */
export function keyHolder(db: Db): (key: string) => Principal | undefined {
  const byHash = db.prepare('SELECT name, role FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL');
  return (key) => (key.startsWith(PREFIX) ? (byHash.get(hashKey(key)) as Principal | undefined) : undefined);
}
