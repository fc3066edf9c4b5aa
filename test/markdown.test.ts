/**
 * `-o markdown`: the report parses as CommonMark + GFM tables (markdown-it),
 * with one table row per summary node and per collapsed timeline step, and no
 * string from the log can break a table, open a heading or inject HTML.
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { mdLine, mdText, renderMarkdown } from '../src/render/markdown.js';
import { zone } from '../src/time/zone.js';
import { analyzeString, read, runCli } from './helpers.js';
import { safeText } from '../src/render/sanitize.js';
import { nodeFromFileName } from '../src/source/node-name.js';
import { SAMPLE_ARGS } from '../scripts/sample-args.mjs';

// html: true so raw HTML that slipped through the escaping becomes an `html_inline`/`html_block`
// token, which the tests forbid.
const md = new MarkdownIt({ html: true });
/** GitHub turns bare URLs, `www.` and e-mail addresses into links: markdown-it's linkify does the same. */
const linky = new MarkdownIt({ html: true, linkify: true });

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/** Tables as arrays of rows of cell texts (inline content), header row first. */
function tables(tokens: Token[]): string[][][] {
  const out: string[][][] = [];
  let table: string[][] | undefined;
  let row: string[] | undefined;
  let inCell = false;
  for (const t of tokens) {
    if (t.type === 'table_open') table = [];
    else if (t.type === 'table_close') {
      out.push(table!);
      table = undefined;
    } else if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close') table!.push(row!);
    else if (t.type === 'th_open' || t.type === 'td_open') inCell = true;
    else if (t.type === 'th_close' || t.type === 'td_close') inCell = false;
    else if (t.type === 'inline' && inCell) row!.push(t.content);
  }
  return out;
}

