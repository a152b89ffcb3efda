// The typed client's types, generated from the committed openapi.yaml by openapi-typescript's Node API:
// the same text `npx openapi-typescript openapi.yaml` writes (the CLI also lints with redocly.yaml
// first; linting is CI's `redocly lint`). `npm run client` writes it; types.test.ts fails when it drifts.
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

export const SPEC_FILE = new URL('../../openapi.yaml', import.meta.url);
export const TYPES_FILE = new URL('./schema.ts', import.meta.url);

export async function renderClientTypes(): Promise<string> {
  return COMMENT_HEADER + astToString(await openapiTS(SPEC_FILE));
}
