/** The README's example output is the tool's real output: docs cannot rot. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('starts with the two commands a newcomer runs', () => {
    const first = readme.split('\n').slice(0, 5).join('\n');
    expect(first).toContain('npm ci && npm start');
    expect(first).toContain('npm ci && npm test');
  });
  it('shows the real output of the command it shows', async () => {
    const m = /```\n\$ klog-eviction ([^\n#]*?)\s+#[^\n]*\n([\s\S]*?)```/.exec(readme);
    expect(m).not.toBeNull();
    const r = await runCli(m![1]!.split(/\s+/));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(m![2]);
  });
  it('npm start runs the command the README shows', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start']).toContain('--year 2017 --timezone Asia/Shanghai samples/seed-ubuntu-k8s-3.log');
  });
});
