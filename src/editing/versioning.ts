// Optimistic concurrency. Every editable item has a version; its ETag is "v<version>.<revision>" (src/http/revision.ts).
// PATCH and DELETE must send If-Match with a tag they read: a stale version is a 412 that says what
// the version is now, a missing If-Match a 428. So two editors can never silently overwrite each other.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/problem.js';

export const versionTag = (version: number, revision?: string) => `"v${version}${revision ? `.${revision}` : ''}"`;

/** The versions If-Match accepts ("*" accepts any existing version). */
export function expectedVersions(request: FastifyRequest): number[] | '*' {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '') {
    throw new AppError('precondition_required',
      'Send If-Match with the ETag from your last read of this item, so a change made meanwhile is not overwritten.');
  }
  if (header.trim() === '*') return '*';
  return header.split(',').flatMap((tag) => {
    const version = /^\s*"v(\d+)(?:\.[^"]*)?"\s*$/.exec(tag)?.[1];
    return version === undefined ? [] : [Number(version)];
  });
}

/** Throws 412 unless `current` is one of the versions the request was made against. */
export function checkVersion(expected: number[] | '*', current: number, what: string): void {
  if (expected === '*' || expected.includes(current)) return;
  throw new AppError('precondition_failed',
    `The ${what} has changed since you read it: it is now at version ${current}. Re-read it and apply your change again.`,
    undefined, { current_version: current, current_etag: versionTag(current) });
}
