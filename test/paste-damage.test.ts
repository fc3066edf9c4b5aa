/**
 * The paste-damage property: what people do to kubelet lines when they paste them (into an
 * issue, a ticket, a chat) must not change what the tool concludes, except what the damage
 * destroys. Every sample (the seed story, the modern eviction, the hostile names and every real
 * excerpt in samples/real/) is damaged in each way seen in real pastes, and the facts — nodes,
 * thresholds, kubelet starts, incidents with their resources, pods and counts — must equal the
 * undamaged input's:
 *
 *   indent        Markdown list or code indentation: 2 or 4 spaces, a tab
 *   prompt        a shell prompt glued in front of the first line
 *   gutter        line numbers: `46948 `, `46948: `, an editor's `  12 | `
 *   elision       the prefix up to the klog header's file replaced by `... ` or `… `
 *                 (destroys: hosts, times, PIDs, so nodes, times and starts)
 *   stamps        the journal stamp and the klog header's date and time stripped
 *                 (`node-1 kubelet[7082]: W 7082 eviction_manager.go:330] …`; destroys times)
 *   severity      the klog header's severity letter dropped
 *   wrap          lines broken by a terminal at 80 or 120 columns, the rest on the next lines
 *   syslog        a syslog file's rendering: no `[pid]` after the identifier, days space-padded
 *   host          the host cut out of the journal prefix (`Mar 25 14:22:36 kubelet[1432]: …`, a
 *                 poster hiding a node's name; destroys: hosts)
 *   cat, export   `journalctl -o cat`, `-o export | grep MESSAGE=`: the envelope gone, systemd's
 *                 lines too (destroys: hosts)
 *   newlines      two journal lines glued by a lost newline (`… Trying to free 182  155 12月 25
 *                 21:21:55 office k3s[794]: E1225 …`, a blog's paste)
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../src/analyze/pipeline.js';
import type { Timeline } from '../src/timeline/model.js';
import { zone } from '../src/time/zone.js';
import { SAMPLE_ARGS, sampleFiles } from '../scripts/sample-args.mjs';
import { NOW } from './helpers.js';

const SAMPLES: Array<{ file: string; text: string; year?: number; tz: string }> = sampleFiles((d: string) =>
  readdirSync(new URL(`../${d}`, import.meta.url)),
).map((file: string) => {
  const args = SAMPLE_ARGS[file] ?? [];
  const year = args.includes('--year') ? Number(args[args.indexOf('--year') + 1]) : undefined;
  const tz = args.includes('--timezone') ? args[args.indexOf('--timezone') + 1]! : 'UTC';
  return { file, text: readFileSync(new URL(`../samples/${file}`, import.meta.url), 'utf8'), ...(year !== undefined ? { year } : {}), tz };
});

type Damage = (lines: string[]) => string[];

/** The journal envelope (`stamp host ident[pid]: `) of a `short` line, and the klog header after it. */
const ENVELOPE = /^(?<stamp>\S+ +\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)? )(?<host>\S+) (?<ident>[^\s[:]+)(?<pid>\[\d+\])?: /;
const HEADER = /(?<sev>[IWEF])(?<date>\d{4}) (?<time>\d\d:\d\d:\d\d\.\d{6}) +(?<pid>\d+) (?<file>[\w.-]+:\d+\] )/;

const indent =
  (pad: string): Damage =>
  (lines) =>
    lines.map((l) => (l === '' ? l : pad + l));
const prompt =
  (p: string): Damage =>
  (lines) => {
    const i = lines.findIndex((l) => l.trim() !== '');
    return lines.map((l, k) => (k === i ? p + l : l));
  };
const gutter =
  (style: (n: number) => string): Damage =>
  (lines) =>
    lines.map((l, k) => style(46948 + k) + l);
