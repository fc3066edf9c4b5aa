#!/usr/bin/env node
// How many lines of a journal the byte prefilter lets through (src/classify/bytescan.ts), and
// how many of those a rule or a watch really wants: the rest went down the full path for
// nothing. Counts lines, not time, so it can compare two builds side by side.
//
//   node scripts/bench/prefilter-count.mjs [--dist DIR] FILE...     (DIR: a built dist/, default ./dist)
//
// A line's payload is what follows the first klog header in it (a plain regex, as
// `clearedLines` finds it); text shapes only (short*, syslog, a bare kubelet.log): in JSON
// the payload is escaped.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { table } from './lib.mjs';

const args = process.argv.slice(2);
let dist = resolve('dist');
if (args[0] === '--dist') {
  dist = resolve(args[1]);
  args.splice(0, 2);
}
const load = (p) => import(pathToFileURL(`${dist}/${p}`).href);
const { mayMatchBytes } = await load('classify/bytescan.js');
const { classify, isWatched } = await load('classify/classify.js');
const { decodeKlog } = await load('klog/decode.js');

const HEADER = /[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [^\s:\]]+:\d+\] /;
const rows = [
  [
    'file',
    'lines',
    'klog lines',
    'pass the prefilter',
    'wanted by a rule or watch',
    'passed for nothing',
    'of klog lines',
    'wanted, not passed (must be 0)',
  ],
];
for (const file of args) {
  const b = readFileSync(file);
  let lines = 0;
  let klog = 0;
  let pass = 0;
  let wanted = 0;
  let missed = 0;
  for (let p = 0; p < b.length;) {
    let nl = b.indexOf(0x0a, p);
    if (nl === -1) nl = b.length;
    lines++;
    const text = b.toString('latin1', p, nl);
    const m = HEADER.exec(text);
    if (m) {
      klog++;
      const start = p + m.index + m[0].length;
      const passes = mayMatchBytes(b, start, nl);
      const rec = decodeKlog(b.toString('utf8', p + m.index, nl));
      const wants = classify(rec) !== undefined || isWatched(rec);
      if (passes) pass++;
      if (passes && wants) wanted++;
      if (!passes && wants && !/[\u0130\u212a]/.test(rec.text)) missed++;
    }
    p = nl + 1;
  }
  rows.push([file, lines, klog, pass, wanted, pass - wanted, `${((100 * (pass - wanted)) / klog).toFixed(1)} %`, missed]);
}
console.log(`prefilter of ${dist}`);
console.log(table(rows));
