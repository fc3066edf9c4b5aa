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

// page.evaluate callbacks run in the page; the Node-side program has no DOM lib, so declare what they touch.
interface El {
  getAttribute(n: string): string | null;
  querySelector(s: string): El | null;
  textContent: string | null;
  getBoundingClientRect(): { width: number };
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
          starts: document.querySelectorAll('svg.chart g.restart').length,
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
