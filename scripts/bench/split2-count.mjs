#!/usr/bin/env node
// The reference for "what Node can read": fs.createReadStream (or standard input, as a pipe
// gives it) piped through split2, counting lines and doing nothing else: the usual way to
// read lines in Node, and how klog-eviction read them before its byte path. The ratio of
// klog-eviction's time to this one's is the target of issue #15.
//
//   node scripts/bench/split2-count.mjs FILE
//   cat FILE | node scripts/bench/split2-count.mjs
import { createReadStream } from 'node:fs';
import split2 from 'split2';

let lines = 0;
(process.argv[2] ? createReadStream(process.argv[2]) : process.stdin)
  .pipe(split2())
  .on('data', () => lines++)
  .on('end', () => process.stdout.write(`${lines}\n`));
