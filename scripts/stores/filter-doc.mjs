#!/usr/bin/env node
// Writes the server-side filters into docs/log-stores.md (the `<!-- filter:NAME -->` …
// `<!-- /filter -->` blocks), from the rule table by way of src/records/server-filter.ts.
// Run after `npm run build`: node scripts/stores/filter-doc.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { filterBlocks } from '../../dist/records/server-filter.js';

const page = new URL('../../docs/log-stores.md', import.meta.url);
const blocks = filterBlocks();
const text = readFileSync(page, 'utf8').replace(/<!-- filter:(\S+) -->\n[\s\S]*?<!-- \/filter -->/g, (whole, name) => {
  if (!(name in blocks)) throw new Error(`docs/log-stores.md: no filter named ${name}`);
  return `<!-- filter:${name} -->\n${blocks[name]}\n<!-- /filter -->`;
});
writeFileSync(page, text);
process.stderr.write(`docs/log-stores.md: ${Object.keys(blocks).length} filters written\n`);
