/**
 * The decoders against REAL journalctl output: a journal built by
 * systemd-journal-remote and rendered by `journalctl --file` in every -o
 * format, locale and zone (test/fixtures/journalctl/README.md says how;
 * scripts/journal-fixtures/render.sh regenerates them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeJournalLine, type JournalLine } from '../src/journal/decode.js';
import { decodeKlog } from '../src/klog/decode.js';
import { utcToWall, zone } from '../src/time/zone.js';
import { analyzeString, FIXTURES as DIR, fixtureEntries } from './helpers.js';
import { toJsonReport } from '../src/render/json.js';

const truth = fixtureEntries();

// Text formats this decoder reads line by line (export and verbose are multi-line records: issue 7).
const FORMATS = [
  'short',
  'short-precise',
  'short-iso',
  'short-iso-precise',
  'short-full',
  'with-unit',
  'short-unix',
  'short-monotonic',
  'cat',
  'json',
  'json-seq',
];
const zoneOf = (file: string) =>
  file === 'any.txt'
    ? 'UTC'
    : file
        .split('__')[1]!
        .replace(/\.txt$/, '')
        .replace('-', '/');

function files(format: string): string[] {
  return readdirSync(new URL(`${format}/`, DIR)).filter((f) => f.endsWith('.txt'));
}

type Entry = Extract<JournalLine, { type: 'entry' }>;

describe.each(FORMATS)('journalctl -o %s', (format) => {
  it.each(files(format))('%s decodes every entry', (file) => {
    const text = readFileSync(new URL(`${format}/${file}`, DIR), 'latin1');
    const lines = Buffer.from(text, 'latin1')
      .toString('utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    const entries = lines.map(decodeJournalLine).filter((j): j is Entry => j.type === 'entry');
    expect(entries).toHaveLength(truth.length);
    const z = zone(zoneOf(file));
    entries.forEach((e, i) => {
      const t = truth[i]!;
      const ms = Number(t.realtimeUsec) / 1000;
      if (format !== 'cat') {
        expect(e.host).toBe(t.hostname);
        // with-unit names the unit: the kubelet's is kubelet.service, systemd's init.scope.
        expect(e.ident).toBe(format === 'with-unit' && t.identifier === 'systemd' ? 'init.scope' : t.identifier);
        expect(e.pid).toBe(t.pid);
      }
      if (t.message !== undefined) expect(e.message).toBe(t.message);
      else if (format.startsWith('short') || format === 'with-unit') expect(e.message).toMatch(/^\[\d+B blob data\]$/);
      else if (format === 'json' || format === 'json-seq') expect(e.lossy).toBe(true);
      // Time: instants must be exact (to the second where the format has no fraction);
      // year-less wall times must name the right wall clock in the rendering zone.
      const tm = e.time;
      if (format === 'cat' || format === 'short-monotonic') expect(tm).toBeUndefined();
      else if (tm?.kind === 'instant') {
        const precise = tm.precise;
        expect(Math.abs(tm.ms - (precise ? ms : Math.floor(ms / 1000) * 1000))).toBeLessThan(0.01);
      } else {
        const w = utcToWall(z, ms);
        expect(tm).toMatchObject({ month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second });
        if (tm?.year !== undefined) expect(tm.year).toBe(w.year);
      }
      // The klog header survives every envelope.
      if (t.message?.startsWith('I1016') || t.message?.startsWith('W1016')) {
        expect(decodeKlog(e.message).header).toBe('klog');
      }
    });
  });
});

/**
 * What must not depend on the rendering: the story, node by node. (Nodes and incidents are
 * reported in time order; in year-less `short` both nodes start in --year 2017, so worker-3's
 * June comes before ubuntu-k8s-3's October there, while json knows it is June 2018.)
 */
function story(text: string, tz: string) {
  const r = toJsonReport(analyzeString(text, { zone: zone(tz), year: 2017 }), { timezone: tz });
  const byNode = <T extends { node: string }>(xs: T[]) => [...xs].sort((a, b) => a.node.localeCompare(b.node));
  return {
    nodes: byNode(r.nodes.map((n) => ({ ...n, node: n.name }))).map((n) => ({
      name: n.name,
      starts: n.kubeletStarts.map((s) => s.pid),
      thresholds: n.thresholds.map((t) => t.hard),
    })),
    incidents: byNode(r.incidents).map((i) => ({
      node: i.node,
      // short and short-precise carry no year: compare month-day and time of day.
      start: i.start?.slice(5, 19),
      resources: i.resources,
      reclaimAttempts: i.reclaimAttempts,
      rejected: i.rejectedPods.map((p) => p.pod),
      ranked: i.rankedPods,
    })),
  };
}

describe('the same journal tells the same story in every rendering', () => {
  const want = story(readFileSync(new URL('json/any.txt', DIR), 'utf8'), 'UTC');
  it('the reference (json) story is the seed excerpt', () => {
    expect(want.incidents.map((i) => i.node)).toEqual(['ubuntu-k8s-3', 'worker-3']);
    expect(want.incidents[0]).toMatchObject({ resources: ['nodefs'], reclaimAttempts: 1, rejected: ['kube-system/weave-net-3svfg'] });
    expect(want.nodes[0]!.thresholds[0]).toEqual([
      { signal: 'memory.available', value: '100Mi' },
      { signal: 'nodefs.available', value: '10%' },
      { signal: 'nodefs.inodesFree', value: '5%' },
    ]);
  });
  for (const format of ['short', 'short-precise', 'short-iso', 'short-iso-precise', 'short-full', 'with-unit', 'short-unix', 'json-seq']) {
    it.each(files(format))(`${format} %s`, (file) => {
      const text = readFileSync(new URL(`${format}/${file}`, DIR), 'utf8');
      expect(story(text, zoneOf(file))).toEqual(want);
    });
  }
});
