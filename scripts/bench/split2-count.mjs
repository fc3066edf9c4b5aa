#!/usr/bin/env node
// The reference for "what Node can read": fs.createReadStream piped through split2, counting
// lines and doing nothing else (the usual way to read lines in Node, and how klog-eviction
// read them before its byte path). The ratio of klog-eviction's time to this one is the target.
//
//   node scripts/bench/split2-count.mjs FILE
import { createReadStream } from 'node:fs';
import split2 from 'split2';

let lines = 0;
createReadStream(process.argv[2])
  .pipe(split2())
  .on('data', () => lines++)
  .on('end', () => process.stdout.write(`${lines}\n`));
