/** The README's example output is the tool's real output, and its library example runs: docs cannot rot. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
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

describe("README's library example", () => {
  const section = readme.slice(readme.indexOf('## Library'));
  const code = /```js\n([\s\S]*?)```/.exec(section)![1]!;
  const prints = /prints\n\n```\n([\s\S]*?)```/.exec(section)![1]!;
  // inside the package, so that `import 'klog-eviction'` resolves to the package itself
  // (a self-reference through its `exports`, as a dependent project resolves it)
  const dir = new URL('artifacts/readme/', import.meta.url);
  mkdirSync(dir, { recursive: true });

  it('runs against the built package and prints what the README says', () => {
    const file = fileURLToPath(new URL('example.mjs', dir));
    writeFileSync(file, code);
    const r = spawnSync(process.execPath, [file], { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(prints);
  });

  it('type-checks as TypeScript against the published declarations', () => {
    const file = fileURLToPath(new URL('example.mts', dir));
    writeFileSync(file, `${code}\nexport {};\n`);
    const program = ts.createProgram([file], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      types: ['node'],
      skipLibCheck: true,
    });
    const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diags).toEqual([]);
    // it really resolved to the package's declarations
    expect(program.getSourceFiles().some((f) => f.fileName.endsWith('/dist/index.d.ts'))).toBe(true);
  });
});
