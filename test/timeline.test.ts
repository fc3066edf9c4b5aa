/** Stage 4, the timeline builder, through the whole pipeline on small journals. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeString, read } from './helpers.js';
import { zone } from '../src/time/zone.js';
import { LineAnalyzer } from '../src/analyze/analyzer.js';

const H = (t: string, pid = 17144) => `10月 16 ${t} ubuntu-k8s-3 kubelet[${pid}]: `;
const K = (sev: string, t: string, pid: number, file: string) => `${sev}1016 ${t}.000001 ${String(pid).padStart(7)} ${file}] `;
const loop = (t: string, pid = 17144) =>
  [
    `${H(t, pid)}${K('W', t, pid, 'eviction_manager.go:331')}eviction manager: attempting to reclaim nodefs`,
    `${H(t, pid)}${K('I', t, pid, 'eviction_manager.go:345')}eviction manager: must evict pod(s) to reclaim nodefs`,
    `${H(t, pid)}${K('E', t, pid, 'eviction_manager.go:356')}eviction manager: eviction thresholds have been met, but no pods are active to evict`,
  ].join('\n');
const NODE_CONFIG = (t: string, pid: number, list: string) =>
  `${H(t, pid)}${K('I', t, pid, 'container_manager_linux.go:251')}Creating Container Manager object based on Node Config: {NodeAllocatableConfig:{KubeReserved:map[] SystemReserved:map[] HardEvictionThresholds:[${list}]} ExperimentalQOSReserved:map[]}`;
const T = (signal: string, q: string, p: string) =>
  `{Signal:${signal} Operator:LessThan Value:{Quantity:${q} Percentage:${p}} GracePeriod:0s MinReclaim:<nil>}`;
const DEFAULTS = [T('memory.available', '100Mi', '0'), T('nodefs.available', '<nil>', '0.1'), T('nodefs.inodesFree', '<nil>', '0.05')].join(
  ' ',
);

const shanghai = { zone: zone('Asia/Shanghai'), year: 2017 };

describe('incidents', () => {
  it('a 10-second loop is one incident with counts, not one row per line', () => {
    const text = ['09:50:05', '09:50:15', '09:50:25', '09:50:35'].map((t) => loop(t)).join('\n');
    const tl = analyzeString(text, shanghai);
    expect(tl.incidents).toHaveLength(1);
    const inc = tl.incidents[0]!;
    expect(inc).toMatchObject({ reclaimAttempts: 4, mustEvict: 4, noPodsToEvict: 4, resources: ['nodefs'], conditions: ['DiskPressure'] });
    expect(inc.start).toBe(Date.UTC(2017, 9, 16, 1, 50, 5) + 0.001);
    expect(inc.steps.map((s) => [s.kind, s.count])).toEqual([
      ['reclaim-attempt', 4],
      ['must-evict', 4],
      ['no-pods-to-evict', 4],
    ]);
  });
  it('a quiet gap longer than --gap splits incidents; a shorter one does not', () => {
    const text = [loop('09:00:00'), loop('09:04:00'), loop('09:20:00')].join('\n');
    expect(analyzeString(text, shanghai).incidents.map((i) => i.reclaimAttempts)).toEqual([2, 1]);
    expect(analyzeString(text, { ...shanghai, gapMs: 30 * 60_000 }).incidents).toHaveLength(1);
  });
  it('ongoing when the journal ends under pressure; closed when quiet lines follow', () => {
    expect(analyzeString(loop('09:00:00'), shanghai).incidents[0]).toMatchObject({ ongoing: true, closedBy: 'ongoing' });
    const quiet = `${H('09:30:00')}${K('I', '09:30:00', 17144, 'kubelet.go:1')}SyncLoop (housekeeping)`;
    expect(analyzeString(`${loop('09:00:00')}\n${quiet}`, shanghai).incidents[0]).toMatchObject({ ongoing: false, closedBy: 'quiet' });
  });
  it('admission rejections are counted per pod, with their conditions', () => {
    const rej = (t: string, pod: string) =>
      `${H(t, 12844)}${K('W', t, 12844, 'eviction_manager.go:142')}Failed to admit pod ${pod}_kube-system(e5a5d474-b214-11e7-a98b-0650cc001a5b) - node has conditions: [DiskPressure]`;
    const tl = analyzeString(
      [rej('09:54:14', 'weave-net-3svfg'), rej('09:54:15', 'weave-net-3svfg'), rej('09:54:16', 'kube-proxy-d9lk0')].join('\n'),
      shanghai,
    );
    expect(tl.incidents[0]!.rejectedPods.map((r) => [r.pod, r.count, r.conditions])).toEqual([
      ['kube-system/weave-net-3svfg', 2, ['DiskPressure']],
      ['kube-system/kube-proxy-d9lk0', 1, ['DiskPressure']],
    ]);
  });
});

describe('kubelet restarts and thresholds', () => {
  const journal = [
    loop('09:50:55', 17144),
    `10月 16 09:54:09 ubuntu-k8s-3 systemd[1]: Started kubelet: The Kubernetes Node Agent.`,
    NODE_CONFIG('09:54:09', 12844, DEFAULTS),
    loop('09:54:19', 12844),
    loop('16:55:59', 12844),
    `10月 16 16:56:09 ubuntu-k8s-3 systemd[1]: Started kubelet: The Kubernetes Node Agent.`,
    NODE_CONFIG('16:56:10', 7394, T('nodefs.available', '<nil>', '0.05')),
    `${H('17:10:00', 7394)}${K('I', '17:10:00', 7394, 'kubelet.go:1')}SyncLoop (housekeeping)`,
  ].join('\n');
  // The real loop runs every 10 s; two samples and a wide gap stand for it here.
  const tl = analyzeString(journal, { ...shanghai, gapMs: 8 * 3600_000 });
  const node = tl.nodes[0]!;

  it('a systemd start and the new PID are one start', () => {
    expect(node.kubeletStarts.map((s) => [s.pid, s.via])).toEqual([
      [12844, 'systemd'],
      [7394, 'systemd'],
    ]);
    expect(node.kubeletStarts[0]!.at).toBe(Date.UTC(2017, 9, 16, 1, 54, 9));
  });
  it('threshold changes between restarts, including defaults dropped by setting one key', () => {
    expect(node.thresholdChanges.map((c) => [c.signal, c.from, c.to])).toEqual([
      ['nodefs.available', '10%', '5%'],
      ['memory.available', '100Mi', null],
      ['nodefs.inodesFree', '5%', null],
    ]);
    expect(node.droppedDefaults[0]!.signals).toEqual([
      { signal: 'memory.available', value: '100Mi' },
      { signal: 'nodefs.inodesFree', value: '5%' },
    ]);
  });
  it('the incident spans the first restart and is ended by the threshold change', () => {
    expect(tl.incidents).toHaveLength(1);
    const inc = tl.incidents[0]!;
    expect(inc.closedBy).toBe('threshold-change');
    expect(inc.restarts.map((r) => r.pid)).toEqual([12844]);
    expect(inc.thresholds.find((t) => t.signal === 'nodefs.available')?.value).toBe('10%');
    const text = inc.statements.map((s) => s.text).join(' ');
    expect(text).toContain('nodefs.available 10% → 5%');
    expect(text).toContain('no pods active to evict');
    expect(text).toMatch(/dropped memory\.available<100Mi and nodefs\.inodesFree<5%/);
  });
  it('every statement cites journal lines that exist', () => {
    const lines = journal.split('\n');
    for (const s of tl.incidents[0]!.statements) {
      for (const r of s.evidence) expect(lines[r.line - 1]).toBeDefined();
    }
  });
  it('a PID change without systemd lines is a restart too', () => {
    const t2 = analyzeString([loop('09:00:00', 100), loop('09:00:10', 200)].join('\n'), shanghai);
    expect(t2.nodes[0]!.kubeletStarts.map((s) => [s.pid, s.via])).toEqual([[200, 'pid-change']]);
  });
  it('a truncated Node Config line never reads as "thresholds removed"', () => {
    const cut = `${H('16:56:10', 7394)}${K('I', '16:56:10', 7394, 'container_manager_linux.go:251')}Creating Container Manager object based on Node Config: {RuntimeCgroupsName: SystemCgr>`;
    const t3 = analyzeString([NODE_CONFIG('09:54:09', 12844, DEFAULTS), cut].join('\n'), shanghai);
    expect(t3.nodes[0]!.thresholdChanges).toEqual([]);
    expect(t3.nodes[0]!.thresholds[1]).toMatchObject({ truncated: true });
  });
});

describe('year and clock', () => {
  it('without --year the year is inferred from the caller clock and said so', () => {
    const tl = analyzeString(loop('09:50:55'), { zone: zone('UTC') });
    expect(tl.yearInferred).toBe(true);
    expect(new Date(tl.incidents[0]!.start).getUTCFullYear()).toBe(2026);
    expect(tl.notes.map((n) => n.kind)).toContain('year-inferred');
  });
  // The kubelet's own clock: an observation's stats time (`time: 2019-04-11 14:25:34.58 +0800 CST`)
  // names an instant, year and offset included. A line of the kubelet written at wall time W in
  // its zone O, read with a year and a zone that are not its own, is placed elsewhere; the note
  // says so and which flags place it where the kubelet did.
  const two = (n: number) => String(n).padStart(2, '0');
  const offsetText = (m: number, colon: boolean) =>
    `${m < 0 ? '-' : '+'}${two(Math.floor(Math.abs(m) / 60))}${colon ? ':' : ''}${two(Math.abs(m) % 60)}`;
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  /** `short`'s stamp and envelope, the journal's clock in zone `j` */
  const envelope = (instant: number, j: number) => {
    const w = new Date(instant + j * 60_000);
    return `${MONTHS[w.getUTCMonth()]} ${two(w.getUTCDate())} ${two(w.getUTCHours())}:${two(w.getUTCMinutes())}:${two(w.getUTCSeconds())} node-a kubelet[770]: `;
  };
  const observation = (instant: number, offset: number, statsLag: number) => {
    const w = new Date(instant + offset * 60_000);
    const s = new Date(instant - statsLag + offset * 60_000);
    const hdr = `I${two(w.getUTCMonth() + 1)}${two(w.getUTCDate())} ${two(w.getUTCHours())}:${two(w.getUTCMinutes())}:${two(w.getUTCSeconds())}.581758     770 helpers.go:822] `;
    const stats = `${s.getUTCFullYear()}-${two(s.getUTCMonth() + 1)}-${two(s.getUTCDate())} ${two(s.getUTCHours())}:${two(s.getUTCMinutes())}:${two(s.getUTCSeconds())}.570171022 ${offsetText(offset, false)} XYZ m=+0.301067428`;
    return `${hdr}eviction manager: observations: signal=memory.available, available: 15314304Ki, capacity: 16300784Ki, time: ${stats}`;
  };
  const clockNote = (tl: ReturnType<typeof analyzeString>) => tl.notes.find((n) => n.kind === 'clock-mismatch');
  it("a node placed in another year or zone than the kubelet's own clock says so, and its flags place it where the kubelet did", () => {
    fc.assert(
      fc.property(
        // (days 1–28: a Feb 29 is its own note)
        fc.record({
          y: fc.integer({ min: 2005, max: 2035 }),
          mo: fc.integer({ min: 0, max: 11 }),
          d: fc.integer({ min: 1, max: 28 }),
          s: fc.integer({ min: 0, max: 86_399 }),
        }),
        fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        fc.integer({ min: 0, max: 30_000 }),
        // --year: none, the first line's own (as the kubelet wrote it), or any
        fc.oneof(fc.constant(undefined), fc.constant('own' as const), fc.integer({ min: 2005, max: 2035 })),
        // --timezone: the kubelet's offset give or take up to 45 min, or any
        fc.oneof(
          fc.integer({ min: -3, max: 3 }).map((q) => ({ near: q * 15 })),
          fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        ),
        // (a line some months before: the year turns between it and the observation, and --year is the first line's)
        fc.constantFrom(0, 95, 200, 330),
        // bare klog lines, or `short` journal lines whose stamps are in another zone than the kubelet's (journalctl's)
        fc.option(
          fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
          { nil: undefined },
        ),
        ({ y, mo, d, s }, offset, lag, yearChoice, zoneChoice, before, journal) => {
          const instant = Date.UTC(y, mo, d) + s * 1000 + 581;
          // the zone the line's reading is written in: the journal's stamp, else the klog header (the kubelet's)
          const written = journal ?? offset;
          const first = instant - before * 86_400_000;
          const year = yearChoice === 'own' ? new Date(first + written * 60_000).getUTCFullYear() : yearChoice;
          const assumed = typeof zoneChoice === 'number' ? zoneChoice : Math.max(-720, Math.min(840, written + zoneChoice.near));
          const env = (at: number) => (journal === undefined ? '' : envelope(at, journal));
          const earlier =
            env(first) + observation(first, offset, lag).replace(/eviction manager: .*/, 'Starting to sync pod status with apiserver');
          const line = (before ? `${earlier}\n` : '') + env(instant) + observation(instant, offset, lag);
          const tl = analyzeString(line, { zone: zone(offsetText(assumed, true)), ...(year !== undefined ? { year } : {}) });
          const placed = tl.nodes[0]!.observations['memory.available']!.last.at;
          const stated = instant - lag - 581 + 570.171;
          const note = clockNote(tl);
          expect(note !== undefined).toBe(Math.abs(placed - stated) >= 15 * 60_000);
          if (!note) return;
          expect(note.evidence).toEqual([{ input: '-', line: before ? 2 : 1 }]);
          const y2 = /--year (\d+)/.exec(note.text)?.[1];
          const z2 = /--timezone ([+-]\d\d:\d\d)/.exec(note.text)?.[1];
          const again = analyzeString(line, {
            zone: zone(z2 ?? offsetText(assumed, true)),
            ...(y2 !== undefined ? { year: Number(y2) } : year !== undefined ? { year } : {}),
          });
          expect(clockNote(again)).toBeUndefined();
          expect(Math.abs(again.nodes[0]!.observations['memory.available']!.last.at - stated)).toBeLessThan(60_000);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('the real paste of observations at +0800 in 2019 (sample 19) is told --year 2019 --timezone +08:00', () => {
    const tl = analyzeString(read('samples/real/19-glog-bare-observations-pid-no-resources-starved.log'), { zone: zone('UTC') });
    expect(clockNote(tl)?.text).toContain('Rerun with --year 2019 --timezone +08:00');
    expect(
      clockNote(
        analyzeString(read('samples/real/19-glog-bare-observations-pid-no-resources-starved.log'), { zone: zone('+08:00'), year: 2019 }),
      ),
    ).toBeUndefined();
  });
  // journalctl (before systemd 250) begins with the journal's span, printed in its own zone
  const zoneNote = (tl: ReturnType<typeof analyzeString>) => tl.notes.find((n) => n.kind === 'journal-zone');
  /** How journalctl and systemctl name the zone of `printed` minutes east: a name only for the offsets that have one everywhere it is used, else tzdata's numeric abbreviation (`+01`, `+0430`), or `+01:00`. */
  const zoneToken = (printed: number, form: 'numeric' | 'colon' | 'name') => {
    const NAMES: Record<number, string> = { 0: 'UTC', 60: 'CET', 120: 'CEST', 540: 'JST', [-240]: 'EDT', [-420]: 'PDT' };
    const numeric = printed % 60 === 0 ? offsetText(printed, false).slice(0, 3) : offsetText(printed, false);
    return form === 'colon' ? offsetText(printed, true) : form === 'name' ? (NAMES[printed] ?? numeric) : numeric;
  };
  /** systemd's own timestamp (`Thu 2024-08-15 17:28:19`) of `ms` on the clock of `printed` minutes east. */
  const systemdStamp = (ms: number, printed: number) => {
    const d = new Date(ms + printed * 60_000);
    const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]!;
    return `${day} ${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  };
  it('a journal whose first line names the zone its stamps are in, read in another, is told the --timezone that reads them as printed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2016, 0, 1), max: Date.UTC(2024, 0, 1) }),
        fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        fc.constantFrom('numeric' as const, 'colon' as const, 'name' as const),
        (instant, printed, read, form) => {
          const w = (ms: number) => `${systemdStamp(ms, printed)} ${zoneToken(printed, form)}`;
          const lines = [
            `-- Logs begin at ${w(instant - 3_600_000)}, end at ${w(instant + 60_000)}. --`,
            `${envelope(instant, printed)}I0101 00:00:00.000001     770 kubelet.go:1901] SyncLoop (PLEG): event for pod`,
            `${envelope(instant + 10_000, printed)}I0101 00:00:10.000001     770 kubelet.go:1901] SyncLoop (PLEG): event for pod`,
          ];
          const tl = analyzeString(lines.join('\n'), { zone: zone(offsetText(read, true)) });
          const note = zoneNote(tl);
          expect(note !== undefined).toBe(printed !== read);
          if (note === undefined) return;
          expect(note.text).toContain(`Rerun with --timezone ${offsetText(printed, true)}`);
          const again = analyzeString(lines.join('\n'), { zone: zone(offsetText(printed, true)) });
          expect(zoneNote(again)).toBeUndefined();
          // (placed at the instant journalctl printed, to the second)
          expect(Math.floor(again.nodes[0]!.firstSeen / 1000)).toBe(Math.floor(instant / 1000));
        },
      ),
      { numRuns: 300 },
    );
  });
  it('a pasted systemctl status that names its zone (Active: … since … +07;) tells the --timezone of the journal lines under it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2016, 0, 1), max: Date.UTC(2024, 0, 1) }),
        fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        fc.constantFrom('numeric' as const, 'name' as const, 'none' as const),
        (instant, printed, read, form) => {
          // (systemctl prints tzdata's abbreviation: a name, or `+07`, `+0530`)
          const since = `${systemdStamp(instant - 600_000, printed)}${form === 'none' ? '' : ` ${zoneToken(printed, form)}`}`;
          const lines = [
            '● kubelet.service - kubelet: The Kubernetes Node Agent',
            '     Loaded: loaded (/lib/systemd/system/kubelet.service; enabled; vendor preset: enabled)',
            `     Active: active (running) since ${since}; 10min ago`,
            '   Main PID: 770 (kubelet)',
            '',
            `${envelope(instant, printed)}I0101 00:00:00.000001     770 kubelet.go:1901] SyncLoop (PLEG): event for pod`,
            `${envelope(instant + 10_000, printed)}I0101 00:00:10.000001     770 kubelet.go:1901] SyncLoop (PLEG): event for pod`,
          ];
          // (--year is the year the stamps were printed in)
          const year = new Date(instant + printed * 60_000).getUTCFullYear();
          const tl = analyzeString(lines.join('\n'), { zone: zone(offsetText(read, true)), year });
          const note = zoneNote(tl);
          expect(note !== undefined).toBe(printed !== read && form !== 'none');
          if (note === undefined) return;
          expect(note.text).toContain(`Rerun with --timezone ${offsetText(printed, true)}`);
          expect(note.evidence?.[0]?.line).toBe(3);
          const again = analyzeString(lines.join('\n'), { zone: zone(offsetText(printed, true)), year });
          expect(zoneNote(again)).toBeUndefined();
          // (the journal lines then fall after the start the status gives, as they were written)
          const n = again.nodes[0]!;
          expect(Math.floor(n.kubeletStarts[0]!.at / 1000)).toBe(Math.floor((instant - 600_000) / 1000));
          expect(n.lastSeen - n.kubeletStarts[0]!.at).toBeGreaterThan(0);
          expect(n.lastSeen - n.kubeletStarts[0]!.at).toBeLessThan(20 * 60_000);
        },
      ),
      { numRuns: 300 },
    );
  });
  it("a dated line's month is its wall clock's in --timezone: the year-less lines after it stay in that year, across any month's end", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2016, max: 2023 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }),
        fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        fc.boolean(),
        (y, m, delta, printed, fast) => {
          const instant = Date.UTC(y, m, 1) + delta;
          const w = new Date(instant + printed * 60_000);
          const iso = `${w.getUTCFullYear()}-${two(w.getUTCMonth() + 1)}-${two(w.getUTCDate())}T${two(w.getUTCHours())}:${two(w.getUTCMinutes())}:${two(w.getUTCSeconds())}${offsetText(printed, false)}`;
          const lines = [
            `${iso} node-a kubelet[770]: I0101 00:00:00.000001     770 kubelet.go:1901] SyncLoop (PLEG): event for pod`,
            `${envelope(instant + 300_000, printed)}I0101 00:00:00.000001     770 kubelet.go:1901] SyncLoop (PLEG): event for pod`,
            `${envelope(instant + 600_000, printed)}I0101 00:00:00.000001     770 kubelet.go:1901] SyncLoop (PLEG): event for pod`,
          ];
          // (no --year: the dated line gives it)
          const tl = analyzeString(lines.join('\n'), { zone: zone(offsetText(printed, true)), fastPath: fast, now: Date.UTC(2030, 0, 1) });
          const n = tl.nodes[0]!;
          expect(Math.floor(n.firstSeen / 1000)).toBe(Math.floor(instant / 1000));
          expect(Math.floor(n.lastSeen / 1000)).toBe(Math.floor((instant + 600_000) / 1000));
        },
      ),
      { numRuns: 300 },
    );
  });
  // a journal printed in one zone, a kubelet logging in another (k3s, a kubelet in a container: UTC)
  const headerNote = (tl: ReturnType<typeof analyzeString>) => tl.notes.find((n) => n.kind === 'header-zone');
  it('journal stamps a whole number of quarter hours from their klog headers, read in neither offset, are told the --timezone of a UTC kubelet', () => {
    const klogStamp = (ms: number) => {
      const w = new Date(ms);
      return `I${two(w.getUTCMonth() + 1)}${two(w.getUTCDate())} ${two(w.getUTCHours())}:${two(w.getUTCMinutes())}:${two(w.getUTCSeconds())}.685149`;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2016, 0, 1), max: Date.UTC(2024, 0, 1) }),
        fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        fc.constantFrom(0, 0, 60, -300, 330, 480),
        fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        fc.boolean(),
        (instant, printed, logged, read, fast) => {
          const lines = [0, 10_000, 20_000].map(
            (dt) =>
              `${envelope(instant + dt, printed)}${klogStamp(instant + dt + logged * 60_000)}     770 kubelet.go:1901] SyncLoop (PLEG): event for pod`,
          );
          // (--year is the year the stamps were printed in)
          const year = new Date(instant + printed * 60_000).getUTCFullYear();
          const tl = analyzeString(lines.join('\n'), { zone: zone(offsetText(read, true)), year, fastPath: fast });
          const apart = printed - logged;
          const note = headerNote(tl);
          expect(note !== undefined).toBe(apart !== 0 && apart >= -720 && apart <= 840 && apart !== read);
          // (the same with the fast path off: it is a property of the lines, not of the path)
          expect(headerNote(analyzeString(lines.join('\n'), { zone: zone(offsetText(read, true)), year, fastPath: !fast }))?.text).toBe(
            note?.text,
          );
          if (note === undefined) return;
          expect(note.text).toContain(`rerun with --timezone ${offsetText(apart, true)}`);
          expect(note.evidence?.[0]?.line).toBe(1);
          const again = analyzeString(lines.join('\n'), { zone: zone(offsetText(apart, true)), year });
          expect(headerNote(again)).toBeUndefined();
          // (a zone the reader named is the one the journal was printed in: nothing to say)
          expect(
            headerNote(analyzeString(lines.join('\n'), { zone: zone(offsetText(read, true)), zoneGiven: true, year })),
          ).toBeUndefined();
          // (a UTC kubelet: the lines are then at its headers' instants)
          if (logged === 0) expect(Math.floor(again.nodes[0]!.firstSeen / 1000)).toBe(Math.floor(instant / 1000));
        },
      ),
      { numRuns: 300 },
    );
  });
  it('real pastes whose journal and klog clocks are hours apart: k3s at +08 (64), a blog at +08 (42), OpenShift at -05 (11)', () => {
    const note = (file: string, tz = 'UTC') => headerNote(analyzeString(read(`samples/real/${file}`), { zone: zone(tz) }))?.text;
    expect(note('64-glog-k3s-zh-month-line-number-gutter-utc-skew-able-to-reduce-loop.log')).toContain('8 h ahead');
    expect(note('64-glog-k3s-zh-month-line-number-gutter-utc-skew-able-to-reduce-loop.log')).toContain('rerun with --timezone +08:00');
    expect(note('64-glog-k3s-zh-month-line-number-gutter-utc-skew-able-to-reduce-loop.log', 'Asia/Shanghai')).toBeUndefined();
    expect(note('42-glog-journal-ip-hostname-utc-vs-local-inodes.log')).toContain('rerun with --timezone +08:00');
    expect(note('11-glog-journal-dockerd-current-origin-imagefs-tz-skew.log')).toContain('5 h behind');
    expect(note('11-glog-journal-dockerd-current-origin-imagefs-tz-skew.log', 'America/New_York')).toBeUndefined();
    // (journal and kubelet in one zone)
    expect(note('35-glog-journal-zh-month-prompt-nodefs-no-pods-active-admit-reject.log')).toBeUndefined();
    expect(note('23-glog-journal-minikube-admit-reject-diskpressure-evicted.log')).toBeUndefined();
  });
  it('real journals that name their zone: CEST, +01 and EDT read in UTC are told; UTC, and CST (China or the US?), are not', () => {
    const note = (file: string, tz = 'UTC') => zoneNote(analyzeString(read(`samples/real/${file}`), { zone: zone(tz) }))?.text;
    expect(note('17-glog-journal-cest-unable-to-evict-then-reclaim-again.log')).toContain('in CEST, +02:00');
    expect(note('17-glog-journal-cest-unable-to-evict-then-reclaim-again.log')).toContain('Rerun with --timezone +02:00');
    expect(note('17-glog-journal-cest-unable-to-evict-then-reclaim-again.log', 'Europe/Berlin')).toBeUndefined();
    expect(note('27-structured-journal-fr-month-nodeconfig-ellipsized-summary-stats.log')).toContain('Rerun with --timezone +01:00');
    expect(note('51-systemd-minikube-centos8-restart-loop-203-exec.log')).toContain('Rerun with --timezone -04:00');
    expect(note('51-systemd-minikube-centos8-restart-loop-203-exec.log', 'America/New_York')).toBeUndefined();
    expect(note('23-glog-journal-minikube-admit-reject-diskpressure-evicted.log')).toBeUndefined();
    expect(note('18-glog-journal-allocatableMemory-no-observation.log')).toBeUndefined();
    // (a systemctl status pasted above its journal tail: `since … UTC;`, `since … CST;`)
    expect(note('74-structured-systemctl-status-inactive-with-journal-tail-ephemeral.log')).toBeUndefined();
    expect(note('74-structured-systemctl-status-inactive-with-journal-tail-ephemeral.log', '+08:00')).toContain(
      'Rerun with --timezone +00:00',
    );
    expect(note('75-glog-systemctl-status-no-bullet-vim-tilde-trailer-register-timeout.log', '+08:00')).toBeUndefined();
  });
  // klog's log file header (klog.go createFile), at the top of every kubelet.log it starts
  const logFile = (created: number, machine: string) => {
    const d = new Date(created);
    return [
      `Log file created at: ${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
      `Running on machine: ${machine}`,
      'Binary: Built with gc go1.20.10 for linux/amd64',
      'Log line format: [IWEF]mmdd hh:mm:ss.uuuuuu threadid file:line] msg',
    ];
  };
  const klogAt = (ms: number, text = 'SyncLoop (PLEG): event for pod') => {
    const d = new Date(ms);
    return `I${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.000001     770 kubelet.go:1901] ${text}`;
  };
  it("a kubelet.log's klog file header dates its lines and names its node; a rotated file after it goes on from its own", () => {
    const DAY = 86_400_000;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2012, 0, 1) / DAY, max: Date.UTC(2030, 0, 1) / DAY }).map((d) => d * DAY + 3_600_000),
        fc.array(fc.integer({ min: 0, max: 40 * DAY }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 300 * DAY }),
        (created, steps, rotate) => {
          // the lines of one file, then of the next one (the same machine), in order
          const first = steps.reduce<number[]>((acc, dt) => [...acc, (acc.at(-1) ?? created) + dt + 1000], []);
          const second = created + rotate + first.length * 41 * DAY;
          const text = [
            ...logFile(created, 'node-7'),
            ...first.map((t) => klogAt(t)),
            ...logFile(second, 'node-7'),
            klogAt(second + 5000),
          ].join('\n');
          const tl = analyzeString(text, { zone: zone('UTC') }, 'kubelet.log');
          expect(tl.nodes.map((n) => n.name)).toEqual(['node-7']);
          expect(Math.floor(tl.nodes[0]!.firstSeen / 1000)).toBe(Math.floor(first[0]! / 1000));
          expect(Math.floor(tl.nodes[0]!.lastSeen / 1000)).toBe(Math.floor((second + 5000) / 1000));
          // (--node-name is the user's word)
          expect(analyzeString(text, { zone: zone('UTC'), defaultNode: 'given' }, 'kubelet.log').nodes.map((n) => n.name)).toEqual([
            'given',
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });
  it("a kubelet.log without a file header is the node's that its kubelet names, in any era's words, and its lines after that are the fast path's", () => {
    // the kubelet names its node when it registers and when it records a node condition: printf
    // (`Successfully registered node worker-1`, the name last) and structured (`node="worker-1"`)
    const naming = [
      (n: string) => `Attempting to register node ${n}`,
      (n: string) => `Successfully registered node ${n}`,
      (n: string) => `Recording NodeHasSufficientPID event message for node ${n}`,
      (n: string) =>
        `Unable to register node "${n}" with API server: Post "https://10.0.0.1:6443/api/v1/nodes": dial tcp 10.0.0.1:6443: connect: connection refused`,
      (n: string) => `"Attempting to register node" node="${n}"`,
      (n: string) => `"Successfully registered node" node="${n}"`,
      (n: string) => `"Recording event message for node" node="${n}" event="NodeHasNoDiskPressure"`,
    ];
    const start = Date.UTC(2021, 0, 20, 11, 42);
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,30}$/),
        fc.integer({ min: 0, max: naming.length - 1 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        (node, w, before, after) => {
          const chatter = (k: number) =>
            klogAt(
              start + k * 1000,
              `Readiness probe for "coredns-6f85d5fb88-flfvm_kube-system(c2bc):coredns" failed (failure): HTTP probe failed with statuscode: 503`,
            );
          const lines = [
            ...Array.from({ length: before }, (_, k) => chatter(k)),
            klogAt(start + before * 1000, naming[w]!(node)),
            ...Array.from({ length: after }, (_, k) => chatter(before + 1 + k)),
          ];
          const tl = analyzeString(lines.join('\n'), { zone: zone('UTC') }, 'rancher-kubelet.log');
          expect(tl.nodes.map((n) => n.name)).toEqual([node]);
          expect(tl.counters.kubeletLines).toBe(lines.length);
          // (the lines after it need no node any more: the fast path takes them)
          const a = new LineAnalyzer('rancher-kubelet.log', { zone: zone('UTC'), now: start });
          const b = Buffer.from(lines.join('\n') + '\n');
          a.pushBytes(b, 0, b.length, 1, []);
          expect(a.fastLines).toBeGreaterThanOrEqual(after - 1);
        },
      ),
      { numRuns: 200 },
    );
    // (a structured message about registering names no node in its words: `with` is none)
    const tl = analyzeString(
      klogAt(start, '"Unable to register node with API server" err="Unauthorized"'),
      { zone: zone('UTC') },
      'kubelet.log',
    );
    expect(tl.nodes.map((n) => n.name)).toEqual(['unknown']);
  });
  it('a klog file header with a date no clock writes dates nothing (the clock does)', () => {
    const lines = ['Log file created at: 9999/99/99 99:99:99', 'Running on machine: node-7', klogAt(Date.UTC(2021, 4, 3, 10))];
    const tl = analyzeString(lines.join('\n'), { zone: zone('UTC') }, 'kubelet.log');
    expect([tl.nodes[0]?.name, new Date(tl.nodes[0]!.firstSeen).getUTCFullYear()]).toEqual(['node-7', 2026]);
  });
  it('the year-inferred note says what the year was taken from', () => {
    const created = Date.UTC(2021, 4, 3, 10);
    const tl = analyzeString([...logFile(created, 'node-7'), klogAt(created + 1000)].join('\n'), { zone: zone('UTC') }, 'kubelet.log');
    expect(tl.yearInferred).toBe(true);
    expect(tl.notes.find((n) => n.kind === 'year-inferred')?.text).toContain(
      'the date klog created its log file ("Log file created at: 2021/05/03 10:00:00")',
    );
    const bare = analyzeString(klogAt(created + 1000), { zone: zone('UTC') }, 'kubelet.log');
    expect(bare.notes.find((n) => n.kind === 'year-inferred')?.text).toContain('the latest one that does not put them in the future');
  });
  it('exact duplicate lines of a paste are counted once', () => {
    const tl = analyzeString(`${loop('09:50:55')}\n${loop('09:50:55')}`, shanghai);
    expect(tl.incidents[0]!.reclaimAttempts).toBe(1);
    expect(tl.counters.duplicates).toBe(3);
  });
});

