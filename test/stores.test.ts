/**
 * Log-store exports (test/fixtures/stores/, made by scripts/stores/make-exports.mjs from the
 * samples): every store's shape of every story reads as the journal JSON of the same entries —
 * the same nodes, incidents (times to the second), resources, pods, counts, thresholds and
 * starts — detected without flags, through the same way in as a file on the command line.
 */
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFiles, toReport, type JsonReport } from '../src/index.js';
import { NOW, runCli } from './helpers.js';
import { facts } from './store-facts.js';

const DIR = new URL('fixtures/stores/', import.meta.url).pathname;
const STORIES = ['seed', 'modern', 'fleet'] as const;
const files = (story: string) => readdirSync(join(DIR, story)).sort();

async function report(path: string): Promise<JsonReport> {
  return toReport(await analyzeFiles(path, { now: NOW }));
}

describe.each(STORIES)('%s: every store reads as the journal', (story) => {
  const journal = files(story).find((f) => f.startsWith('journal.json'))!;
  const exports = files(story).filter((f) => f !== journal);
  let ref: ReturnType<typeof facts>;
  it('the journal JSON itself: full timestamps, no year guessed', async () => {
    const r = await report(join(DIR, story, journal));
    ref = facts(r);
    expect(r.yearInferred).toBe(false);
    expect(r.incidents.length).toBeGreaterThan(0);
    expect(r.summary.unrecognized + r.summary.skipped).toBe(0);
  });
  // (newest-first and reordered exports included: logcli's and Loki's default direction,
  // gcloud's --order=desc, Loki's streams one after another, elasticdump's scroll order: their
  // entries are put in order per node, src/analyze/order.ts)
  for (const f of exports) {
    it(f, async () => {
      expect(facts(await report(join(DIR, story, f)))).toEqual(ref);
    });
  }
});

describe('node names come from the records', () => {
  it('not from the export file name (which names the node of lines that name none)', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'klog-stores-'));
    const file = join(tmp, 'kubelet-not-a-node.jsonl');
    copyFileSync(join(DIR, 'modern', 'logcli.jsonl'), file);
    const r = await runCli(['-o', 'json', file]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as JsonReport).nodes.map((n) => n.name)).toEqual(['worker-3']);
  });
  it('every node of a fleet export, each with its own incidents', async () => {
    const r = await report(join(DIR, 'fleet', 'gcloud-asc.json.gz'));
    expect(r.nodes.map((n) => n.name).sort()).toEqual(['worker-3', 'worker-4', 'worker-5']);
    expect(new Set(r.incidents.map((i) => i.node)).size).toBe(3);
  });
});
