// Readable ids for items a client creates without one (a slug of their title or text, made unique),
// and the check every write body goes through before validation.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/problem.js';
export function slugify(text: string, maxLength = 60): string {
  const slug = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug || 'item';
  const cut = slug.slice(0, maxLength);
  return cut.slice(0, cut.lastIndexOf('-') > maxLength / 2 ? cut.lastIndexOf('-') : maxLength).replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`... whichever is not taken (deleted ids stay taken: they can be restored). */
export function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/** Strings that JSON allows but UTF-8 storage would mangle (a lone surrogate), anywhere in a body. */
export function firstMalformedString(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.isWellFormed() ? undefined : path || '(body)';
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = firstMalformedString(item, `${path}/${i}`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = firstMalformedString(key, path) ? path || '(body)' : firstMalformedString(item, `${path}/${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * preValidation hook for every write route: text JSON allows but UTF-8 storage would mangle (a lone
 * surrogate) is refused with a 400 naming where it is, before anything else looks at the body.
 */
export async function rejectMalformedText(request: FastifyRequest): Promise<void> {
  const bad = firstMalformedString(request.body);
  if (bad !== undefined) {
    throw new AppError('validation_failed', 'The body holds text that is not well-formed Unicode (a lone surrogate).',
      [{ in: 'body', name: bad.replace(/^\//, '').replaceAll('/', '.') || '(whole)', message: 'is not well-formed Unicode text' }]);
  }
}
