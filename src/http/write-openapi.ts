// npm run openapi: regenerates openapi.yaml at the top level (a test fails when it drifts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderOpenApiYaml } from './spec.js';

const target = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));
writeFileSync(target, await renderOpenApiYaml());
console.log(`wrote ${target}`);
