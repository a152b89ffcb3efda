// RFC 9457 problem details: the one shape every error takes, and the closed list of codes a
// client can branch on.
import { z } from 'zod';

export const ERRORS = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_body: { status: 400, title: 'The request body could not be read' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed for this key' },
  not_found: { status: 404, title: 'No such resource' },
  route_not_found: { status: 404, title: 'No such route' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  not_acceptable: { status: 406, title: 'No acceptable representation' },
  conflict: { status: 409, title: 'Conflicts with the current state' },
  gone: { status: 410, title: 'This resource was deleted' },
  precondition_failed: { status: 412, title: 'The resource has changed' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  unprocessable: { status: 422, title: 'The request cannot be applied' },
  precondition_required: { status: 428, title: 'If-Match is required' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal server error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export const problemTypeUri = (code: ErrorCode) => `urn:claimtrail:problem:${code}`;

export const fieldErrorSchema = z
  .object({
    in: z.enum(['query', 'path', 'body', 'header']).describe('Where the offending value was sent.'),
    name: z.string().describe('The parameter or field, as a JSON-pointer-like path for nested body fields.'),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

export const problemSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem: urn:claimtrail:problem:<code>.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('What went wrong with this request, in words a person can act on.'),
    instance: z.string().describe('The path of the request that failed.'),
    code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]),
    request_id: z.string(),
    errors: z.array(fieldErrorSchema).optional().describe('For validation_failed and unprocessable: each offending field.'),
    current_version: z.number().int().optional().describe('For precondition_failed: the version the resource has now.'),
    current_etag: z.string().optional().describe('For precondition_failed: its current ETag, to use in If-Match after re-reading.'),
    existing_id: z.string().optional().describe('For conflict: the id of the existing resource the request collides with.'),
    location: z.string().optional().describe('For gone: where the item went, when it was merged into another.'),
  })
  .meta({
    id: 'Problem',
    example: {
      type: 'urn:claimtrail:problem:not_found',
      title: 'No such resource',
      status: 404,
      detail: 'There is no claim with id "no-such-claim".',
      instance: '/v1/claims/no-such-claim',
      code: 'not_found',
      request_id: 'req-1',
    },
  });

export type Problem = z.infer<typeof problemSchema>;
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** Thrown by handlers; the error handler renders it. */
/** Extension members a problem may carry besides errors[]. */
export type ProblemExtras = Pick<Problem, 'current_version' | 'current_etag' | 'existing_id' | 'location'>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly fieldErrors?: FieldError[],
    readonly extras?: ProblemExtras,
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string) => new AppError('not_found', `There is no ${what} with id "${id}".`);