/** Rendered text of inline content (what a reader sees in a cell). */
const seen = (s: string) =>
  md
    .renderInline(s)
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('mdText / mdLine escape log text for Markdown', () => {
  const cases: Array<[string, string]> = [
    ['default/a|b|c', 'default/a|b|c'],
    ['`rm -rf`', '`rm -rf`'],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['"><img src=x onerror=alert(1)>', '"><img src=x onerror=alert(1)>'],
    ['*bold* _em_ [x](http://e) ~~s~~', '*bold* _em_ [x](http://e) ~~s~~'],
    ['memory.available<100Mi', 'memory.available<100Mi'],
    [
      'see https://evil.example/x?a=1 or www.evil.example, mail a@evil.example',
      'see https://evil.example/x?a=1 or www.evil.example, mail a@evil.example',
    ],
    ['cost $5 and $x^2$', 'cost $5 and $x^2$'],
    ['<http://e.example> <a@b.example>', '<http://e.example> <a@b.example>'],
    ['eviction_manager.go', 'eviction_manager.go'],
    ['a\\b', 'a\\b'],
    ['&amp; &lt;', '&amp; &lt;'],
    ['red\u001b[31mALERT\u001b[0m', 'redALERT'],
    ['two\nlines', 'two lines'],
  ];
  for (const [input, want] of cases) {
    it(`${JSON.stringify(input)} reads back as ${JSON.stringify(want)}`, () => {
      const esc = mdText(input);
      expect(seen(esc)).toBe(want);
      // with linkify, as GitHub autolinks bare URLs
      const tokens = linky.parseInline(esc, {})[0]!.children!;
      expect(tokens.filter((t) => t.type === 'html_inline')).toEqual([]);
      expect(tokens.map((t) => t.type)).not.toContain('em_open');
      expect(tokens.map((t) => t.type)).not.toContain('link_open');
      // code spans only around what a renderer would link
      for (const c of tokens.filter((t) => t.type === 'code_inline')) expect(c.content).toMatch(/:\/\/|^www\.|@/);
      // no entity: the text reads the same raw as rendered, but for backslashes
      expect(esc).not.toMatch(/&(?:[a-z]+|#\d+);/i.test(input) ? /^$/ : /&(?:[a-z]+|#\d+);/i);
      expect(esc.replace(/\\(?=[\\`*_[\]~|$<&#>+=-])/g, '').replace(/`+/g, '')).toBe(
        safeText(input).replace(/\n/g, ' ').replace(/`+/g, ''),
      );
    });
  }
  for (const lead of ['# heading', '- item', '+ item', '1. item', '2) item', '= setext']) {
    it(`mdLine keeps a leading ${JSON.stringify(lead.slice(0, 2))} from opening a block`, () => {
      const tokens = md.parse(`- ${mdLine(lead)}`, {});
      expect(tokens.filter((t) => t.type === 'heading_open').length).toBe(0);
      expect(tokens.filter((t) => t.type === 'bullet_list_open' || t.type === 'ordered_list_open').length).toBe(1);
      expect(tokens.find((t) => t.type === 'inline')!.content).toBe(mdLine(lead));
    });
  }
  it('a cell with | stays one cell', () => {
    const doc = `| a | b |\n| --- | --- |\n| ${mdText('x|y')} | ${mdText('`z`|w')} |\n`;
    const [t] = tables(md.parse(doc, {}));
    expect(t![1]!.length).toBe(2);
  });
});

describe('markdown report structure', () => {
  for (const [file, args] of Object.entries(SAMPLE_ARGS)) {
    it(`${file}: tables parse with the expected rows, no raw HTML`, async () => {
      const r = await runCli([...args, '-o', 'markdown', `samples/${file}`]);
      expect(r.code).toBe(0);
      const z = zone(args[args.indexOf('--timezone') + 1]!);
      const year = args.includes('--year') ? { year: Number(args[args.indexOf('--year') + 1]) } : {};
      // the CLI names a node the journal does not name after the file, when nothing else names it
      const fileNode = nodeFromFileName(`samples/${file}`);
      const t = analyzeString(
        read(`samples/${file}`),
        // (--timezone names the zone the journal was printed in, as the CLI says)
        { zone: z, zoneGiven: args.includes('--timezone'), ...year, ...(fileNode ? { fallbackNode: fileNode } : {}) },
        `samples/${file}`,
      );
      expect(r.stdout).toBe(renderMarkdown(t, { zone: z, version: '0.1.0' }));
      const tokens = md.parse(r.stdout, {});
      expect(tokens.filter((x) => x.type === 'html_block' || x.type === 'html_inline')).toEqual([]);
      for (const tok of tokens.filter((x) => x.type === 'inline')) {
        expect(tok.children!.filter((c) => c.type === 'html_inline')).toEqual([]);
      }
      const tbs = tables(tokens);
      const headers = tbs.map((x) => x[0]!.join(' | '));
      // Summary: header + a row per node (+ a total row when there are several).
      const summary = tbs[headers.findIndex((h) => h.startsWith('Node | Incidents'))]!;
      expect(summary.length - 1).toBe(t.nodes.length + (t.nodes.length > 1 ? 1 : 0));
      // One timeline table per incident, a row per collapsed step and restart.
      const timelines = tbs.filter((x) => x[0]!.join(' | ') === 'Time | Event | Count | Details | Evidence');
      expect(timelines.length).toBe(t.incidents.length);
      timelines.forEach((tb, k) => {
        const inc = t.incidents[k]!;
        expect(tb.length - 1).toBe(inc.steps.length + inc.restarts.length);
        for (const row of tb.slice(1)) expect(row.length).toBe(5);
        const counted = tb.slice(1).reduce((a, row) => a + Number(row[2]!.replace(/,/g, '')), 0);
        expect(counted).toBe(inc.steps.reduce((a, s) => a + s.count, 0) + inc.restarts.length);
      });
      const thresholds = tbs.filter((x) => x[0]!.join(' | ') === 'Time | Source | Hard | Soft | Evidence');
      expect(thresholds.reduce((a, tb) => a + tb.length - 1, 0)).toBe(t.nodes.reduce((a, n) => a + n.thresholds.length, 0));
      const changes = tbs.filter((x) => x[0]![1] === 'Change');
      expect(changes.reduce((a, tb) => a + tb.length - 1, 0)).toBe(t.nodes.reduce((a, n) => a + n.thresholdChanges.length, 0));
      // Every statement is a list item carrying its evidence as input:line.
      for (const inc of t.incidents)
        for (const s of inc.statements) {
          for (const e of s.evidence) expect(r.stdout).toContain(`${e.input}:${e.line}`);
        }
    });
  }

  it('seed: title names the node and window, dropped defaults are called out', async () => {
    const r = await runCli([...SAMPLE_ARGS['seed-ubuntu-k8s-3.log']!, '-o', 'markdown', 'samples/seed-ubuntu-k8s-3.log']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('# Kubelet eviction report: ubuntu-k8s-3, 2017-10-16 06:00:05 → 17:10:00');
    expect(r.stdout).toContain('**Defaults dropped** at 2017-10-16 16:56:10: memory.available<100Mi, nodefs.inodesFree<5%.');
    expect(r.stdout).toContain('| 2017-10-16 16:56:10 | changed | nodefs.available | 10% | 5% | samples/seed-ubuntu-k8s-3.log:14378 |');
  });

  it('hostile names: rendered HTML of the Markdown has no tag from the log', async () => {
    const r = await runCli(['--timezone', 'UTC', '-o', 'markdown', 'samples/hostile-names.log']);
    const html = md.render(r.stdout);
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain('&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('\u001b');
  });
});
