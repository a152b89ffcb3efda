// npm run client: regenerates test/client/schema.ts from openapi.yaml (run it after `npm run openapi`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderClientTypes, TYPES_FILE } from './generate.js';

writeFileSync(TYPES_FILE, await renderClientTypes());
console.log(`wrote ${fileURLToPath(TYPES_FILE)}`);