describe('pods are looked up in constant time', () => {
  /** /work/shared/repro/genrank.py: `n` eviction loops ranking `width` pods, one new pod per loop. */
  const genrank = (n: number, width: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const d = new Date(Date.UTC(2024, 0, 1) + i * 10_000).toISOString();
      const p = `${d.slice(0, 19)}+0000 n1 kubelet[4100]: I${d.slice(5, 7)}${d.slice(8, 10)} ${d.slice(11, 19)}`;
      const pods = Array.from({ length: width }, (_, k) => `"default/web-${String(i + k).padStart(7, '0')}"`).join(',');
      const pod = `default/web-${String(i).padStart(7, '0')}`;
      out.push(
        `${p}.100000    4100 eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="memory"`,
        `${p}.100800    4100 eviction_manager.go:395] "Eviction manager: pods ranked for eviction" pods=[${pods}]`,
        `${p}.101000    4100 eviction_manager.go:611] "Evicting pod" pod="${pod}" podUID="u${i}" message="The node was low on resource: memory."`,
        `${p}.201000    4100 eviction_manager.go:623] "Eviction manager: pod is evicted successfully" pod="${pod}"`,
      );
    }
    return out.join('\n');
  };
  /** Elements visited by array searches while `f` runs: what a lookup in a list costs, counted, not timed. */
  const visits = (f: () => void): number => {
    const names = ['includes', 'indexOf', 'find', 'findIndex', 'some', 'every'] as const;
    const proto = Array.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    const orig = names.map((k) => proto[k]!);
    let n = 0;
    names.forEach((k, i) => {
      proto[k] = function (this: unknown[], ...a: unknown[]) {
        n += this.length;
        return orig[i]!.apply(this, a);
      };
    });
    try {
      f();
    } finally {
      names.forEach((k, i) => (proto[k] = orig[i]!));
    }
    return n;
  };
  it('a loop that ranks 110 pods and evicts one each time costs the same per loop at 4N loops as at N', () => {
    let small: ReturnType<typeof analyzeString> | undefined;
    const a = visits(() => (small = analyzeString(genrank(300, 110), { zone: zone('UTC') })));
    const b = visits(() => analyzeString(genrank(1200, 110), { zone: zone('UTC') }));
    expect(small!.incidents[0]!.evictedPods).toHaveLength(300);
    expect(small!.incidents[0]!.rankedPods).toHaveLength(300 + 109);
    // linear: 4x the loops, 4x the visits (a list scan per pod made it 16x)
    expect(b / a).toBeLessThan(5);
  });
});
