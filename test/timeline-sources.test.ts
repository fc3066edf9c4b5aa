/** Threshold sources, multi-line entries, observations and evidence-gap notes, end to end. */
import { describe, expect, it } from 'vitest';
import { MAX_POINTS } from '../src/timeline/builder.js';
import { analyzeString, runCli } from './helpers.js';

const J = (t: string, p: string, pid = 2716) => `Mar 14 ${t} worker-3 kubelet[${pid}]: ${p}`;

describe('threshold sources', () => {
  it('FLAG lines give hard, soft with grace, min-reclaim, max pod grace and transition period', () => {
    const t = analyzeString(
      [
        J('09:15:00', 'I0314 09:15:00.100000    2716 flags.go:64] FLAG: --eviction-hard="memory.available<100Mi,nodefs.available<10%"'),
        J('09:15:00', 'I0314 09:15:00.100001    2716 flags.go:64] FLAG: --eviction-max-pod-grace-period="30"'),
        J('09:15:00', 'I0314 09:15:00.100002    2716 flags.go:64] FLAG: --eviction-minimum-reclaim="memory.available=200Mi"'),
        J('09:15:00', 'I0314 09:15:00.100003    2716 flags.go:64] FLAG: --eviction-pressure-transition-period="5m0s"'),
        J('09:15:00', 'I0314 09:15:00.100004    2716 flags.go:64] FLAG: --eviction-soft="memory.available<500Mi"'),
        J('09:15:00', 'I0314 09:15:00.100005    2716 flags.go:64] FLAG: --eviction-soft-grace-period="memory.available=1m30s"'),
      ].join('\n'),
      { year: 2024 },
    );
    expect(t.nodes[0]!.thresholds).toMatchObject([
      {
        source: 'flags',
        hard: [
          { signal: 'memory.available', value: '100Mi', minReclaim: '200Mi' },
          { signal: 'nodefs.available', value: '10%' },
        ],
        soft: [{ signal: 'memory.available', value: '500Mi', gracePeriodSeconds: 90, minReclaim: '200Mi' }],
        maxPodGracePeriodSeconds: 30,
        pressureTransitionSeconds: 300,
      },
    ]);
  });

  const YAML = [
    'apiVersion: kubelet.config.k8s.io/v1beta1',
    'evictionHard:',
    '  imagefs.available: 15%',
    '  memory.available: 100Mi',
    'evictionSoft:',
    '  memory.available: 500Mi',
    'evictionSoftGracePeriod:',
    '  memory.available: 1m30s',
    'kind: KubeletConfiguration',
  ];
  it.each([
    ['journalctl, spaces', (l: string) => J('10:00:01', `        ${l}`)],
    ['journalctl, TAB', (l: string) => J('10:00:01', `\t${l}`)],
  ])('the Effective KubeletConfiguration YAML block (%s) states hard and soft', (_n, wrap) => {
    const text = [
      J('10:00:01', 'I0314 10:00:01.201133    2716 server.go:261] "Effective KubeletConfiguration" config=<'),
      ...YAML.map(wrap),
      J('10:00:01', ' >'),
    ].join('\n');
    const t = analyzeString(text, { year: 2026 });
    expect(t.counters.unrecognized).toBe(0);
    expect(t.nodes[0]!.thresholds).toMatchObject([
      {
        source: 'effective-config',
        hard: [
          { signal: 'imagefs.available', value: '15%' },
          { signal: 'memory.available', value: '100Mi' },
        ],
        soft: [{ signal: 'memory.available', value: '500Mi', gracePeriodSeconds: 90 }],
      },
    ]);
  });

  it('the block works in a bare kubelet.log too, and in the JSON logging format', () => {
    const bare = [
      'I0314 10:00:01.201133    2716 server.go:261] "Effective KubeletConfiguration" config=<',
      ...YAML.map((l) => `\t${l}`),
      ' >',
    ].join('\n');
    expect(analyzeString(bare, { year: 2026 }).nodes[0]!.thresholds[0]).toMatchObject({
      source: 'effective-config',
      soft: [{ signal: 'memory.available' }],
    });
    const json = JSON.stringify({
      ts: 1772445601201.1,
      caller: 'app/server.go:261',
      msg: 'Effective KubeletConfiguration',
      v: 0,
      config: YAML.join('\n'),
    });
    expect(analyzeString(json).nodes[0]!.thresholds[0]).toMatchObject({
      source: 'effective-config',
      hard: [{ signal: 'imagefs.available' }, { signal: 'memory.available' }],
    });
  });

  it('the V5 KubeletConfiguration JSON dump states the thresholds', () => {
    const lines = [
      '{',
      '  "kind": "KubeletConfiguration",',
      '  "evictionHard": {',
      '    "memory.available": "200Mi"',
      '  },',
      '  "evictionSoft": {}',
      '}',
    ];
    const text = [
      J('10:00:01', 'I0314 10:00:01.201133    2716 server.go:261] "KubeletConfiguration" configuration=<'),
      ...lines.map((l) => J('10:00:01', `\t${l}`)),
      J('10:00:01', ' >'),
    ].join('\n');
    const t = analyzeString(text, { year: 2026 });
    expect(t.nodes[0]!.thresholds[0]).toMatchObject({
      source: 'config-dump',
      hard: [{ signal: 'memory.available', value: '200Mi' }],
      soft: [],
    });
  });

  it('B8 debug lines become a partial threshold-debug statement, not a change', () => {
    const t = analyzeString(
      [
        J(
          '09:21:07',
          'I0314 09:21:07.000000    2716 container_manager_linux.go:270] "Creating Container Manager object based on Node Config" nodeConfig={"HardEvictionThresholds":[{"Signal":"memory.available","Operator":"LessThan","Value":{"Quantity":"100Mi","Percentage":0},"GracePeriod":0,"MinReclaim":null}]}',
        ),
        J(
          '09:21:17',
          'I0314 09:21:17.131870    2716 helpers.go:880] "Eviction manager: eviction criteria not yet met" threshold="threshold(signal=memory.available, operator=LessThan, value={500Mi 0}, gracePeriod=1m30s)" duration="10s"',
        ),
      ].join('\n'),
      { year: 2024 },
    );
    const n = t.nodes[0]!;
    expect(n.thresholds.map((s) => s.source)).toEqual(['node-config', 'threshold-debug']);
    expect(n.thresholds[1]).toMatchObject({
      partial: true,
      soft: [{ signal: 'memory.available', value: '500Mi', gracePeriodSeconds: 90 }],
    });
    expect(n.thresholdChanges).toEqual([]);
    expect(t.incidents[0]!.softThresholdsMet).toEqual([{ signal: 'memory.available', value: '500Mi', gracePeriodSeconds: 90 }]);
    expect(t.notes.some((x) => x.kind === 'soft-thresholds-unknown')).toBe(false);
  });

  it('an ellipsized NodeConfig after a full one is truncated and never "thresholds removed"', () => {
    const full =
      'I0314 09:00:00.000000    2716 container_manager_linux.go:270] "Creating Container Manager object based on Node Config" nodeConfig={"HardEvictionThresholds":[{"Signal":"memory.available","Operator":"LessThan","Value":{"Quantity":"100Mi","Percentage":0},"GracePeriod":0,"MinReclaim":null}]}';
    const cut =
      'I0314 09:30:00.000000    3120 container_manager_linux.go:270] "Creating Container Manager object based on Node Config" nodeConfig={"RuntimeCgroupsName":"","SystemCgr>';
    const t = analyzeString([J('09:00:00', full), J('09:30:00', cut, 3120)].join('\n'), { year: 2024 });
    expect(t.nodes[0]!.thresholds[1]).toMatchObject({ truncated: true, hard: [] });
    expect(t.nodes[0]!.thresholdChanges).toEqual([]);
  });
});

