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
import { renderText } from '../src/render/text.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { renderHtml } from '../src/render/html.js';
import { LOOP_ROWS } from '../src/render/format.js';
import { zone } from '../src/time/zone.js';
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

/** A kubelet that crash-loops: `n` starts 10 s apart, each failed, systemd's stop after it (then, with `then`, a start that runs). */
function crashLoop(n: number, then = false) {
  const lines: string[] = [];
  for (let k = 0; k < n + (then ? 1 : 0); k++) {
    const t = new Date(Date.UTC(2017, 9, 1) + k * 10_000);
    const clock = t.toISOString().slice(11, 19);
    const stamp = `Oct 01 ${clock}`;
    const pid = 1000 + k * 7;
    lines.push(
      `${stamp} node-1 systemd[1]: Started kubelet: The Kubernetes Node Agent.`,
      `${stamp} node-1 kubelet[${pid}]: I1001 ${clock}.100000 ${pid} server.go:440] "Kubelet version" kubeletVersion="v1.25.4"`,
    );
    if (k < n)
      lines.push(
        `${stamp} node-1 kubelet[${pid}]: E1001 ${clock}.300000 ${pid} run.go:74] "command failed" err="failed to load kubelet config file /var/lib/kubelet/config.yaml"`,
        `${stamp} node-1 systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE`,
      );
  }
  return analyzeString(`${lines.join('\n')}\n`, { year: 2017 });
}

describe('a kubelet that crash-loops is one row per loop in the text, Markdown and HTML reports', () => {
  const UTC = zone('UTC');
  it('a loop of alike starts (and stops): its count, its first and last time and line; a start unlike them a row of its own', () => {
    const t = crashLoop(360, true);
    expect(t.nodes[0]!.kubeletStarts.length).toBe(361);
    const text = renderText(t, { zone: UTC, color: false });
    expect(text).toMatch(
      /^ {2}2017-10-01 00:00:00 … 00:59:50 {2}×360 +v1\.25\.4 {2}start failed: failed to load kubelet config file .*\[line 1, line 1437\]$/m,
    );
    expect(text).toMatch(/^ {2}2017-10-01 01:00:00 {2}pid 3520 +v1\.25\.4 {2}\[line 1441\]$/m);
    expect(text).toMatch(/^ {2}2017-10-01 00:00:00 … 00:59:50 {2}exit 1\/FAILURE .* ×360 {2}\[line 4, line 1440\]$/m);
    expect(text.split('\n').length).toBeLessThan(40);
    const md = renderMarkdown(t, { zone: UTC });
    expect(md).toContain(
      '**Kubelet starts:** 2017-10-01 00:00:00 … 00:59:50 ×360 v1.25.4 (start failed: failed to load kubelet config file',
    );
    expect(md).toContain('2017-10-01 01:00:00 pid 3520 v1.25.4 (');
    const html = renderHtml(t, { zone: UTC });
    expect(html).toContain('2017-10-01 00:00:00 … 00:59:50 ×360 v1.25.4 (start failed: failed to load kubelet config file');
    expect(html.length).toBeLessThan(200_000);
    // (in the chart: every start counted, those that fall together one icon, none past the chart's right edge)
    const marks = [...html.matchAll(/<g class="restart"(?: data-count="(\d+)")?><title>[^<]*<\/title><path d="M([\d.]+) /g)];
    expect(marks.reduce((a, m) => a + Number(m[1] ?? 1), 0)).toBe(361);
    expect(marks.length).toBeLessThan(150);
    const width = Number(/<svg class="chart"[^>]*viewBox="0 0 (\d+)/.exec(html)![1]);
    expect(Math.max(...marks.map((m) => Number(m[2])))).toBeLessThan(width);
  });

  it('restarts minutes apart, or hours apart, are each a row (no loop made them)', () => {
    // (a restart every 6 minutes, then every 3 hours: alike, but not a loop's)
    for (const step of [6 * 60, 3 * 3600]) {
      const lines: string[] = [];
      for (let k = 0; k < 8; k++) {
        const t = new Date(Date.UTC(2017, 9, 1) + k * step * 1000);
        const clock = t.toISOString().slice(11, 19);
        const stamp = `Oct ${t.toISOString().slice(8, 10)} ${clock}`;
        const mmdd = `10${t.toISOString().slice(8, 10)}`;
        const pid = 1000 + k;
        lines.push(
          `${stamp} node-1 systemd[1]: Started kubelet: The Kubernetes Node Agent.`,
          `${stamp} node-1 kubelet[${pid}]: I${mmdd} ${clock}.100000 ${pid} server.go:440] "Kubelet version" kubeletVersion="v1.25.4"`,
        );
      }
      const t = analyzeString(`${lines.join('\n')}\n`, { year: 2017 });
      expect(t.nodes[0]!.kubeletStarts.length).toBe(8);
      const rows = renderText(t, { zone: UTC, color: false })
        .split('\n')
        .filter((l) => / {2}pid \d+ +v1\.25\.4/.test(l));
      expect({ step, rows: rows.length }).toEqual({ step, rows: 8 });
    }
  });

  it(`fewer alike starts than ${LOOP_ROWS} are each a row`, () => {
    const t = crashLoop(LOOP_ROWS - 1);
    const rows = renderText(t, { zone: UTC, color: false })
      .split('\n')
      .filter((l) => / {2}pid \d+ +v1\.25\.4 {2}start failed/.test(l));
    expect(rows.length).toBe(LOOP_ROWS - 1);
  });
});

describe('the JSON report written in pieces is the one JSON.stringify writes', () => {
  it('a kubelet that crash-loops: its starts and stops a piece each, not one string of them all', () => {
    const t = crashLoop(1080);
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
