import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/client.js';
import { missing } from '../editing/revisions.js';
import { errorResponses, idParams } from '../http/common.js';
import { exportResponses, listOrExport } from '../http/export.js';
import { CLAIM_CSV_COLUMNS, claimCsvRecord } from './csv.js';
import { chooseMediaType } from '../http/negotiate.js';
import { claimJsonLdSchema, claimToSchemaOrg, type AppearingIn } from './json-ld.js';
import type { ClaimRepository } from './repository.js';
import { claimDetailSchema, claimListQuery, claimListSchema, type ClaimDetail } from './schema.js';

const JSON_TYPE = 'application/json';
const JSON_LD = 'application/ld+json';
const OFFERS = [JSON_TYPE, JSON_LD] as const;

export interface ClaimRouteDeps {
  claims: ClaimRepository;
  /** The article a claim appears in, for its JSON-LD `appearance`. */
  articles: { get(id: string): AppearingIn | undefined };
  /** Origin for absolute JSON-LD IRIs (PUBLIC_URL); '' keeps them relative. Never the request's Host. */
  publicUrl: string;
  /** For 410 on a deleted claim. */
  db: Db;
}

export const claimRoutes: FastifyPluginAsyncZod<ClaimRouteDeps> = async (app, { claims, articles, db, publicUrl }) => {
  app.get('', {
    schema: {
      operationId: 'listClaims',
      tags: ['claims'],
      summary: 'List and filter claims',
      description:
        'Attributed statements, oldest first by when they were made (`claimed_on`), then id; filter by who, what, ' +
        'when and how sure. Filters combine with AND; a comma-separated value means any of them. ' +
        '`q` searches the claim text and quote; `facets` and `count` describe the whole filtered set.',
      querystring: claimListQuery,
      response: {
        200: exportResponses(claimListSchema, 'A page of claims (JSON), or every matching claim (CSV, NDJSON).'),
        ...errorResponses(400, 429),
      },
    },
  }, async (request, reply) => listOrExport(request, reply, request.query, claims.list, {
    name: 'claims', columns: CLAIM_CSV_COLUMNS, toRecord: claimCsvRecord,
  }));

  app.get('/:id', {
    schema: {
      operationId: 'getClaim',
      tags: ['claims'],
      summary: 'One claim, with its relations to other claims',
      description:
        'The claim with its relations both ways. With `Accept: application/ld+json` it is a schema.org `Claim` ' +
        '(JSON-LD) for fact-checking tools: author, dateCreated, the entities it is about, and the report it appears ' +
        'in with the quoted words; firstAppearance names the earliest report when the claim repeats an earlier one.',
      params: idParams('jad1120-nis-11000-troops-to-kursk-late-october'),
      response: {
        200: {
          description: 'The claim (application/json) or a schema.org Claim (application/ld+json).',
          content: { [JSON_TYPE]: { schema: claimDetailSchema }, [JSON_LD]: { schema: claimJsonLdSchema } },
        },
        ...errorResponses(400, 404, 406, 410, 429),
      },
    },
  }, async (request, reply) => {
    const type = chooseMediaType(request, reply, OFFERS);
    const claim = claims.get(request.params.id);
    if (!claim) throw missing(db, 'claims', 'claim', request.params.id);
    if (type === JSON_TYPE) return claim;
    reply.type(JSON_LD);
    return claimToSchemaOrg(claim, articles.get(claim.article_id)!, {
      baseUrl: publicUrl, firstAppearance: firstAppearanceOf(claim),
    });
  });

  /** The earliest report among those this claim repeats, if it repeats any. */
  function firstAppearanceOf(claim: ClaimDetail) {
    const repeated = claim.relations.filter((r) => r.type === 'repeats' && r.direction === 'outgoing');
    const reports = repeated.map((r) => articles.get(claims.get(r.claim_id)!.article_id)!);
    return reports.sort((a, b) => (a.published_at ?? '').localeCompare(b.published_at ?? ''))[0];
  }
};