/** `... eviction_manager.go:344] msg`: everything before the klog header's file goes. */
const elision =
  (mark: string): Damage =>
  (lines) =>
    lines.map((l) => {
      const h = HEADER.exec(l);
      return h ? mark + l.slice(h.index + h[0].length - h.groups!['file']!.length) : l;
    });
/** `node-1 kubelet[7082]: W 7082 file.go:330] msg`: no journal stamp, no date or time in the header. */
const stamps: Damage = (lines) =>
  lines.map((l) => {
    let out = l;
    const e = ENVELOPE.exec(out);
    if (e) out = out.slice(e.groups!['stamp']!.length);
    return out.replace(HEADER, (_all, sev: string, _date, _time, pid: string, file: string) => `${sev} ${pid} ${file}`);
  });
const severity: Damage = (lines) => lines.map((l) => l.replace(HEADER, (all: string) => all.slice(1)));
/** Display columns of a character (a CJK one takes two). */
const cols = (ch: string) => (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1);
const wrap =
  (width: number): Damage =>
  (lines) =>
    lines.flatMap((l) => {
      const rows: string[] = [];
      let row = '';
      let w = 0;
      for (const ch of l) {
        if (w + cols(ch) > width) {
          rows.push(row);
          row = '';
          w = 0;
        }
        row += ch;
        w += cols(ch);
      }
      rows.push(row);
      return rows;
    });
/** `/var/log/messages`: `Oct  4 16:57:28 host kubelet: …` (rsyslog's traditional format). */
const syslog: Damage = (lines) =>
  lines.map((l) => {
    const e = ENVELOPE.exec(l);
    if (!e) return l;
    const stamp = e.groups!['stamp']!.replace(/^(\S+) +0?(\d{1,2}) /, (_a, mon: string, day: string) => `${mon} ${day.padStart(2, ' ')} `);
    return `${stamp}${e.groups!['host']} ${e.groups!['ident']}: ${l.slice(e[0].length)}`;
  });

/** `Mar 25 14:22:36 kubelet[1432]: …`: the host cut out of each journal line, the rest as it was. */
const hostless: Damage = (lines) =>
  lines.map((l) => {
    const e = ENVELOPE.exec(l);
    return e ? e.groups!['stamp']! + l.slice(e.groups!['stamp']!.length + e.groups!['host']!.length + 1) : l;
  });

/** Every two journal lines with a klog header glued into one, two spaces between (the newline lost). */
const glued: Damage = (lines) => {
  const out: string[] = [];
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    const next = lines[k + 1];
    const journal = (x: string) => {
      const e = ENVELOPE.exec(x);
      return e !== null && HEADER.exec(x.slice(e[0].length))?.index === 0;
    };
    if (next !== undefined && journal(l) && journal(next)) {
      out.push(`${l}  ${next}`);
      k++;
    } else out.push(l);
  }
  return out;
};

/**
 * `journalctl -o cat` (the message alone), or `journalctl -o export | grep MESSAGE=` (the
 * `MESSAGE=` field alone): the whole envelope goes, systemd's lines about the unit included.
 */
const envelopeless =
  (field: string): Damage =>
  (lines) =>
    lines.map((l) => {
      const e = ENVELOPE.exec(l);
      return e ? field + l.slice(e[0].length) : l;
    });

/** What a damage class destroys: the facts compared leave it out. */
interface Destroys {
  /** hosts: every node becomes the input's one fallback node */
  nodes?: boolean;
  /** times: incidents compared by their totals, not one by one with their times */
  times?: boolean;
  /** PIDs and systemd's identifier: kubelet starts */
  starts?: boolean;
  /** the journal's clock: a sample whose klog headers keep another clock (a zone skew) is left out */
  journalClock?: boolean;
}

/** A line whose journal stamp and klog header tell different times of day (the host's zone is not the kubelet's). */
const clocksDiffer = (text: string) =>
  text.split('\n').some((l) => {
    const e = ENVELOPE.exec(l);
    const h = HEADER.exec(l);
    return e !== null && h !== null && !e.groups!['stamp']!.includes(h.groups!['time']!.slice(0, 8));
  });

