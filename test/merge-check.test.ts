/**
 * `merge` reads only reports it can read: each is checked against the report's JSON Schema
 * (schema/report.schema.json, compiled to schema/validate-report.js) and what is wrong is
 * said in one line, exit 2 (an unknown step kind exited 70, a number for a pod name showed raw
 * TypeError text). Escape codes in any string field, and in file names, never reach the terminal.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReport } from '../schema/validate-report.js';
import { checkIncident, checkNode, checkReport, ReportCheckError } from '../src/timeline/report-check.js';
import { read, ROOT, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'klog-merge-check-'));
const REPRO = (f: string) => join(ROOT, 'test/fixtures/repro', f);
const seed = () =>
  JSON.parse(read('test/snapshots/seed-ubuntu-k8s-3.json')) as Record<string, unknown> & { incidents: unknown[]; nodes: unknown[] };
/** A terminal control sequence or a C0/C1 control character (TAB and LF aside). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('checkReport: the schema, in words', () => {
  it('a real report passes, whole and per node and incident', () => {
    const r = seed();
    expect(checkReport(r)).toBe(r);
    expect(() => checkNode(r.nodes[0], 'nodes[0]')).not.toThrow();
    expect(() => checkIncident(r.incidents[0], 'incidents[0]')).not.toThrow();
  });
  it.each<[string, (r: ReturnType<typeof seed>) => void, RegExp]>([
    ['not a report', (r) => delete r['schemaVersion'], /^not a klog-eviction JSON report/],
    ['a wrong type', (r) => ((r['summary'] as Record<string, unknown>)['lines'] = 'many'), /^summary\.lines is "many": expected a number$/],
    ['a missing field', (r) => delete (r.incidents[0] as Record<string, unknown>)['steps'], /^incidents\[0\] has no "steps"$/],
    [
      'an unknown field',
      (r) => ((r.nodes[0] as Record<string, unknown>)['colour'] = 'red'),
      /^nodes\[0\] has a field this version does not know: "colour"$/,
    ],
    [
      'a bad time',
      (r) => ((r.incidents[0] as Record<string, unknown>)['start'] = '16 Oct 2017'),
      /^incidents\[0\]\.start is "16 Oct 2017": expected an ISO 8601 UTC time/,
    ],
  ])('%s', (_what, spoil, msg) => {
    const r = seed();
    spoil(r);
    expect(() => checkReport(r)).toThrow(ReportCheckError);
    expect(() => checkReport(r)).toThrow(msg);
  });
  it('names the version that wrote a report this one cannot read', () => {
    const r = seed();
    (r['generator'] as Record<string, unknown>)['version'] = '9.0.0';
    (r.incidents[0] as { steps: Array<Record<string, unknown>> }).steps[0]!['kind'] = 'new-kind';
    expect(() => checkReport(r, '0.1.0')).toThrow(/written by klog-eviction 9\.0\.0, this is 0\.1\.0/);
  });
});

describe('merge (reproductions)', () => {
  it.each([
    ['merge-bad-step-kind.json', /incidents\[0\]\.steps\[0\]\.kind is "x", not one this version knows: kubelet-start, /],
    ['merge-pod-number.json', /incidents\[0\]\.rejectedPods\[0\]\.pod is 1: expected a string/],
    ['merge-hostile-escapes.json', /nodes\[0\]\.kubeletStarts\[0\]\.pid is "\\u001b\[41mPID": expected a number or null/],
  ])('%s: one line, exit 2', async (f, msg) => {
    for (const o of ['text', 'json']) {
      const r = await runCli(['merge', '-o', o, REPRO(f)]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')).toHaveLength(2);
      expect(r.stderr).toMatch(new RegExp(`^klog-eviction: merge: .*${f}: not a report merge can read: ${msg.source}`));
      expect(r.stderr).not.toMatch(CONTROL);
    }
  });
  it('escape codes in every string field and in the file name: none reaches the terminal', async () => {
    const evil = '\u001b[2J\u001b]0;PWNED\u0007\u009b31m\u202e';
    // every free-text string of the report gets them: all strings, then those the schema refuses
    // so (a kind, a time) are given back, one at a time, until the report validates
    const r = JSON.parse(read('test/snapshots/modern-memory-eviction.json')) as Record<string, unknown>;
    const bad = JSON.parse(JSON.stringify(r), (_k, v: unknown) => (typeof v === 'string' ? `${evil}${v}` : v)) as Record<string, unknown>;
    (bad['generator'] as Record<string, unknown>)['version'] = (r['generator'] as Record<string, unknown>)['version'];
    bad['timezone'] = r['timezone']; // (a zone merge cannot read is refused, as it should be)
    let restored = 0;
    while (!validateReport(bad)) {
      const path = validateReport.errors![0]!.instancePath.split('/').slice(1);
      const last = path.pop()!;
      const get = (o: unknown) => path.reduce((x, k) => (x as Record<string, unknown>)[k], o) as Record<string, unknown>;
      get(bad)[last] = get(r)[last];
      restored++;
    }
    expect(restored).toBeLessThan(1000);
    const file = join(dir, `\u001b[31mnode\u0007.json`);
    writeFileSync(file, JSON.stringify(bad));
    const out = await runCli(['merge', file, join(dir, 'missing\u001b[5m.json')]);
    expect(out.stderr, out.stderr).toMatch(/cannot read/);
    expect(out.stderr).not.toMatch(CONTROL);
    const text = await runCli(['merge', file]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/default\/batch-job/); // the text is there, its controls are not
    expect(text.stdout).not.toMatch(CONTROL);
    expect(text.stderr).not.toMatch(CONTROL);
  });
});
