/**
 * Every sample in samples/ is a test: its output in every format (json, text,
 * markdown, html, ndjson) is a committed snapshot (test/snapshots/), and the story it tells is asserted.
 * Regenerate snapshots after an intended change with `npm run snapshots`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';
import { FORMATS, SAMPLE_ARGS, snapshotName } from '../scripts/sample-args.mjs';

const samples = readdirSync(new URL('../samples/', import.meta.url)).filter((f) => f.endsWith('.log'));

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
