#!/usr/bin/env node
// The JSON Schemas of `--output json` and `--output ndjson`, generated from their TypeScript
// types (src/render/json-report.ts) so that the two cannot drift: `npm run schema` writes
// schema/*.schema.json, and test/schema.test.ts checks that they are current and that every
// sample's report and every ndjson record validates.
//
//   node scripts/schema.mjs           write the schemas
//   node scripts/schema.mjs --print   print them as JSON (for the test), write nothing

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export const SCHEMAS = [
  { file: 'schema/report.schema.json', type: 'JsonReport', title: 'klog-eviction --output json report' },
  { file: 'schema/ndjson.schema.json', type: 'NdjsonRecord', title: 'klog-eviction --output ndjson record (one per line)' },
];

/** The schemas as text, keyed by file. */
export function generateSchemas() {
  const generator = createGenerator({
    path: `${ROOT}src/render/json-report.ts`,
    tsconfig: `${ROOT}tsconfig.json`,
    type: '*',
    expose: 'export',
    jsDoc: 'extended',
    additionalProperties: false,
    sortProps: false,
    skipTypeCheck: true,
  });
  const out = {};
  for (const s of SCHEMAS) {
    const { $schema, ...schema } = generator.createSchema(s.type);
    out[s.file] = `${JSON.stringify({ $schema, title: s.title, ...schema }, null, 2)}\n`;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = generateSchemas();
  if (process.argv.includes('--print')) process.stdout.write(JSON.stringify(out));
  else for (const [file, text] of Object.entries(out)) writeFileSync(`${ROOT}${file}`, text);
}