const CLASSES: Array<{ name: string; damage: Damage; destroys: Destroys }> = [
  { name: 'indent 2 spaces', damage: indent('  '), destroys: {} },
  { name: 'indent 4 spaces', damage: indent('    '), destroys: {} },
  { name: 'indent a tab', damage: indent('\t'), destroys: {} },
  { name: 'prompt [root@worker-1 ~]# ', damage: prompt('[root@worker-1 ~]# '), destroys: {} },
  { name: 'prompt $ ', damage: prompt('$ '), destroys: {} },
  { name: 'prompt # ', damage: prompt('# '), destroys: {} },
  { name: 'gutter `46948 `', damage: gutter((n) => `${n} `), destroys: {} },
  { name: 'gutter `46948: `', damage: gutter((n) => `${n}: `), destroys: {} },
  { name: 'gutter `  12 | `', damage: gutter((n) => `${String(n - 46936).padStart(4)} | `), destroys: {} },
  { name: 'elision `... `', damage: elision('... '), destroys: { nodes: true, times: true, starts: true } },
  { name: 'elision `… `', damage: elision('… '), destroys: { nodes: true, times: true, starts: true } },
  { name: 'stamps stripped', damage: stamps, destroys: { times: true } },
  { name: 'severity letter dropped', damage: severity, destroys: {} },
  { name: 'wrapped at 80 columns', damage: wrap(80), destroys: {} },
  { name: 'wrapped at 120 columns', damage: wrap(120), destroys: {} },
  { name: 'syslog file (no [pid], padded day)', damage: syslog, destroys: {} },
  { name: 'newlines lost (two journal lines glued)', damage: glued, destroys: {} },
  { name: 'host cut out (`Mar 25 14:22:36 kubelet[1432]: …`)', damage: hostless, destroys: { nodes: true } },
  { name: 'journalctl -o cat', damage: envelopeless(''), destroys: { nodes: true, journalClock: true } },
  {
    name: 'journalctl -o export | grep MESSAGE=',
    damage: envelopeless('MESSAGE='),
    destroys: { nodes: true, journalClock: true },
  },
];

/**
 * Pairs of (class, sample) the tool does not read as the undamaged input yet, each with why: a
 * gap to close, kept in sight (the test fails when one closes, so the entry is removed then).
 */
const KNOWN_GAPS: ReadonlyArray<{ damage: string; file: string; why: string }> = [
  {
    damage: 'stamps stripped',
    file: 'real/35-glog-journal-zh-month-prompt-nodefs-no-pods-active-admit-reject.log',
    why: 'a new kubelet PID is told as a restart from the coverage of timed lines only (src/analyze/coverage.ts); without times the PID change 17144 → 12844 is not a start',
  },
];
const gapOf = (damage: string, file: string) => KNOWN_GAPS.find((g) => g.damage === damage && g.file === file);

function analyze(s: (typeof SAMPLES)[number], text: string): Timeline {
  return analyzeText([{ name: s.file, text }], { zone: zone(s.tz), now: NOW, ...(s.year !== undefined ? { year: s.year } : {}) });
}

const sorted = <T>(xs: T[]) => [...xs].sort();
const iso = (ms: number) => (Number.isFinite(ms) ? new Date(Math.round(ms / 1000) * 1000).toISOString() : null);