describe('multi-line entries', () => {
  it('joins a journald split of a very long entry (header-less continuation)', () => {
    const pods = Array.from({ length: 800 }, (_, i) => `"ns/pod-${i}"`);
    const line = `I0528 16:05:50.514706    2716 eviction_manager.go:405] "Eviction manager: pods ranked for eviction" pods=[${pods.join(',')}]`;
    const cutAt = 9000;
    const text = [J('16:05:50', line.slice(0, cutAt)), J('16:05:50', line.slice(cutAt))].join('\n');
    const t = analyzeString(text, { year: 2024 });
    expect(t.counters.unrecognized).toBe(0);
    expect(t.incidents[0]!.rankedPods).toHaveLength(800);
  });
});

describe('observations', () => {
  it('a long series is bounded but keeps its minimum and last point', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const s = String(i % 60).padStart(2, '0');
      const m = String(Math.floor(i / 60) % 60).padStart(2, '0');
      const avail = i === 1234 ? 1000 : 500000 + i;
      lines.push(
        `I0314 10:${m}:${s}.000000    2716 helpers.go:838] "Eviction manager:" log="observations" signal="memory.available" resourceName="memory" available="${avail}Ki" capacity="8000000Ki"`,
      );
    }
    const t = analyzeString(lines.join('\n'), { year: 2024 });
    const s = t.nodes[0]!.observations['memory.available']!;
    expect(s.count).toBe(3000);
    expect(s.points.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(s.min.available).toBe(1000 * 1024);
    expect(s.last.available).toBe((500000 + 2999) * 1024);
  });

  it('an incident states the lowest observation against the threshold in force', () => {
    const t = analyzeString(
      [
        J(
          '09:15:00',
          'I0314 09:15:00.000000    2716 container_manager_linux.go:270] "Creating Container Manager object based on Node Config" nodeConfig={"HardEvictionThresholds":[{"Signal":"nodefs.available","Operator":"LessThan","Value":{"Quantity":null,"Percentage":0.1},"GracePeriod":0,"MinReclaim":null}]}',
        ),
        J(
          '09:21:07',
          'I0314 09:21:07.000000    2716 eviction_manager.go:338] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"',
        ),
        J(
          '09:21:07',
          'I0314 09:21:07.100000    2716 helpers.go:838] "Eviction manager:" log="observations" signal="nodefs.available" resourceName="ephemeral-storage" available="3Gi" capacity="40Gi"',
        ),
      ].join('\n'),
      { year: 2024 },
    );
    const i = t.incidents[0]!;
    expect(i.observed).toMatchObject([{ signal: 'nodefs.available', available: '3Gi', threshold: '10%', via: 'observation' }]);
    expect(i.statements.map((s) => s.text).join(' ')).toMatch(
      /nodefs\.available down to 3Gi \(3\.0 GiB\) of 40\.0 GiB available against the threshold nodefs\.available<10% = 4\.0 GiB/,
    );
  });
});

