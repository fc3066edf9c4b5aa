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
  it('a kubelet that crash-loops: its starts and stops a piece each, not one string of them all', () => {
    // (a start every 10 s for three hours, each failed, systemd's stop after it)
    const lines: string[] = [];
    for (let k = 0; k < 1080; k++) {
      const t = new Date(Date.UTC(2017, 9, 1) + k * 10_000);
      const clock = t.toISOString().slice(11, 19);
      const stamp = `Oct 01 ${clock}`;
      const pid = 1000 + k * 7;
      lines.push(
        `${stamp} node-1 systemd[1]: Started kubelet: The Kubernetes Node Agent.`,
        `${stamp} node-1 kubelet[${pid}]: I1001 ${clock}.100000 ${pid} server.go:440] "Kubelet version" kubeletVersion="v1.25.4"`,
        `${stamp} node-1 kubelet[${pid}]: E1001 ${clock}.300000 ${pid} run.go:74] "command failed" err="failed to load kubelet config file /var/lib/kubelet/config.yaml"`,
        `${stamp} node-1 systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE`,
      );
    }
    const t = analyzeString(`${lines.join('\n')}\n`, { year: 2017 });
    expect(t.nodes[0]!.kubeletStarts.length).toBe(1080);
    const o = { timezone: 'UTC', version: '0.0.0' };
    const pieces = [...renderJsonChunks(t, o)];
    const whole = `${JSON.stringify(toJsonReport(t, o), null, 2)}\n`;
    expect(pieces.join('')).toBe(whole);
    expect(whole.length).toBeGreaterThan(500_000);
    expect(Math.max(...pieces.map((x) => x.length))).toBeLessThan(4096);
  });

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
