// Who is calling: a Bearer key names a principal with a role (reader < editor < admin). A key that
// is sent but wrong is refused outright (401), even on a public read: a client with a broken key
// should learn it at once, not on its first write.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { AppError } from '../http/problem.js';
import { atLeast, keyHolder, type Principal, type Role } from './keys.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const OPEN_PATHS = ['/health', '/docs', '/openapi.json'];

export function registerAuth(app: FastifyInstance, db: Db, readAccess: 'public' | 'key'): void {
  const holderOf = keyHolder(db);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const [scheme, key, extra] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !key || extra !== undefined) {
        throw unauthorized(reply, 'The Authorization header must be "Bearer <key>".');
      }
      request.principal = holderOf(key) ?? null;
      if (!request.principal) throw unauthorized(reply, 'This API key is unknown or has been revoked.');
    }
    const open = OPEN_PATHS.some((path) => request.url === path || request.url.startsWith(`${path}/`) || request.url.startsWith(`${path}?`));
    if (readAccess === 'key' && !request.principal && !open) {
      throw unauthorized(reply, 'Reads need an API key here: send "Authorization: Bearer <key>".');
    }
  });
}

function unauthorized(reply: FastifyReply, detail: string): AppError {
  reply.header('www-authenticate', 'Bearer realm="claimtrail"');
  return new AppError('unauthorized', detail);
}

/** preHandler for routes that need at least `role`: 401 without a key, 403 with too low a role. */
export const requireRole = (role: Role) => async (request: FastifyRequest, reply: FastifyReply) => {
  if (!request.principal) throw unauthorized(reply, `This needs an API key with the ${role} role: send "Authorization: Bearer <key>".`);
  if (!atLeast(request.principal.role, role)) {
    throw new AppError('forbidden', `The key "${request.principal.name}" has the ${request.principal.role} role; this needs ${role}.`);
  }
};
