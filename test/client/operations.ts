// The read operations of an OpenAPI document, discovered rather than listed, so a route is
// covered by the client test the moment it reaches openapi.yaml.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { SPEC_FILE } from './generate.js';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
  schema?: { example?: unknown; examples?: unknown[] };
}

interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, unknown>;
}

export interface ReadOperation {
  id: string;
  path: string;
  operation: Operation;
}

export const loadCommittedSpec = (): OpenApiDocument => parse(readFileSync(SPEC_FILE, 'utf8'));

export const readOperations = (spec: OpenApiDocument): ReadOperation[] =>
  Object.entries(spec.paths).flatMap(([path, item]) =>
    item.get ? [{ id: item.get.operationId ?? `GET ${path}`, path, operation: item.get }] : []);

/** @fastify/swagger puts a zod `.meta({ example })` on the parameter or leaves it in its schema. */
function exampleOf(parameter: Parameter): unknown {
  return parameter.example ?? Object.values(parameter.examples ?? {})[0]?.value ??
    parameter.schema?.example ?? parameter.schema?.examples?.[0];
}

export interface ExampleParams {
  path: Record<string, string>;
  query: Record<string, string>;
  header: Record<string, string>;
}

/** Path parameters and required query and header parameters, each from the example the spec gives it. */
export function exampleParams({ id, path, operation }: ReadOperation): ExampleParams {
  const params: ExampleParams = { path: {}, query: {}, header: {} };
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in === 'cookie' || (parameter.in !== 'path' && !parameter.required)) continue;
    const example = exampleOf(parameter);
    if (example === undefined) {
      throw new Error(`${id} (GET ${path}): the ${parameter.in} parameter "${parameter.name}" has no example in the spec. ` +
        'Give its zod schema .meta({ example: ... }) with a value from the corpus, then `npm run openapi`.');
    }
    params[parameter.in][parameter.name] = String(example);
  }
  return params;
}

const isJson = (mediaType: string) => /^application\/json\b/.test(mediaType);

/** What to ask for: JSON when the 200 response offers it, otherwise the only media type it has. */
export function successMediaType({ id, path, operation }: ReadOperation): { mediaType: string; json: boolean } {
  const types = Object.keys(operation.responses?.['200']?.content ?? {});
  const mediaType = types.find(isJson) ?? (types.length === 1 ? types[0] : undefined);
  if (!mediaType) throw new Error(`${id} (GET ${path}): its 200 response should offer application/json, or one media type; it has [${types.join(', ')}]`);
  return { mediaType, json: isJson(mediaType) };
}

const pointer = (...segments: string[]) =>
  segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/**
 * Validators for the spec's response schemas (OpenAPI 3.1 schemas are JSON Schema 2020-12).
 * The paths and components go in as one schema document, so `#/components/schemas/...` refs resolve
 * inside it; `paths`, `components` and OpenAPI's `example` are annotations Ajv need not check.
 */
export function responseValidators(spec: OpenApiDocument) {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats.default(ajv); // CommonJS under NodeNext: the plugin is the module's `default`
  for (const keyword of ['paths', 'components', 'example']) ajv.addKeyword(keyword);
  ajv.addSchema({ $id: 'openapi.json', paths: spec.paths, components: spec.components ?? {} });
  return {
    forSuccess({ path }: ReadOperation, mediaType: string): ValidateFunction {
      const ref = `openapi.json#/${pointer('paths', path, 'get', 'responses', '200', 'content', mediaType, 'schema')}`;
      const validate = ajv.getSchema(ref);
      if (!validate) throw new Error(`no schema at ${ref}`);
      return validate;
    },
    errorsText: (validate: ValidateFunction) => describeErrors(validate),
  };
}

/** The first few distinct problems, naming the field (Ajv's own text leaves out which property is extra). */
function describeErrors({ errors }: ValidateFunction, max = 10): string {
  const lines = new Set((errors ?? []).map(({ instancePath, message, params }) =>
    `body${instancePath} ${message}${'additionalProperty' in params ? `: "${params.additionalProperty}"` : ''}`));
  const shown = [...lines].slice(0, max);
  return shown.join('\n  ') + (lines.size > max ? `\n  ... and ${lines.size - max} more` : '');
}
