// Just enough HTTP content negotiation (RFC 9110 §12.5.1) to choose between the media types a
// route offers: q-values, wildcards, and the most specific range deciding a type's q.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './problem.js';

interface Range { type: string; subtype: string; q: number }

function parseAccept(header: string): Range[] {
  return header.split(',').flatMap((part) => {
    const [mediaRange, ...params] = part.split(';').map((s) => s.trim());
    const [type, subtype] = mediaRange.toLowerCase().split('/');
    if (!type || !subtype) return [];
    const qParam = params.find((p) => /^q\s*=/i.test(p));
    const q = qParam === undefined ? 1 : Number(qParam.split('=')[1]);
    return Number.isFinite(q) && q >= 0 && q <= 1 ? [{ type, subtype, q }] : [];
  });
}

/** Specificity of a range for a type: 3 exact, 2 type/*, 1 * /*, 0 no match. */
function specificity(range: Range, mediaType: string): number {
  const [type, subtype] = mediaType.split('/');
  if (range.type === type && range.subtype === subtype) return 3;
  if (range.type === type && range.subtype === '*') return 2;
  return range.type === '*' && range.subtype === '*' ? 1 : 0;
}

/**
 * The offered type the client prefers, or undefined when it accepts none of them. No Accept
 * header means anything goes: the first offer. Ties go to the type named most specifically, then
 * to the earlier offer.
 */
export function negotiate<T extends string>(accept: string | undefined, offers: readonly T[]): T | undefined {
  if (accept === undefined || accept.trim() === '') return offers[0];
  const ranges = parseAccept(accept);
  let best: { offer: T; q: number; specificity: number } | undefined;
  for (const offer of offers) {
    const matches = ranges.map((r) => ({ r, s: specificity(r, offer) })).filter((m) => m.s > 0);
    if (matches.length === 0) continue;
    const top = matches.reduce((a, b) => (b.s > a.s ? b : a));
    if (top.r.q === 0) continue;
    if (!best || top.r.q > best.q || (top.r.q === best.q && top.s > best.specificity)) {
      best = { offer, q: top.r.q, specificity: top.s };
    }
  }
  return best?.offer;
}

/**
 * For a route that serves several media types: the one the client prefers, with `Vary: Accept`
 * so caches keep them apart; a 406 problem when Accept allows none of them.
 */
export function chooseMediaType<T extends string>(request: FastifyRequest, reply: FastifyReply, offers: readonly T[]): T {
  varyOn(reply, 'Accept');
  const type = negotiate(request.headers.accept, offers);
  if (type === undefined) {
    throw new AppError('not_acceptable', `This resource is served as ${offers.join(' or ')}; Accept allows neither.`);
  }
  return type;
}

/** Adds a request header to Vary, keeping what others (CORS's Origin, compression's Accept-Encoding) put there. */
export function varyOn(reply: FastifyReply, header: string): void {
  const current = String(reply.getHeader('vary') ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  if (!current.some((v) => v.toLowerCase() === header.toLowerCase())) reply.header('vary', [...current, header].join(', '));
}
