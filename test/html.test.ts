/**
 * `-o html` as a string: self-contained (no script, no external URL), every
 * log string escaped in text, attributes and SVG `<title>`, chart marks
 * counted against the timeline, observations drawn only when present.
 * test/browser.test.ts loads the same pages in a real Chromium.
 */
import { describe, expect, it } from 'vitest';
import { chartCounts, esc } from '../src/render/chart.js';
import type { ObservationSeries as ModelSeries } from '../src/timeline/model.js';
import { renderHtml } from '../src/render/html.js';
import type { Timeline } from '../src/timeline/model.js';
import { zone } from '../src/time/zone.js';
import { analyzeString, read, runCli } from './helpers.js';

const UTC = zone('UTC');
const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

describe('esc', () => {
  const cases: Array<[string, string]> = [
    ['<script>alert(1)</script>', '&#60;script&#62;alert(1)&#60;/script&#62;'],
    ['"><img src=x onerror=alert(1)>', '&#34;&#62;&#60;img src=x onerror=alert(1)&#62;'],
    ["a'b&c", 'a&#39;b&#38;c'],
    ['red\u001b[31mX\u001b[0m', 'redX'],
  ];
  for (const [input, want] of cases) it(JSON.stringify(input), () => expect(esc(input)).toBe(want));
});

describe('html report', () => {
  it('hostile sample: nothing from the log is markup', async () => {
    const r = await runCli(['--timezone', 'UTC', '-o', 'html', 'samples/hostile-names.log']);
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html).not.toMatch(/<\/?(script|img|b)\b/i);
    expect(html).not.toContain('\u001b');
    // A `"` from the log never closes an attribute: every quote inside attribute values is ours.
    for (const m of html.matchAll(/data-[a-z-]+="([^"]*)"/g)) expect(m[1]).not.toMatch(/[<>]/);
    expect(html).toContain('&#60;script&#62;window.__pwned=1;alert(1)&#60;/script&#62;');
    expect(html).toMatch(/<title>[^<]*&#60;script&#62;window.__pwned=1/);
  });

  for (const [file, args] of [
    ['seed-ubuntu-k8s-3.log', ['--year', '2017', '--timezone', 'Asia/Shanghai']],
    ['modern-memory-eviction.log', ['--timezone', 'UTC']],
  ] as const) {
    it(`${file}: self-contained, marks match the timeline`, async () => {
      const r = await runCli([...args, '-o', 'html', `samples/${file}`]);
      const html = r.stdout;
      expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
      // The only URL is the SVG namespace, which is an identifier, never fetched.
      for (const m of html.matchAll(/https?:\/\/[^\s"'<)]+/g)) expect(m[0]).toBe('http://www.w3.org/2000/svg');
      const z = zone(args[args.indexOf('--timezone') + 1]!);
      const year = (args as readonly string[]).includes('--year') ? { year: 2017 } : {};
      const t = analyzeString(read(`samples/${file}`), { zone: z, ...year });
      const c = chartCounts(t);
      expect(count(html, /<g class="incident/g)).toBe(t.incidents.length);
      // pods evicted at one time are one stacked mark with their count
      const evicted = [...html.matchAll(/class="evicted" data-count="(\d+)"/g)].reduce((a, m) => a + Number(m[1]), 0);
      expect(evicted).toBe(t.incidents.reduce((a, i) => a + i.evictedPods.length, 0));
      const rejected = [...html.matchAll(/class="rejected" data-count="(\d+)"/g)].reduce((a, m) => a + Number(m[1]), 0);
      expect(rejected).toBe(t.incidents.reduce((a, i) => a + i.rejectedPods.reduce((b, p) => b + p.count, 0), 0));
      // (starts that fall together are one mark with their count when more than fit side by side)
      const starts = [...html.matchAll(/<g class="restart"(?: data-count="(\d+)")?>/g)].reduce((a, m) => a + Number(m[1] ?? 1), 0);
      expect(starts).toBe(c.starts);
      expect(count(html, /<g class="threshold-change">/g)).toBe(c.thresholdChanges);
      expect(count(html, /class="observations"/g)).toBe(0);
      // The same content as Markdown: one timeline table per incident, a row per step/restart.
      expect(count(html, /<table class="steps">/g)).toBe(t.incidents.length);
      const rows = t.incidents.reduce((a, i) => a + i.steps.length + i.restarts.length, 0);
      const steps = [...html.matchAll(/<table class="steps">[\s\S]*?<\/table>/g)].reduce((a, m) => a + count(m[0], /<tr>/g) - 1, 0);
      expect(steps).toBe(rows);
    });
  }

  it('draws observations when a node has them, per signal, with the threshold', () => {
    const t = analyzeString(read('samples/modern-memory-eviction.log'));
    const base = Date.parse('2024-03-14T09:15:00Z');
    // Observations as the builder keeps them (src/timeline/model.ts), with the
    // memory.available<100Mi threshold the sample's kubelet stated.
    const pts = [0, 6, 7, 12].map((m, k) => ({ at: base + m * 60_000, available: [900, 200, 89, 400][k]! * 2 ** 20, capacity: 2 ** 31 }));
    const ref = { input: '-', line: 1 };
    const series: Record<string, ModelSeries> = {
      'memory.available': {
        signal: 'memory.available',
        count: 4,
        points: pts,
        stride: 1,
        min: { ...pts[2]!, evidence: ref },
        last: { ...pts[3]!, evidence: ref },
      },
    };
    const withObs: Timeline = { ...t, nodes: t.nodes.map((n) => ({ ...n, observations: series })) };
    const html = renderHtml(withObs, { zone: UTC });
    expect(count(html, /<g class="observations"/g)).toBe(1);
    expect(html).toContain('data-signal="memory.available"');
    expect(count(html, /<circle class="obs-point/g)).toBe(4);
    expect(count(html, /class="obs-point below"/g)).toBe(1);
    expect(count(html, /class="obs-threshold"/g)).toBe(1);
    expect(chartCounts(withObs).observationSeries).toBe(1);
    // and without any: nothing, and no error
    expect(renderHtml(t, { zone: UTC })).not.toContain('observations');
  });

  it('an empty journal renders a page without a chart', async () => {
    const r = await runCli(['--timezone', 'UTC', '-o', 'html'], 'nothing to see\n');
    expect(r.code).toBe(3); // no kubelet output: the page is still written
    expect(r.stdout).toContain('No resource pressure seen.');
    expect(r.stdout).not.toContain('<svg class="chart"');
  });
});