describe('eviction kinds', () => {
  it('a local-storage eviction is told apart from a threshold eviction', () => {
    const t = analyzeString(
      [
        J(
          '09:21:09',
          'I0314 09:21:09.001877    2716 eviction_manager.go:611] "Evicting pod" pod="default/logger" podUID="1" message="Container logger exceeded its local ephemeral storage limit \\"500Mi\\". "',
        ),
        J(
          '09:21:10',
          'I0314 09:21:10.001877    2716 eviction_manager.go:627] "Eviction manager: pod is evicted successfully" pod="default/logger"',
        ),
      ].join('\n'),
      { year: 2024 },
    );
    const i = t.incidents[0]!;
    expect(i.evictionKinds).toEqual(['local-storage']);
    expect(i.evictedPods).toMatchObject([{ pod: 'default/logger', cause: 'local-storage' }]);
    expect(i.statements.map((s) => s.text).join(' ')).toMatch(/ephemeral-storage limit/);
  });
});

describe('evidence gaps become notes', () => {
  const reclaim = (t: string) => J(t, `W0314 ${t}.000000    2716 eviction_manager.go:332] eviction manager: attempting to reclaim memory`);
  it('journald suppression', () => {
    const t = analyzeString(
      [
        reclaim('09:00:00'),
        'Mar 14 09:00:05 worker-3 systemd-journald[312]: Suppressed 4521 messages from /system.slice/kubelet.service',
      ].join('\n'),
      { year: 2024 },
    );
    expect(t.notes.find((n) => n.kind === 'journal-suppressed')?.text).toMatch(/4,521/);
  });
  it('silence while an incident is open, but not otherwise', () => {
    // (with the other lines a kubelet logs between: an input of eviction lines only looks filtered, timeline-semantics.test.ts)
    const other = (t: string) =>
      J(t, `I0314 ${t}.500000    2716 kubelet_getters.go:182] "Pod status updated" pod="kube-system/etcd-worker-3" status="Running"`);
    const open = analyzeString(
      [reclaim('09:00:00'), other('09:00:01'), reclaim('09:04:00'), other('09:04:01'), reclaim('09:30:00')].join('\n'),
      {
        year: 2024,
      },
    );
    expect(open.notes.filter((n) => n.kind === 'journal-silence')).toHaveLength(1);
    const idle = analyzeString(
      [
        J('09:00:00', 'I0314 09:00:00.000000    2716 kubelet.go:1805] Starting kubelet main sync loop.'),
        J('09:30:00', 'I0314 09:30:00.000000    2716 kubelet.go:1805] Starting kubelet main sync loop.'),
      ].join('\n'),
      { year: 2024 },
    );
    expect(idle.notes.filter((n) => n.kind === 'journal-silence')).toEqual([]);
  });
  it('boot markers, low verbosity, unknown soft thresholds', () => {
    const t = analyzeString(['-- Boot 0123456789abcdef0123456789abcdef --', reclaim('09:00:00')].join('\n'), { year: 2024 });
    const kinds = t.notes.map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['journal-boot', 'low-verbosity', 'soft-thresholds-unknown']));
    const verbose = analyzeString(
      [
        reclaim('09:00:00'),
        J('09:00:00', 'I0314 09:00:00.100000    2716 eviction_manager.go:197] eviction manager: synchronize housekeeping'),
      ].join('\n'),
      { year: 2024 },
    );
    expect(verbose.notes.map((n) => n.kind)).not.toContain('low-verbosity');
  });
});

