/**
 * The HTML report in a real headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core; Playwright's own browser download never runs):
 * it loads from file:// with no console error and no network request, the
 * SVG has the marks the timeline calls for, a hostile sample shows its
 * `<script>` as text without running it, and a screenshot is written to
 * test/artifacts/ (gitignored).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartCounts } from '../src/render/chart.js';
import { zone } from '../src/time/zone.js';
import { analyzeString, read, ROOT, runCli } from './helpers.js';
import { journalChunks } from '../scripts/bench/generate.mjs';

/**
 * What a reader sees wrong in a chart, measured in the page: text labels that overlap, marks
 * that overlap (a start and a threshold change of the same minute), anything outside its lane.
 */
async function chartLayout(page: Page): Promise<{ overlaps: string[]; outside: string[]; texts: string[] }> {
  return page.evaluate(() => {
    const inter = (a: Box, b: Box) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    const texts = [...document.querySelectorAll('svg.chart text')];
    const overlaps: string[] = [];
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++)
        if (inter(texts[i]!.getBoundingClientRect(), texts[j]!.getBoundingClientRect()))
          overlaps.push(`${texts[i]!.textContent} / ${texts[j]!.textContent}`);
    const icons = [...document.querySelectorAll('svg.chart g.restart path, svg.chart g.threshold-change rect')];
    for (let i = 0; i < icons.length; i++)
      for (let j = i + 1; j < icons.length; j++)
        if (inter(icons[i]!.getBoundingClientRect(), icons[j]!.getBoundingClientRect())) overlaps.push('icons');
    // labels over marks: a change label over an eviction triangle
    for (const tx of texts.filter((x) => x.closest('g.lane')))
      for (const m of [
        ...document.querySelectorAll('svg.chart g.evicted path, svg.chart g.restart path, svg.chart g.threshold-change rect'),
      ])
        if (inter(tx.getBoundingClientRect(), m.getBoundingClientRect())) overlaps.push(`${tx.textContent} over a mark`);
    const outside: string[] = [];
    const svg = document.querySelector('svg.chart')!.getBoundingClientRect();
    for (const lane of [...document.querySelectorAll('svg.chart g.lane')]) {
      const bg = lane.querySelector('rect.lane-bg')!.getBoundingClientRect();
      for (const el of [...lane.querySelectorAll('path, rect, text, circle, line')]) {
        const b = el.getBoundingClientRect();
        if (b.width === 0 && b.height === 0) continue;
        if (b.top < bg.top - 0.5 || b.bottom > bg.bottom + 0.5 || b.left < svg.left - 0.5 || b.right > svg.right + 0.5)
          outside.push(`${el.getAttribute('class') ?? el.textContent}`);
      }
    }
    return { overlaps, outside, texts: texts.map((x) => x.textContent ?? '') };
  });
}