/** The facts a careful reader takes from a timeline, without what the damage destroyed. */
function facts(t: Timeline, d: Destroys) {
  const nodeName = (n: string) => (d.nodes ? '*' : n);
  const thresholds = sorted([
    ...new Set(
      t.nodes.flatMap((n) =>
        n.thresholds.map((s) => `${nodeName(n.name)} ${s.source} ${s.hard.map((h) => `${h.signal}<${h.value}`).join(',')}`),
      ),
    ),
  ]);
  const incidents = t.incidents.map((i) => ({
    node: nodeName(i.node),
    resources: sorted(i.resources),
    conditions: sorted(i.conditions),
    reclaimAttempts: i.reclaimAttempts,
    mustEvict: i.mustEvict,
    evicted: sorted(i.evictedPods.map((p) => p.pod)),
    rejected: sorted(i.rejectedPods.map((r) => `${r.pod} ×${r.count}`)),
    ranked: sorted(i.rankedPods),
    critical: sorted(i.criticalPods),
    noPodsToEvict: i.noPodsToEvict,
    unableToEvict: i.unableToEvict,
    imagesRemoved: i.imagesRemoved,
    bytesFreed: i.bytesFreed,
    ...(d.times ? {} : { start: iso(i.start), end: iso(i.end), closedBy: i.closedBy }),
  }));
  // without times, incidents may split and join differently: their totals are what is left
  const totals = (xs: typeof incidents) => ({
    resources: sorted([...new Set(xs.flatMap((i) => i.resources))]),
    evicted: sorted(xs.flatMap((i) => i.evicted)),
    ranked: sorted([...new Set(xs.flatMap((i) => i.ranked))]),
    critical: sorted([...new Set(xs.flatMap((i) => i.critical))]),
    noPodsToEvict: xs.reduce((a, i) => a + i.noPodsToEvict, 0),
    reclaimAttempts: xs.reduce((a, i) => a + i.reclaimAttempts, 0),
    mustEvict: xs.reduce((a, i) => a + i.mustEvict, 0),
    imagesRemoved: xs.reduce((a, i) => a + i.imagesRemoved, 0),
  });
  return {
    nodes: d.nodes ? undefined : sorted(t.nodes.map((n) => n.name)),
    thresholds,
    starts: d.starts ? undefined : sorted(t.nodes.map((n) => `${nodeName(n.name)} ×${n.kubeletStarts.length}`)),
    incidents: d.times ? totals(incidents) : incidents,
    unrecognized: t.counters.unrecognized,
  };
}

/** A sample's lines; the same lines with `line` cut at `cut` into two rows; does a text read as the sample does? */
const linesOf = (s: (typeof SAMPLES)[number]) => s.text.replace(/\n$/, '').split('\n');
const cutIn = (all: string[], line: string, cut: number) => all.flatMap((l) => (l === line ? [l.slice(0, cut), l.slice(cut)] : [l]));
const readsAsBefore = (s: (typeof SAMPLES)[number], text: string[]) =>
  expect(facts(analyze(s, `${text.join('\n')}\n`), {})).toEqual(facts(analyze(s, s.text), {}));

describe('paste damage changes no fact it does not destroy', () => {
  const base = new Map(SAMPLES.map((s) => [s.file, analyze(s, s.text)]));

  it('every sample is here, and the stripped-stamp class meets its limit honestly', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(24);
  });

  for (const c of CLASSES) {
    describe(c.name, () => {
      for (const s of SAMPLES) {
        // pasted duplicates are told apart by their times: with the times gone, they cannot be
        if (c.destroys.times && base.get(s.file)!.counters.duplicates > 0) continue;
        if (c.destroys.journalClock && clocksDiffer(s.text)) continue;
        const gap = gapOf(c.name, s.file);
        it(gap ? `${s.file} (known gap: ${gap.why})` : s.file, () => {
          const damaged = `${c.damage(linesOf(s)).join('\n')}\n`;
          const same = expect(facts(analyze(s, damaged), c.destroys));
          if (gap) same.not.toEqual(facts(base.get(s.file)!, c.destroys));
          else same.toEqual(facts(base.get(s.file)!, c.destroys));
        });
      }
    });
  }

  it('any mix of the harmless classes, at any width and on any lines, changes nothing (fast-check)', () => {
    const small = SAMPLES.filter((s) => s.text.length < 200_000);
    const harmless = CLASSES.filter((c) => Object.keys(c.destroys).length === 0);
    // at most one of each family (one indentation, one prompt, one gutter …), as a paste has
    const families = [...new Set(harmless.map((c) => c.name.split(' ')[0]!))].map((f) =>
      harmless.filter((c) => c.name.split(' ')[0] === f),
    );
    const mix = fc
      .tuple(...families.map((f) => fc.option(fc.constantFrom(...f), { nil: undefined })))
      .map((picked) => picked.filter((c): c is (typeof harmless)[number] => c !== undefined))
      .filter((picked) => picked.length > 0);
    fc.assert(
      fc.property(fc.constantFrom(...small), mix, fc.integer({ min: 60, max: 260 }), (s, classes, width) => {
        // the other damage first, then a terminal's wrap at any width (a common one or not)
        let l = linesOf(s);
        for (const c of classes) if (!c.name.startsWith('wrapped')) l = c.damage(l);
        if (classes.some((c) => c.name.startsWith('wrapped'))) l = wrap(width)(l);
        const got = facts(analyze(s, `${l.join('\n')}\n`), {});
        expect(got).toEqual(facts(base.get(s.file)!, {}));
      }),
      { numRuns: 250, seed: 12 },
    );
  });
});

