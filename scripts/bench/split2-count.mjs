#!/usr/bin/env node
// The floor for "what Node can read": fs.createReadStream piped through split2, counting
// lines and doing nothing else. src/stream.ts reads input the same way, so the ratio of
// klog-eviction's time to this one is the cost of everything after line splitting.
//
//   node scripts/bench/split2-count.mjs FILE
import { createReadStream } from 'node:fs';
import split2 from 'split2';

let lines = 0;
createReadStream(process.argv[2])
  .pipe(split2())
  .on('data', () => lines++)
  .on('end', () => process.stdout.write(`${lines}\n`));