describe('unrecognized lines', () => {
  const odd = 'I0314 09:00:00.000000    2716 eviction_manager.go:999] eviction manager: a wording from the future';
  it('are counted and listed in text and json with line numbers', async () => {
    const text = `I0314 09:00:00.000000    2716 kubelet.go:1] unrelated line\n${odd}\n`;
    const j = await runCli(['-o', 'json', '--year', '2024', '-'], text);
    const r = JSON.parse(j.stdout) as { summary: { unrecognized: number }; unrecognized: Array<{ line: number; text: string }> };
    expect(r.summary.unrecognized).toBe(1);
    expect(r.unrecognized).toEqual([{ input: '-', line: 2, text: odd }]);
    const tx = await runCli(['--show-unrecognized', '--year', '2024', '-'], text);
    expect(tx.stdout).toContain(`-:2: ${odd}`);
  });
  it('ordinary kubelet lines are not watched', () => {
    const t = analyzeString(
      [
        'I0411 14:25:34.593104     770 container_manager_linux.go:776] attempting to apply oom_score_adj of -999 to pid 770',
        'I0411 14:25:34.593138     770 oom_linux.go:65] attempting to set "/proc/770/oom_score_adj" to "-999"',
        'I0610 17:39:22.853324    1980 fs_resource_analyzer.go:67] "Starting FS ResourceAnalyzer"',
      ].join('\n'),
      { year: 2024 },
    );
    expect(t.counters.unrecognized).toBe(0);
  });
});