// page.evaluate callbacks run in the page; the Node-side program has no DOM lib, so declare what they touch.
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface El {
  getAttribute(n: string): string | null;
  querySelector(s: string): El | null;
  querySelectorAll(s: string): ArrayLike<El> & Iterable<El>;
  textContent: string | null;
  getBoundingClientRect(): Box;
  closest(s: string): El | null;
}
declare const document: {
  querySelectorAll(s: string): ArrayLike<El> & Iterable<El>;
  querySelector(s: string): El | null;
  scripts: { length: number };
  images: { length: number };
  title: string;
  body: { innerText: string };
};

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) {
  if (process.env['CI']) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium; the browser tests must run in CI`);
  console.warn(`\n*** SKIPPING browser tests: ${CHROMIUM} is absent (apt-get install -y chromium) ***\n`);
}

const ARTIFACTS = join(ROOT, 'test', 'artifacts');

describe.skipIf(!present)('html report in headless Chromium', () => {
  let ctx: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'klog-eviction-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 900 },
    });
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  interface Loaded {
    page: Page;
    errors: string[];
    requests: string[];
    dialogs: string[];
  }

  async function load(name: string, html: string): Promise<Loaded> {
    const file = join(ARTIFACTS, `${name}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await ctx.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    await page.goto(url, { waitUntil: 'load' });
    return { page, errors, requests, dialogs };
  }

  const samples = [
    ['seed-ubuntu-k8s-3.log', ['--year', '2017', '--timezone', 'Asia/Shanghai']],
    ['modern-memory-eviction.log', ['--timezone', 'UTC']],
    ['hostile-names.log', ['--timezone', 'UTC']],
  ] as const;

  for (const [file, args] of samples) {
    it(`${file}: loads offline, marks match the timeline, screenshot`, async () => {
      const r = await runCli([...args, '-o', 'html', `samples/${file}`]);
      const name = file.replace(/\.log$/, '');
      const { page, errors, requests, dialogs } = await load(name, r.stdout);
      try {
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        expect(dialogs).toEqual([]);
        const z = zone(args[args.indexOf('--timezone') + 1]!);
        const t = analyzeString(read(`samples/${file}`), {
          zone: z,
          ...((args as readonly string[]).includes('--year') ? { year: 2017 } : {}),
        });
        const c = chartCounts(t);
        const marks = await page.evaluate(() => ({
          incidents: document.querySelectorAll('svg.chart g.incident').length,
          evictions: [...document.querySelectorAll('svg.chart g.evicted')].reduce((a, e) => a + Number(e.getAttribute('data-count')), 0),
          rejections: [...document.querySelectorAll('svg.chart .rejected')].reduce((a, e) => a + Number(e.getAttribute('data-count')), 0),
          starts: [...document.querySelectorAll('svg.chart g.restart')].reduce((a, e) => a + Number(e.getAttribute('data-count') ?? 1), 0),
          thresholdChanges: document.querySelectorAll('svg.chart g.threshold-change').length,
          observationSeries: document.querySelectorAll('svg.chart g.observations').length,
          lanes: document.querySelectorAll('svg.chart g.lane').length,
          titled: [
            ...document.querySelectorAll('svg.chart g.incident, svg.chart .evicted, svg.chart .rejected, svg.chart g.restart'),
          ].every((e) => (e.querySelector(':scope > title')?.textContent ?? '').length > 0),
          chartWidth: document.querySelector('svg.chart')!.getBoundingClientRect().width,
        }));
        expect(marks).toEqual({ ...c, lanes: t.nodes.length, titled: true, chartWidth: marks.chartWidth });
        expect(marks.chartWidth).toBeGreaterThan(700);
        expect(c.incidents).toBeGreaterThan(0);
        // The chart tells the story without hovering: nothing overlaps or leaves its lane.
        const layout = await chartLayout(page);
        expect(layout.overlaps).toEqual([]);
        expect(layout.outside).toEqual([]);
        for (const i of t.incidents) {
          if (i.noPodsToEvict > 0)
            expect(layout.texts.join('\n')).toContain(`no pods to evict ×${i.noPodsToEvict.toLocaleString('en-US')}`);
        }
        for (const n of t.nodes)
          for (const ch of n.thresholdChanges.filter((x) => x.from !== null && x.to !== null).slice(0, 1))
            expect(layout.texts.join('\n')).toContain(`${ch.signal} ${ch.from} → ${ch.to}`);
        // the time axis is labelled from where the data starts
        expect(await page.evaluate(() => document.querySelector('svg.chart text.axis-start')?.textContent ?? '')).toMatch(
          /^\d\d-\d\d \d\d:\d\d$/,
        );
        const png = join(ARTIFACTS, `${name}.png`);
        await page.screenshot({ path: png, fullPage: true });
        expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
        await page.emulateMedia({ media: 'print' });
        // Printable: the print stylesheet renders to a PDF without error.
        await page.pdf({ path: join(ARTIFACTS, `${name}.pdf`) });
      } finally {
        await page.close();
      }
    });
  }

  it('three nodes with --v=3 observations: y axes in units, thresholds labelled, nothing overlaps', async () => {
    // the benchmark's generator: three hosts of three kubelet eras, merged by time
    const text = [...journalChunks({ seed: 1, bytes: 3 * 2 ** 20 })].join('');
    const r = await runCli(['--year', '2025', '--timezone', 'UTC', '-o', 'html'], text);
    const { page, errors } = await load('three-nodes', r.stdout);
    try {
      expect(errors).toEqual([]);
      const got = await page.evaluate(() => ({
        lanes: document.querySelectorAll('svg.chart g.lane').length,
        plots: document.querySelectorAll('svg.chart g.observations').length,
        ticks: [...document.querySelectorAll('svg.chart .obs-axis text')].map((e) => e.textContent ?? ''),
        thresholds: [...document.querySelectorAll('svg.chart .obs-threshold-label')].map((e) => e.textContent ?? ''),
        legend: [...document.querySelectorAll('ul.legend li')].map((e) => e.textContent ?? ''),
        stacked: [...document.querySelectorAll('svg.chart .evict-count')].map((e) => e.textContent ?? ''),
      }));
      expect(got.lanes).toBe(3);
      expect(got.plots).toBeGreaterThan(0);
      // readable values with their unit, never raw bytes such as 15,772,826,419.2
      for (const tick of got.ticks) expect(tick).toMatch(/^(0|\d+(\.\d+)? (GiB|MiB|KiB|TiB|B)|\d+(\.\d+)?[kM]?)$/);
      expect(got.ticks.some((x) => /GiB|MiB/.test(x))).toBe(true);
      expect(got.thresholds.length).toBeGreaterThan(0);
      for (const th of got.thresholds) expect(th).toMatch(/^threshold \S+<\S+/);
      expect(got.legend.some((l) => /observed it \(--v=3\)/.test(l))).toBe(true);
      expect(got.legend.some((l) => /hard eviction threshold/.test(l))).toBe(true);
      const layout = await chartLayout(page);
      expect(layout.overlaps).toEqual([]);
      expect(layout.outside).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, 'three-nodes.png'), fullPage: true });
    } finally {
      await page.close();
    }
  }, 60_000);

  it('journals years apart: calendar ticks, no label over another', async () => {
    const r = await runCli(['--year', '2017', '--timezone', 'UTC', '-o', 'html', ...samples.map(([f]) => `samples/${f}`)]);
    const { page } = await load('years-apart', r.stdout);
    try {
      const layout = await chartLayout(page);
      expect(layout.overlaps).toEqual([]);
      expect(layout.outside).toEqual([]);
      const ticks = await page.evaluate(() => [...document.querySelectorAll('svg.chart .axis text')].map((e) => e.textContent ?? ''));
      expect(ticks[0]).toBe('2017-10-16');
      for (const tk of ticks.slice(1)) expect(tk).toMatch(/^\d{4}(-\d\d)?$/);
    } finally {
      await page.close();
    }
  });

  it('many pods evicted at one time stack into one mark with their count', async () => {
    // one loop pass that evicts four pods within a second
    const at = (s: number) => `Mar 14 09:21:0${s} worker-3 kubelet[2716]: I0314 09:21:0${s}.000001    2716 `;
    const lines = [
      `${at(0)}eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="memory"`,
      ...[1, 2, 3, 4].map((k) => `${at(1)}eviction_manager.go:623] "Eviction manager: pod is evicted successfully" pod="default/p-${k}"`),
      `Mar 14 09:40:00 worker-3 kubelet[2716]: I0314 09:40:00.000001    2716 kubelet.go:2432] "SyncLoop"`,
    ];
    const r = await runCli(['--year', '2024', '--timezone', 'UTC', '-o', 'html'], `${lines.join('\n')}\n`);
    const { page } = await load('stacked', r.stdout);
    try {
      const got = await page.evaluate(() =>
        [...document.querySelectorAll('svg.chart g.evicted')].map((g) => ({
          count: g.getAttribute('data-count'),
          label: g.querySelector('.evict-count')?.textContent ?? '',
          triangles: g.querySelectorAll('path').length,
        })),
      );
      expect(got).toEqual([{ count: '4', label: '×4', triangles: 3 }]);
      expect((await chartLayout(page)).overlaps).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('hostile names render as text and run nothing', async () => {
    const r = await runCli(['--timezone', 'UTC', '-o', 'html', 'samples/hostile-names.log']);
    const { page, errors, requests, dialogs } = await load('hostile-check', r.stdout);
    try {
      const got = await page.evaluate(() => ({
        pwned: (globalThis as { __pwned?: number }).__pwned ?? null,
        scripts: document.scripts.length,
        images: document.images.length,
        bold: document.querySelectorAll('b').length,
        title: document.title,
        text: document.body.innerText,
        svgTitles: [...document.querySelectorAll('svg title')].map((e) => e.textContent ?? ''),
        attrs: [...document.querySelectorAll('[data-node]')].map((e) => e.getAttribute('data-node')),
      }));
      expect(got.pwned).toBeNull();
      expect(got.scripts).toBe(0);
      expect(got.images).toBe(0);
      expect(got.bold).toBe(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(got.title).toContain('ci-<b>node</b>');
      expect(got.text).toContain('default/<script>window.__pwned=1;alert(1)</script>');
      expect(got.text).toContain('default/"><img src=x onerror=window.__pwned=2>');
      expect(got.text).toContain('default/a|b|c');
      expect(got.text).toContain('default/`rm -rf`-# heading');
      expect(got.text).not.toContain('\u001b');
      expect(got.svgTitles.some((s) => s.includes('Evicted default/<script>window.__pwned=1;alert(1)</script>'))).toBe(true);
      expect(got.svgTitles.some((s) => s.includes('Evicted default/"><img src=x onerror=window.__pwned=2>'))).toBe(true);
      expect(got.attrs).toEqual(['ci-<b>node</b>']);
    } finally {
      await page.close();
    }
  });
});
