/**
 * Every sample in samples/ is a test: its output in every format (json, text,
 * markdown, html, ndjson) is a committed snapshot (test/snapshots/), and the story it tells is asserted.
 * Regenerate snapshots after an intended change with `npm run snapshots`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeString, runCli } from './helpers.js';
import { renderJsonChunks, toJsonReport } from '../src/render/json.js';
import { FORMATS, SAMPLE_ARGS, sampleFiles, snapshotName } from '../scripts/sample-args.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const samples = sampleFiles((d) => readdirSync(`${root}/${d}`));

describe('samples match their committed snapshots', () => {
  for (const file of samples) {
    for (const format of FORMATS) {
      it(`${file} -o ${format}`, async () => {
        const args = [...(SAMPLE_ARGS[file] ?? []), '-o', format, `samples/${file}`];
        const r = await runCli(args);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const want = readFileSync(new URL(`snapshots/${snapshotName(file, format)}`, import.meta.url), 'utf8');
        expect(r.stdout).toBe(want);
      });
    }
  }
});

describe('the JSON report written in pieces is the one JSON.stringify writes', () => {
  // `-o json` writes the nodes and incidents one at a time (renderJsonChunks): for every
  // sample, the pieces joined are exactly `JSON.stringify(toJsonReport(...), null, 2)`.
  for (const file of samples) {
    it(file, () => {
      const t = analyzeString(readFileSync(`${root}/samples/${file}`, 'utf8'), { year: 2017 });
      const o = { timezone: 'UTC', version: '0.0.0' };
      const pieces = [...renderJsonChunks(t, o)];
      expect(pieces.length).toBeGreaterThan(t.incidents.length);
      expect(pieces.join('')).toBe(`${JSON.stringify(toJsonReport(t, o), null, 2)}\n`);
    });
  }
});
