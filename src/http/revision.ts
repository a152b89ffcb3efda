// Validators from what the database has been through, not from the bytes of each answer. A GET's
// answer is a function of its URL, its Accept header and the data; the data changes only by a commit.
// SQLite counts those commits for us: `data_version` moves when another connection commits (a seed
// reload, a second server), `total_changes()` when this one writes a row (triggers included). So the
// pair, with the URL and Accept, names the answer before it is computed: an unchanged one is a 304
// without running its query, and no body is hashed (that was 4% of serving a 50-claim page).
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';

/** The opaque part of a weak ETag for `request`'s answer as of now. */
type RevisionTag = (request: FastifyRequest) => string;

export function revisionTags(db: Db): RevisionTag {
  // Both counters start again with each connection, so a tag from an earlier run must never match.
  const run = randomBytes(6).toString('base64url');
  const commits = db.prepare('SELECT (SELECT data_version FROM pragma_data_version) AS theirs, total_changes() AS ours').raw();
  return (request) => {
    const [theirs, ours] = commits.get() as [number, number];
    // HEAD and GET share answers; the Accept header picks among representations (JSON, CSV, JSON-LD).
    const question = createHash('sha1').update(`${request.url}\n${request.headers.accept ?? ''}`).digest('base64url');
    return `${run}.${theirs}.${ours}.${question.slice(0, 16)}`;
  };
}
