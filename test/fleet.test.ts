/** Many nodes in one report: a lane per node, merged by time, a fleet summary first. */
import { describe, expect, it } from 'vitest';
import { fleetSummary } from '../src/render/fleet.js';
import { analyzeString, read, runCli } from './helpers.js';

const ARGS = ['--year', '2017', '--timezone', 'UTC', '--no-color'];
// A node whose kubelet started and saw no pressure, in the same merged stream as worker-3.
const QUIET = '2024-03-14T09:20:00+0000 quiet-1 systemd[1]: Started kubelet: The Kubernetes Node Agent.\n';

describe('fleet summary', () => {
  it('comes first when there is more than one node', async () => {
    const r = await runCli([...ARGS, 'samples/seed-ubuntu-k8s-3.log', 'samples/modern-memory-eviction.log']);
    const lines = r.stdout.split('\n');
    expect(lines.slice(2, 6)).toEqual([
      'Fleet: 2 nodes, 2 under pressure: ubuntu-k8s-3, worker-3',
      '  incidents by resource: memory 2, nodefs 1',
      '  pods evicted: 3 (worker-3 3)',
      '  admissions rejected: 2,123 (ubuntu-k8s-3 2,118, worker-3 5)',
    ]);
    // then one lane per node, in order of first appearance
    expect(lines.filter((l) => l.startsWith('== node ')).map((l) => l.slice(8, -3))).toEqual(['ubuntu-k8s-3', 'worker-3']);
  });
  it('is absent for one node', async () => {
    const r = await runCli([...ARGS, 'samples/modern-memory-eviction.log']);
    expect(r.stdout).not.toContain('Fleet:');
  });
  it('one merged stream of several nodes: nodes without pressure are counted but not listed', () => {
    const text = read('samples/modern-memory-eviction.log') + QUIET;
    const t = analyzeString(text);
    expect(t.nodes.map((n) => n.name)).toEqual(['worker-3', 'quiet-1']);
    expect(fleetSummary(t)[0]).toBe('Fleet: 2 nodes, 1 under pressure: worker-3');
  });
});
