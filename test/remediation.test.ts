/**
 * What to do next (src/timeline/remediation.ts) and the defaults it keeps (src/timeline/defaults.ts):
 * the defaults per kubelet version, the setting that keeps them in the form the node uses (flags,
 * a configuration file, or both when the journal does not tell), stop-gap vs fix, which filesystem
 * a signal watches, memory evictions with the pods' requests; each step cites its lines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newCounters } from '../src/analyze/analyzer.js';
import { flagMap } from '../src/classify/values.js';
import type { KubeletEvent, Threshold } from '../src/model/events.js';
import { defaultHard, isDefault, osOf } from '../src/timeline/defaults.js';
import { TimelineBuilder } from '../src/timeline/builder.js';
import type { Timeline } from '../src/timeline/model.js';
import { evictionHardConfig, evictionHardFlag } from '../src/timeline/remediation.js';
import { zone } from '../src/time/zone.js';
import { analyzeString, read } from './helpers.js';

const t = (signal: string, value: string): Threshold => ({ signal, value });
const fmt = (ts: readonly Threshold[] | undefined) => ts?.map((x) => `${x.signal}<${x.value}`).join(',');

describe('the kubelet default hard thresholds per version', () => {
  it.each([
    ['v1.3.10', 'linux', ''],
    ['v1.4.0', 'linux', 'memory.available<100Mi'],
    ['v1.6.13', 'linux', 'memory.available<100Mi'],
    ['v1.7.5', 'linux', 'memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%'],
    ['v1.8.15', 'linux', 'memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%'],
    ['v1.9.2', 'linux', 'memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%,imagefs.available<15%'],
    ['v1.18.6+k3s1', 'linux', 'memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%,imagefs.available<15%'],
    ['1.29.2', 'linux', 'memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%,imagefs.available<15%'],
    ['v1.30.0', 'linux', 'memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%,imagefs.available<15%,imagefs.inodesFree<5%'],
    ['v1.11.0', 'windows', 'memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%,imagefs.available<15%'],
    ['v1.12.0', 'windows', 'memory.available<100Mi,nodefs.available<10%,imagefs.available<15%'],
    ['v1.30.2', 'windows', 'memory.available<100Mi,nodefs.available<10%,imagefs.available<15%'],
    ['v1.31.0', 'windows', 'memory.available<500Mi,nodefs.available<10%,imagefs.available<15%'],
  ] as const)('%s on %s', (version, os, want) => {
    expect(fmt(defaultHard(version, os))).toBe(want);
  });
  it('an unknown version has no table; any version’s default counts as one', () => {
    expect(defaultHard(undefined)).toBeUndefined();
    expect(defaultHard('unknown')).toBeUndefined();
    expect(isDefault('nodefs.available', '10%', undefined)).toBe(true);
    expect(isDefault('imagefs.inodesFree', '5%', 'v1.29.2')).toBe(false);
    expect(isDefault('imagefs.inodesFree', '5%', 'v1.30.1')).toBe(true);
    expect(isDefault('memory.available', '200Mi', undefined)).toBe(false);
  });
  it('a statement that is exactly the Windows defaults says Windows', () => {
    expect(osOf([defaultHard('v1.31.0', 'windows')!], 'v1.31.0')).toBe('windows');
    expect(osOf([defaultHard('v1.31.0', 'linux')!], 'v1.31.0')).toBe('linux');
    expect(osOf([[t('nodefs.available', '5%')]], 'v1.31.0')).toBe('linux');
  });
});

describe('the flag and the configuration map', () => {
  it('sorted by signal, as the kubelet prints its FLAG line', () => {
    const hard = [t('nodefs.available', '5%'), t('memory.available', '100Mi'), t('nodefs.inodesFree', '5%')];
    expect(evictionHardFlag(hard)).toBe('--eviction-hard=memory.available<100Mi,nodefs.available<5%,nodefs.inodesFree<5%');
    expect(evictionHardConfig(hard)).toBe(
      'evictionHard:\n  memory.available: "100Mi"\n  nodefs.available: "5%"\n  nodefs.inodesFree: "5%"',
    );
  });
  it('the flag reads back as the kubelet reads it, for any set', () => {
    const sig = fc.constantFrom(
      'memory.available',
      'nodefs.available',
      'nodefs.inodesFree',
      'imagefs.available',
      'imagefs.inodesFree',
      'pid.available',
    );
    const val = fc.oneof(
      fc.integer({ min: 1, max: 99 }).map((n) => `${n}%`),
      fc.integer({ min: 1, max: 4096 }).map((n) => `${n}Mi`),
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(sig, val), { selector: (x) => x[0], minLength: 1 }), (pairs) => {
        const hard = pairs.map(([s, v]) => t(s, v));
        const back = flagMap(evictionHardFlag(hard).replace(/^--eviction-hard=/, ''));
        expect(new Map(back.map((x) => [x.signal, x.value]))).toEqual(new Map(hard.map((x) => [x.signal, x.value])));
      }),
    );
  });
});

describe('the seed story: a stop-gap that dropped defaults', () => {
  const tl = analyzeString(read('samples/seed-ubuntu-k8s-3.log'), { zone: zone('Asia/Shanghai'), year: 2017 }, 'seed.log');
  const inc = tl.incidents[0]!;

  it('says the change was a stop-gap, where the space went, and how to keep the defaults', () => {
    expect(inc.remediation.map((m) => m.kind)).toEqual(['stop-gap', 'find-usage', 'keep-defaults']);
    const [stop, find, keep] = inc.remediation;
    expect(stop!.text).toMatch(/not because anything was freed: nodefs is as full as it was/);
    expect(stop!.text).toMatch(/margin left before nodefs is full is half of what it was/);
    expect(stop!.text).toMatch(/set nodefs\.available back to 10%/);
    expect(find!.title).toBe('Free space on nodefs');
    expect(find!.text).toMatch(/kubelet's root directory/);
    expect(find!.commands!.join('\n')).toMatch(/df -h \/var\/lib\/kubelet/);
    expect(find!.commands!.join('\n')).toMatch(/du -xh/);
    expect(find!.commands!.join('\n')).toMatch(/journalctl --vacuum-size/);
    expect(find!.commands!.join('\n')).toMatch(/crictl rmi --prune/);
    expect(keep!.suggested).toEqual({
      form: 'flags', // v1.7 had no --config file
      hard: [t('memory.available', '100Mi'), t('nodefs.available', '5%'), t('nodefs.inodesFree', '5%')],
      flag: '--eviction-hard=memory.available<100Mi,nodefs.available<5%,nodefs.inodesFree<5%',
      config: 'evictionHard:\n  memory.available: "100Mi"\n  nodefs.available: "5%"\n  nodefs.inodesFree: "5%"',
      defaultsOf: 'v1.7.5',
    });
    // each step cites the lines it rests on: the restart's Node Config line, the loop
    expect(stop!.evidence.map((r) => r.line)).toContain(14378);
    expect(find!.evidence.map((r) => r.line)).toContain(4);
    expect(keep!.evidence).toEqual([{ input: 'seed.log', line: 14378 }]);
  });
});

// Small journals in the era each case needs.
const J = (t: string, pid: number) => `Mar 14 ${t} worker-7 kubelet[${pid}]: `;
const K = (sev: string, t: string, pid: number, file: string) => `${sev}0314 ${t}.000001 ${String(pid).padStart(7)} ${file}] `;
const START = (t: string, pid: number, version: string) =>
  [
    `Mar 14 ${t} worker-7 systemd[1]: Started kubelet: The Kubernetes Node Agent.`,
    `${J(t, pid)}${K('I', t, pid, 'server.go:487')}"Kubelet version" kubeletVersion="${version}"`,
  ].join('\n');
const FLAG = (t: string, pid: number, hard: string) => `${J(t, pid)}${K('I', t, pid, 'flags.go:64')}FLAG: --eviction-hard="${hard}"`;
const NODE_CONFIG = (t: string, pid: number, hard: Threshold[]) =>
  `${J(t, pid)}${K('I', t, pid, 'container_manager_linux.go:270')}"Creating Container Manager object based on Node Config" nodeConfig={"NodeName":"worker-7","HardEvictionThresholds":[${hard
    .map((h) =>
      h.value.endsWith('%')
        ? `{"Signal":"${h.signal}","Operator":"LessThan","Value":{"Quantity":null,"Percentage":${Number(h.value.slice(0, -1)) / 100}},"GracePeriod":0,"MinReclaim":null}`
        : `{"Signal":"${h.signal}","Operator":"LessThan","Value":{"Quantity":"${h.value}","Percentage":0},"GracePeriod":0,"MinReclaim":null}`,
    )
    .join(',')}]}`;
const DISK_LOOP = (t: string, pid: number) =>
  [
    `${J(t, pid)}${K('I', t, pid, 'eviction_manager.go:366')}"Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"`,
    `${J(t, pid)}${K('I', t, pid, 'eviction_manager.go:377')}"Eviction manager: must evict pod(s) to reclaim" resourceName="ephemeral-storage"`,
    `${J(t, pid)}${K('E', t, pid, 'eviction_manager.go:387')}"Eviction manager: eviction thresholds have been met, but no pods are active to evict"`,
  ].join('\n');
const utc = { zone: zone('UTC'), year: 2024 };
const DEFAULTS_130 = defaultHard('v1.30.1')!;

describe('the form of the setting follows the node', () => {
  const only5 = [t('nodefs.available', '5%')];
  it('a FLAG line that agrees with the Node Config line: flags', () => {
    const text = [
      START('09:00:00', 900, 'v1.30.1'),
      FLAG('09:00:00', 900, 'nodefs.available<5%'),
      NODE_CONFIG('09:00:00', 900, only5),
      DISK_LOOP('09:10:00', 900),
    ].join('\n');
    const keep = analyzeString(text, utc).incidents[0]!.remediation.find((m) => m.kind === 'keep-defaults')!;
    expect(keep.suggested!.form).toBe('flags');
    expect(keep.suggested!.flag).toBe(
      '--eviction-hard=imagefs.available<15%,imagefs.inodesFree<5%,memory.available<100Mi,nodefs.available<5%,nodefs.inodesFree<5%',
    );
  });
  it('a FLAG line that the Node Config line contradicts: a configuration file set them', () => {
    const text = [
      START('09:00:00', 900, 'v1.30.1'),
      FLAG('09:00:00', 900, DEFAULTS_130.map((d) => `${d.signal}<${d.value}`).join(',')),
      NODE_CONFIG('09:00:00', 900, only5),
      DISK_LOOP('09:10:00', 900),
    ].join('\n');
    const tl = analyzeString(text, utc);
    const keep = tl.incidents[0]!.remediation.find((m) => m.kind === 'keep-defaults')!;
    expect(keep.suggested!.form).toBe('config-file');
    expect(keep.suggested!.config).toBe(
      'evictionHard:\n  imagefs.available: "15%"\n  imagefs.inodesFree: "5%"\n  memory.available: "100Mi"\n  nodefs.available: "5%"\n  nodefs.inodesFree: "5%"',
    );
  });
  it('a kubelet 1.10 or later with nothing but its Node Config line: both forms', () => {
    const text = [START('09:00:00', 900, 'v1.30.1'), NODE_CONFIG('09:00:00', 900, only5), DISK_LOOP('09:10:00', 900)].join('\n');
    const inc = analyzeString(text, utc).incidents[0]!;
    expect(inc.remediation.find((m) => m.kind === 'keep-defaults')!.suggested!.form).toBe('unknown');
  });
  it('defaults in force: no threshold step', () => {
    const text = [START('09:00:00', 900, 'v1.30.1'), NODE_CONFIG('09:00:00', 900, DEFAULTS_130), DISK_LOOP('09:10:00', 900)].join('\n');
    const inc = analyzeString(text, utc).incidents[0]!;
    expect(inc.remediation.map((m) => m.kind)).not.toContain('keep-defaults');
    // still ongoing at the end: the stop-gap, with every default kept
    const stop = inc.remediation.find((m) => m.kind === 'stop-gap')!;
    expect(stop.title).toBe('Stop-gap: nodefs.available 10% → 5%');
    expect(stop.suggested!.hard).toEqual(
      [...DEFAULTS_130.filter((d) => d.signal !== 'nodefs.available'), t('nodefs.available', '5%')].sort((a, b) =>
        a.signal < b.signal ? -1 : 1,
      ),
    );
    // ephemeral-storage: the kubelet reclaims both filesystems
    expect(inc.remediation.find((m) => m.kind === 'find-usage')!.title).toBe('Free space on nodefs and imagefs');
  });
});

describe('memory evictions', () => {
  it('name the pods, their use against their requests, and the low against the threshold', () => {
    const tl = analyzeString(read('samples/modern-memory-eviction.log'), utc);
    const m = tl.incidents[1]!.remediation.find((x) => x.kind === 'memory')!;
    expect(m.text).toContain('default/memhog-7c9d8b6f5-q8w4n (container memhog used 1.7 GiB with no memory request)');
    expect(m.text).toContain('monitoring/prometheus-k8s-0 (container prometheus used 1.1 GiB against a request of 400.0 MiB)');
    expect(m.text).toMatch(/BestEffort/);
    expect(m.text).toContain('memory.available fell to 156.5 MiB against the threshold memory.available<200Mi');
    expect(m.evidence.map((r) => r.line)).toEqual(expect.arrayContaining([104, 105, 115]));
  });
});

describe('any incident the builder makes gets steps that hold together (fast-check)', () => {
  const MIN = 60_000;
  const kinds = ['reclaim', 'loop', 'evict', 'reject', 'clear', 'start', 'thresholds', 'gc'] as const;
  const stepArb = fc.record({
    dt: fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 4 * MIN, max: 8 * MIN })),
    what: fc.constantFrom(...kinds),
    resource: fc.constantFrom('nodefs', 'imagefs', 'memory', 'ephemeral-storage', 'nodefsInodes', 'pids'),
    version: fc.constantFrom('v1.6.4', 'v1.7.5', 'v1.12.0', 'v1.29.2', 'v1.31.0', undefined),
    hard: fc.subarray(defaultHard('v1.30.0')!.map((d) => ({ ...d, value: d.value === '10%' ? '5%' : d.value }))),
  });
  it('never throws; every suggested set keeps what was stated and the defaults of its version', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        const b = new TimelineBuilder({ gapMs: 5 * MIN });
        let at = Date.UTC(2024, 0, 1);
        let pid = 100;
        steps.forEach((s, k) => {
          at += s.dt;
          const base = { at, node: 'n', src: { input: '-', line: k + 1 } };
          const e: KubeletEvent =
            s.what === 'reclaim'
              ? { ...base, kind: 'reclaim-attempt', resource: s.resource }
              : s.what === 'loop'
                ? ({ ...base, kind: 'no-pods-to-evict' } as KubeletEvent)
                : s.what === 'evict'
                  ? { ...base, kind: 'pod-evicted', pod: `ns/p${k}` }
                  : s.what === 'reject'
                    ? { ...base, kind: 'admission-rejected', pod: `ns/r${k}`, conditions: ['DiskPressure'] }
                    : s.what === 'clear'
                      ? { ...base, kind: 'node-pressure-cleared', condition: 'DiskPressure', event: 'NodeHasNoDiskPressure' }
                      : s.what === 'start'
                        ? { ...base, kind: 'kubelet-start', via: 'startup-line', pid: ++pid, ...(s.version ? { version: s.version } : {}) }
                        : s.what === 'thresholds'
                          ? { ...base, kind: 'thresholds-stated', source: 'node-config', hard: s.hard }
                          : { ...base, kind: 'image-gc-insufficient', wantedBytes: 5e9, freedBytes: 0, error: 'failed' };
          b.add(e);
        });
        const tl: Timeline = b.finish({ counters: newCounters(), unrecognized: [], skipped: [], yearInferred: false, lastSeen: new Map() });
        const node = tl.nodes[0];
        for (const inc of tl.incidents) {
          for (const m of inc.remediation) {
            expect(m.text.length).toBeGreaterThan(20);
            expect(m.text).not.toMatch(/undefined|NaN|\[object/);
            for (const r of m.evidence) expect(r.line).toBeGreaterThan(0);
            if (!m.suggested) continue;
            const s = m.suggested;
            expect(flagMap(s.flag.replace(/^--eviction-hard=/, ''))).toEqual(s.hard);
            const signals = s.hard.map((h) => h.signal);
            expect(new Set(signals).size).toBe(signals.length);
            // the defaults of the version it names are all there
            for (const d of defaultHard(s.defaultsOf) ?? []) expect(signals).toContain(d.signal);
          }
          if (inc.closedBy === 'threshold-change') expect(inc.remediation[0]!.kind).toBe('stop-gap');
        }
        expect(node === undefined || tl.incidents.every((i) => i.node === node.name)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
