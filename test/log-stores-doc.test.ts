/**
 * docs/log-stores.md: the server-side filters it shows are the ones the rule table gives
 * (src/records/server-filter.ts), every example line of docs/kubelet-messages.md passes them,
 * and what the page says a filtered export loses is what the tool does with one.
 */
import { describe, expect, it } from 'vitest';
import { decodeJournalLine } from '../src/journal/decode.js';
import { analyzedWords, filterBlocks, FILTER_REGEX, FILTER_TERMS, FILTER_WORDS, SYSTEMD_REGEX } from '../src/records/server-filter.js';
import { toReport } from '../src/index.js';
import { zone } from '../src/time/zone.js';
import { analyzeString, read } from './helpers.js';
import { facts } from './store-facts.js';

const PAGE = read('docs/log-stores.md');
/** The LogQL / RE2 pattern as a JavaScript one (`(?i)` is the `i` flag). */
const js = (re2: string) => new RegExp(re2.replace(/^\(\?i\)/, ''), 'i');
const RE = js(FILTER_REGEX);
const SYSTEMD_RE = js(SYSTEMD_REGEX);

/** The first line of every entry of the catalog's example blocks (a klog block's body holds no term). */
function catalogExamples(): Array<{ at: number; message: string; systemd: boolean }> {
  const out: Array<{ at: number; message: string; systemd: boolean }> = [];
  let inSection = false;
  let fence: string | undefined;
  let inBlock = false;
  read('docs/kubelet-messages.md')
    .split('\n')
    .forEach((line, i) => {
      if (fence !== undefined) {
        if (/^```\s*$/.test(line)) fence = undefined;
        else if (fence === 'text' && inSection && line.trim() !== '') {
          const j = decodeJournalLine(line);
          const message = j.type === 'entry' ? j.message : line;
          if (inBlock) inBlock = message.trim() !== '>';
          else {
            // systemd's own lines about the kubelet (its units, not the kubelet's: the second filter)
            const systemd = j.type === 'entry' && (j.ident === 'systemd' || j.ident === 'systemd-journald' || j.ident === 'init.scope');
            out.push({ at: i + 1, message, systemd });
            inBlock = message.endsWith('=<');
          }
        }
        return;
      }
      const f = /^```(\S*)/.exec(line);
      if (f) fence = f[1]!;
      else if (/^#{1,3} /.test(line)) inSection = /^### \S+ — /.test(line);
    });
  return out;
}

describe('docs/log-stores.md', () => {
  it('shows the filters the rule table gives (scripts/stores/filter-doc.mjs writes them)', () => {
    const blocks = filterBlocks();
    const shown = [...PAGE.matchAll(/<!-- filter:(\S+) -->\n([\s\S]*?)\n<!-- \/filter -->/g)].map((m) => [m[1], m[2]]);
    expect(shown.map((s) => s[0]).sort()).toEqual(Object.keys(blocks).sort());
    for (const [name, body] of shown) expect(body).toBe(blocks[name!]);
  });

  const examples = catalogExamples();
  it('every example line of docs/kubelet-messages.md passes the line filter and the word filter', () => {
    expect(examples.length).toBeGreaterThan(150);
    const missed = examples
      .filter((e) => !(e.systemd ? SYSTEMD_RE : RE).test(e.message))
      .map((e) => `kubelet-messages.md:${e.at} ${e.message}`);
    expect(missed).toEqual([]);
    expect(examples.filter((e) => e.systemd).length).toBeGreaterThan(3);
    const words = new Set(FILTER_WORDS);
    const missedWords = examples
      .filter((e) => !e.systemd && !analyzedWords(e.message).some((w) => words.has(w)))
      .map((e) => `kubelet-messages.md:${e.at} ${e.message}`);
    expect(missedWords).toEqual([]);
  });

  it('the filter cuts the kubelet chatter (and needs no backslash in any quoting)', () => {
    expect(FILTER_REGEX).not.toMatch(/\\/);
    for (const t of FILTER_TERMS) expect(t).toMatch(/^[^\s.].*[^\s.]$|^[^\s.]$/);
    const chatter = [
      'I0314 09:21:07.110044    2716 kubelet.go:2350] "SyncLoop (PLEG): event for pod" pod="default/web-1" event={"ID":"1","Type":"ContainerStarted"}',
      'I0314 09:21:07.110044    2716 reconciler_common.go:258] "operationExecutor.VerifyControllerAttachedVolume started for volume"',
      'E0314 09:21:07.110044    2716 pod_workers.go:1300] "Error syncing pod, skipping" err="failed to \\"StartContainer\\""',
      'I0314 09:21:07.110044    2716 prober.go:107] "Probe failed" probeType="Readiness" pod="default/web-1"',
    ];
    for (const c of chatter) expect([c, RE.test(c)]).toEqual([c, false]);
  });

  it('what a filtered export loses is what the page says (the seed story: the end; the modern one: nothing)', () => {
    // the two queries of the page: the kubelet's lines by the terms, systemd's about the kubelet by the unit they name
    const kept = (l: string) => {
      const j = decodeJournalLine(l);
      const systemd = j.type === 'entry' && (j.ident === 'systemd' || j.ident === 'systemd-journald');
      return systemd ? SYSTEMD_RE.test(j.message) : RE.test(l);
    };
    const run = (file: string, year: number, tz: string, keep: (l: string) => boolean) =>
      toReport(analyzeString(read(file).split('\n').filter(keep).join('\n'), { year, zone: zone(tz) }));
    const seedAll = run('samples/seed-ubuntu-k8s-3.log', 2017, 'Asia/Shanghai', () => true);
    const seedCut = run('samples/seed-ubuntu-k8s-3.log', 2017, 'Asia/Shanghai', kept);
    expect([seedAll.summary.lines, seedCut.summary.lines]).toEqual([14434, 13949]);
    expect(seedCut.incidents.map((i) => [i.start, i.end, i.reclaimAttempts, i.noPodsToEvict, i.rejectedPods.length])).toEqual(
      seedAll.incidents.map((i) => [i.start, i.end, i.reclaimAttempts, i.noPodsToEvict, i.rejectedPods.length]),
    );
    expect([seedAll.incidents[0]!.closedBy, seedCut.incidents[0]!.closedBy]).toEqual(['threshold-change', 'ongoing']);
    expect(seedCut.notes.map((n) => n.kind)).toEqual(seedAll.notes.map((n) => n.kind)); // no note says "filtered"
    const modernAll = facts(run('samples/modern-memory-eviction.log', 2024, 'UTC', () => true));
    const modernCut = facts(run('samples/modern-memory-eviction.log', 2024, 'UTC', kept));
    // the same story, but the node was last seen at the last line the filter kept
    const unseen = (f: typeof modernAll) => ({ ...f, summary: undefined, nodes: f.nodes.map((n) => ({ ...n, seen: undefined })) });
    expect(unseen(modernCut)).toEqual(unseen(modernAll));
    expect(modernCut.nodes[0]!.seen[1]! < modernAll.nodes[0]!.seen[1]!).toBe(true);
  });
});