describe('two journal lines glued by a lost newline, then wrapped by a terminal', () => {
  it('read as the sample at every width from 60 to 260 columns (real/27: rows that end a line and begin the glued one, a row cut inside its host)', () => {
    const s = SAMPLES.find((x) => x.file.includes('27-structured-journal-fr-month'))!;
    const before = facts(analyze(s, s.text), {});
    const off: number[] = [];
    for (let width = 60; width <= 260; width++) {
      const damaged = `${wrap(width)(glued(linesOf(s))).join('\n')}\n`;
      if (JSON.stringify(facts(analyze(s, damaged), {})) !== JSON.stringify(before)) off.push(width);
    }
    expect(off).toEqual([]);
  });
});

describe('a line exactly as wide as the terminal, and a framed line cut inside its message (found by the mix property run longer)', () => {
  const sample = (name: string) => SAMPLES.find((x) => x.file.includes(name))!;
  const rows = (l: string, width: number): string[] => (l.length <= width ? [l] : [l.slice(0, width), ...rows(l.slice(width), width)]);
  it('a Markdown fence after lines that share the widest width is a line of its own (kubernetes#48703: a 10 s loop pasted in a code block)', () => {
    const loop = ['10:59:56.628382', '11:00:06.665560', '11:00:16.680506', '11:00:26.717109'].map(
      (t) =>
        `7月 16 ${t.slice(0, 8)} localhost.localdomain kubelet[19815]: W0716 ${t}   19815 helpers.go:771] eviction manager: no observation found for eviction signal allocatableNodeFs.available`,
    );
    for (const fence of ['```', '~~~']) {
      const t = analyzeText([{ name: 'paste', text: [fence, ...loop, fence, ''].join('\n') }], { zone: zone('UTC'), now: NOW, year: 2017 });
      expect(Object.entries(t.nodes[0]!.unobserved).map(([signal, u]) => [signal, u.count])).toEqual([['allocatableNodeFs.available', 4]]);
    }
  });
  it("a row with the gutter's next number is the next line, at a width seen wrapped (sample 75, a status field exactly that wide)", () => {
    const s = sample('75-glog-systemctl-status');
    const numbered = linesOf(s).map((l, k) => `${46948 + k} ${l === '' ? l : `    ${l}`}`);
    // the width of the Loaded: line, so that it fits and the long CGroup: row wraps at it
    const width = numbered[1]!.length;
    const text = numbered.flatMap((l) => rows(l, width));
    expect(numbered.some((l) => l.length > width)).toBe(true);
    readsAsBefore(s, text);
  });
  it('a row indented by a tab as the waiting line was is the next line, after a full row (sample 74 indented by a tab, at 82 columns)', () => {
    const s = sample('74-structured-systemctl-status');
    const tabbed = linesOf(s).map((l) => (l === '' ? l : `\t${l}`));
    // (at 82 columns the Process: line's rest fills a row of its own, and the Main PID: line follows it)
    const text = tabbed.flatMap((l) => rows(l, 82));
    const at = text.findIndex((l) => l.includes('Main PID:'));
    expect(text[at - 1]!.length).toBe(82);
    readsAsBefore(s, text);
  });
  it('a row that begins with a unit name and a capital (`crio.service SystemCgroupsName:`, a Node Config value) goes on; systemd writes `unit.service: Main …`', () => {
    const s = sample('53-glog-openshift-hyperkube-container-manager');
    const all = linesOf(s);
    const config = all.find((l) => l.includes('HardEvictionThresholds'))!;
    // (the width at which a row of the Node Config line begins with the unit's name)
    const width = config.indexOf('crio.service');
    const text = all.flatMap((l) => rows(l, width));
    expect(text.some((l) => l.startsWith('crio.service SystemCgroupsName'))).toBe(true);
    readsAsBefore(s, text);
  });
  it('inside a systemctl status block a `Field:` row is a line of its own, after a line exactly as wide as the terminal (sample 74 indented by 4 spaces)', () => {
    const s = sample('74-structured-systemctl-status');
    const indented = linesOf(s).map((l) => (l === '' ? l : `    ${l}`));
    // (the Process: line exactly fills the terminal; the journal lines below it wrap at that width)
    const width = indented.find((l) => l.includes('Process:'))!.length;
    const text = indented.flatMap((l) => rows(l, width));
    expect(indented.filter((l) => l.length > width).length).toBeGreaterThan(1);
    readsAsBefore(s, text);
  });
  it('after a journal line, a row that reads like a status field (`Eviction manager: must evict …`) goes on, a status block above it or not (sample 74)', () => {
    const s = sample('74-structured-systemctl-status');
    // (as the mix property built it: indented by 4, numbered, the severity letters dropped, 105 columns)
    const damaged = severity(linesOf(s).map((l, k) => `${46948 + k} ${l === '' ? l : `    ${l}`}`));
    const text = damaged.flatMap((l) => rows(l, 105));
    expect(text.some((l) => l.startsWith('Eviction manager: must evict'))).toBe(true);
    readsAsBefore(s, text);
  });
  it.each(['48-glog-severity-cut-gke-preemption', '50-headerless-message-only-preemption', '16-glog-bullet-prefixed-journal-critical'])(
    'a row that begins at the UID of a pod named `name_namespace(uid)` goes on, at a width no terminal list names (%s)',
    (name) => {
      const s = sample(name);
      const all = linesOf(s);
      const line = all.find((l) => /_[\w-]+\([0-9a-f]{8}[0-9a-f-]/.test(l))!;
      // (at its last UID: a terminal's rest is never wider than the row it goes on)
      const cut = Math.max(...[...line.matchAll(/\([0-9a-f]{8}[0-9a-f-]/g)].map((m) => m.index));
      const text = cutIn(all, line, cut);
      expect(cut).toBeGreaterThan(80);
      readsAsBefore(s, text);
    },
  );
  it('the rest of a FLAG value goes on, whatever letter it begins with, and systemd\'s next line does not (sample 71: `…memory.available<100` + `Mi,nodefs…"`)', () => {
    const s = sample('71-glog-openshift-hyperkube-flag-dump');
    const all = linesOf(s);
    const hard = all.find((l) => l.includes('FLAG: --eviction-hard='))!;
    const cut = hard.indexOf('Mi,');
    const text = cutIn(all, hard, cut);
    expect(hard.slice(cut)).toMatch(/^Mi,\S*"$/);
    readsAsBefore(s, text);
    // a FLAG line a pager cut, and the line after it: a line of its own
    const chopped = all.flatMap((l) => (l === hard ? [l.slice(0, cut), 'Stopping kubelet: The Kubernetes Node Agent...'] : [l])).join('\n');
    expect(analyze(s, `${chopped}\n`).nodes[0]!.thresholds.some((t) => t.truncated)).toBe(true);
  });
  it('the rest of a bracket a line ends inside goes on, whatever letter it begins with (sample 47: `node has conditions: [Disk` + `Pressure]`)', () => {
    const s = sample('47-headerless-indented');
    const all = linesOf(s);
    const admit = all.find((l) => l.includes('[DiskPressure]'))!;
    const cut = admit.indexOf('Pressure]');
    const text = cutIn(all, admit, cut);
    readsAsBefore(s, text);
  });
  it('nothing goes on a whole JSON record behind a prompt, at a width seen wrapped (sample 25, `#   {"ts":…}` exactly as wide as the terminal)', () => {
    const s = sample('25-json-klog-flags-eviction-soft');
    const all = linesOf(s);
    const first = all.findIndex((l) => l.trim() !== '');
    const pasted = all.map((l, k) => (k === first ? `#   ${l}` : l === '' ? l : `  ${l}`));
    // (the prompted first line fills the terminal; the longer lines after it wrap at its width)
    const width = pasted[first]!.length;
    const text = pasted.flatMap((l) => rows(l, width));
    expect(pasted.filter((l) => l.length > width).length).toBeGreaterThan(1);
    readsAsBefore(s, text);
  });
  it("a row that begins at a plural's `(s)` goes on, at a width no terminal list names (sample 42: `must evict pod` + `(s) to reclaim inodes`)", () => {
    const s = sample('42-glog-journal-ip-hostname');
    const all = linesOf(s);
    const line = all.find((l) => l.includes('pod(s)'))!;
    const cut = line.indexOf('(s)');
    const text = cutIn(all, line, cut);
    readsAsBefore(s, text);
  });
  it('a row that begins with a number is the next line only behind a gutter of the same shape (sample 67: PID `1` + `19 image_gc_manager.go…` after gutter `  18 | `)', () => {
    const s = sample('67-structured-journal-kind-image-gc');
    const numbered = linesOf(s).map((l, k) => `${String(k + 12).padStart(4)} | ${l === '' ? l : `  ${l}`}`);
    // (the width that cuts every journal line inside its PID 119: `… 11:23:15.594540     1` + `19 …`)
    const width = numbered[6]!.indexOf(' 119 ') + 2;
    const text = numbered.flatMap((l) => rows(l, width));
    expect(text.filter((l) => /^19 [\w.]+\.go:\d+\] /.test(l)).length).toBeGreaterThan(1);
    readsAsBefore(s, text);
  });
  it("a logcli line cut inside its message's host goes on with its rest (sample 59, `… 11:48:50 m` + `aster-1 kubelet: …`)", () => {
    const s = sample('59-glog-loki-logcli');
    const all = linesOf(s);
    const line = all.find((l) => l.includes(' master-1 kubelet: '))!;
    const cut = line.indexOf('master-1') + 1;
    const text = cutIn(all, line, cut);
    // (the same width for every line that long: as a terminal cuts them)
    const width = cut;
    const wrapped = text.flatMap((l) => rows(l, width));
    readsAsBefore(s, wrapped);
  });
});

describe('a wrapped row that begins with a hyphen', () => {
  it('goes on the line before it (a pod name cut at its hyphen is no systemctl status tree row)', () => {
    // (found by the mix property at a width no terminal list names: `kube-system/kube` + `-flannel-…`)
    const s = SAMPLES.find((x) => x.file.includes('44-structured-elided-prefix'))!;
    const all = linesOf(s);
    const ranked = all.find((l) => l.includes('pods ranked for eviction'))!;
    const cut = ranked.indexOf('-flannel');
    const text = cutIn(all, ranked, cut);
    expect(cut).toBeGreaterThan(100);
    readsAsBefore(s, text);
  });
});
