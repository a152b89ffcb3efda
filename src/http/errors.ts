// Renders every failure as application/problem+json. Handlers throw AppError; validation,
// parsing and routing failures from Fastify are translated here; anything else is a 500 whose
// body says nothing about internals (the log has the details, under the same request id).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, problemTypeUri, type ErrorCode, type FieldError, type Problem, type ProblemExtras } from './problem.js';

const LOCATION = { querystring: 'query', params: 'path', body: 'body', headers: 'header' } as const;

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendProblem(request, reply, error.code, error.detail, error.fieldErrors, error.extras);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = LOCATION[(error.validationContext ?? 'body') as keyof typeof LOCATION] ?? 'body';
      const fieldErrors = error.validation.flatMap((v) => describeValidation(where, v));
      const detail = fieldErrors.map((f) => `${f.in} ${f.name}: ${f.message}`).join('; ');
      return sendProblem(request, reply, 'validation_failed', detail, fieldErrors);
    }
    const known = fastifyErrorCode(error);
    if (known) return sendProblem(request, reply, known, error.message);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 'internal_error', 'The server failed to answer this request; it has been logged.');
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, 'route_not_found', `There is no route ${request.method} ${request.url.split('?')[0]}.`),
  );
}

export function sendProblem(
  request: FastifyRequest, reply: FastifyReply, code: ErrorCode, detail: string, fieldErrors?: FieldError[],
  extras?: ProblemExtras,
): FastifyReply {
  const { status, title } = ERRORS[code];
  const body: Problem = {
    type: problemTypeUri(code), title, status, detail,
    instance: request.url.split('?')[0], code, request_id: String(request.id),
    ...(fieldErrors && fieldErrors.length > 0 ? { errors: fieldErrors } : {}),
    ...extras,
  };
  return reply.status(status).type('application/problem+json').send(body);
}

interface ValidationItem { keyword: string; instancePath: string; message?: string; params?: Record<string, unknown> }

function describeValidation(where: FieldError['in'], item: ValidationItem): FieldError[] {
  const keys = item.params?.keys;
  if (item.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
    const known = where === 'query' ? 'is not a known parameter: see the API documentation at /docs' : 'is not a known field';
    return keys.map((key) => ({ in: where, name: String(key), message: known }));
  }
  const path = item.instancePath.replace(/^\//, '').split('/').filter(Boolean);
  // A query parameter is named as the user wrote it ("stance", not "stance.0" of its parsed list).
  const name = (where === 'query' ? path.slice(0, 1) : path).join('.') || '(whole)';
  return [{ in: where, name, message: item.message ?? 'is not valid' }];
}

function fastifyErrorCode(error: FastifyError): ErrorCode | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return 'unsupported_media_type';
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return 'payload_too_large';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': return 'malformed_body';
  }
  if (error.statusCode === 400 && error instanceof SyntaxError) return 'malformed_body';
  if (error.statusCode === 429) return 'rate_limited';
  return undefined;
}
